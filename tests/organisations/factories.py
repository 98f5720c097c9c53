import factory
from stdnum.fr import siret as siret_number

from ptce.organisations.models import LegalCategory, Organisation
from tests.territories.factories import CommuneFactory


def valid_siret(n: int) -> str:
    """A SIRET that passes the Luhn check, derived from n (SIREN = 8 digits + check digit)."""
    from stdnum import luhn

    siren_base = f"{(n * 7919) % 10**8:08d}"
    siren = siren_base + luhn.calc_check_digit(siren_base)
    nic_base = f"{n % 10000:04d}"
    candidate = siren + nic_base
    return candidate + luhn.calc_check_digit(candidate)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True  # `check_siret` changes nothing

    name = factory.Sequence(lambda n: f"Organisation {n}")
    siret = factory.Sequence(lambda n: valid_siret(n + 1))
    legal_category = LegalCategory.ASSOCIATION
    commune = factory.SubFactory(CommuneFactory)

    @factory.post_generation
    def check_siret(obj, create, extracted, **kwargs):
        assert obj.siret is None or siret_number.is_valid(obj.siret)
