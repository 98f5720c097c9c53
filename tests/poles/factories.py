import factory

from ptce.poles.location import pole_locate
from ptce.poles.models import Membership, PersonRole, Place, Pole, PolePerson, Verification
from tests.organisations.factories import OrganisationFactory
from tests.territories.factories import CommuneFactory, RegionFactory


class PoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pole
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Pôle coopératif {n}")
    slug = factory.Sequence(lambda n: f"pole-cooperatif-{n}")
    summary = "Un pôle qui coopère."
    region = factory.SubFactory(RegionFactory)
    verification = Verification.VERIFIED
    is_published = True

    @factory.post_generation
    def locate(pole, create, extracted, **kwargs):
        # As the services do: the stored map point follows the région given.
        if create:
            pole_locate(pole=pole)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place
        skip_postgeneration_save = True

    pole = factory.SubFactory(PoleFactory)
    name = factory.Sequence(lambda n: f"Tiers-lieu {n}")
    commune = factory.SubFactory(CommuneFactory)
    latitude = 43.6
    longitude = 1.44

    @factory.post_generation
    def locate(place, create, extracted, **kwargs):
        # As `place_save` does: the pole's stored map point follows its places.
        if create:
            pole_locate(pole=place.pole)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    pole = factory.SubFactory(PoleFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "membre"


class PolePersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolePerson

    pole = factory.SubFactory(PoleFactory)
    user = factory.SubFactory("tests.core.factories.UserFactory")
    role = PersonRole.MEMBER


def published_pole(**fields) -> Pole:
    """A verified pole published the way its team does it: through the service, which renews
    the public caches (a factory alone writes behind the caches' back)."""
    from ptce.poles.services import pole_update

    return pole_update(pole=PoleFactory(is_published=False, **fields), is_published=True)
