"""Organisations and memberships created in bulk (an import): a row skips `full_clean` only when
it surely passes it, so each row is accepted or refused, with the same French message, exactly
as `full_clean` would; the instances made directly are those the model would make."""

import pytest
from django.core.exceptions import ValidationError

from ptce.core.bulk import instance_maker
from ptce.organisations.models import Organisation
from ptce.organisations.services import _assign
from ptce.organisations.services_bulk import RowRefused, organisation_bulk_create
from ptce.poles.models import Membership
from ptce.poles.services_members import membership_bulk_add
from ptce.territories.text import search_key
from tests.organisations.factories import valid_siret
from tests.poles.factories import PoleFactory
from tests.territories.factories import CommuneFactory

pytestmark = pytest.mark.django_db

ASSOCIATION = {"name": "Recyclerie du Couserans", "legal_category": "association"}
ROWS = [
    {**ASSOCIATION, "siret": valid_siret(7)},
    {**ASSOCIATION, "rna": "w09 1234567", "naf_code": "8899b", "headcount_band": "03"},
    {**ASSOCIATION, "siret": valid_siret(8), "name": "  Espaces autour  "},
    {**ASSOCIATION, "siret": valid_siret(9), "website": "exemple.fr"},
    {**ASSOCIATION, "siret": valid_siret(10), "website": "https://exemple.fr/page"},
    {**ASSOCIATION, "siret": valid_siret(11), "website": "https://" + "a" * 200 + ".fr"},
    {**ASSOCIATION, "siret": valid_siret(12), "name": ""},
    {**ASSOCIATION, "siret": valid_siret(13), "name": "x" * 201},
    {**ASSOCIATION, "siret": valid_siret(14), "name": "!!!"},
    {**ASSOCIATION, "siret": valid_siret(16), "address": "a" * 251},
    {**ASSOCIATION, "siret": valid_siret(17), "headcount_band": "99"},
    {**ASSOCIATION, "siret": valid_siret(18), "legal_category": "inconnue"},
    {**ASSOCIATION, "siret": "73282932000079"},
    ASSOCIATION,
    {"name": "Scop Bois d’ici", "legal_category": "scop"},
    {"name": "Scop Bois d’ici", "legal_category": "scop", "rna": "W091234567"},
    {"name": "Mairie de Foix", "legal_category": "collectivite"},
]


def _full_clean_verdict(fields: dict):
    """What `full_clean` says of the row, as the bulk service asks it: None if it passes."""
    organisation = Organisation()
    try:
        _assign(organisation, fields)
        organisation.search_name = search_key(organisation.name)
        organisation.full_clean(
            exclude=["commune", "created_by", "siret", "rna", "naf_code"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        return error.messages
    return None


@pytest.mark.parametrize("fields", ROWS)
def test_a_row_is_accepted_or_refused_as_full_clean_would(fields):
    expected = _full_clean_verdict(fields)
    if expected is None:
        (created,) = organisation_bulk_create(rows=[fields])
        stored = Organisation.objects.get(pk=created.pk)
        assert stored.search_name == search_key(stored.name)
        assert stored.name == str(fields["name"]).strip()
        assert stored.history.count() == 1
    else:
        with pytest.raises(RowRefused) as refused:
            organisation_bulk_create(rows=[{**ASSOCIATION, "siret": valid_siret(1)}, fields])
        assert refused.value.index == 1
        assert refused.value.messages == expected
        assert not Organisation.objects.exists()


def test_an_instance_made_directly_is_the_one_the_model_makes():
    commune = CommuneFactory()
    values = {**ASSOCIATION, "siret": valid_siret(3), "commune": commune, "created_by": None}
    quick, model = instance_maker(Organisation)(values), Organisation(**values)
    for field in Organisation._meta.concrete_fields:
        assert getattr(quick, field.attname) == getattr(model, field.attname), field.name
    assert quick.commune is commune
    assert quick._state.adding
    assert quick._state.db is None
    with pytest.raises(TypeError):
        instance_maker(Organisation)({**values, "no_such_field": 1})


def test_memberships_in_bulk_take_each_role_and_refuse_an_unknown_one():
    pole = PoleFactory()
    organisations = organisation_bulk_create(
        rows=[{**ASSOCIATION, "name": f"Association {n}", "rna": f"W09123456{n}"} for n in range(4)]
    )
    roles = ["membre", "partenaire", "membre", "financeur"]
    membership_bulk_add(pole=pole, members=list(zip(organisations[:3], roles[:3], strict=True)))
    stored = dict(Membership.objects.filter(pole=pole).values_list("organisation_id", "role"))
    assert stored == {o.pk: r for o, r in zip(organisations[:3], roles[:3], strict=True)}
    assert Membership.history.model.objects.filter(pole=pole).count() == 3
    with pytest.raises(ValidationError) as refused:
        membership_bulk_add(pole=pole, members=[(organisations[3], "mécène")])
    assert "n’est pas un choix valide" in " ".join(refused.value.messages)
    assert Membership.objects.filter(pole=pole).count() == 3
