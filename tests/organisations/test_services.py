import pytest
from django.core.exceptions import ValidationError

from ptce.organisations.models import Organisation
from ptce.organisations.services import organisation_create, organisation_update
from tests.core.factories import UserFactory
from tests.organisations.factories import OrganisationFactory, valid_siret
from tests.territories.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def messages_of(caught) -> dict:
    return caught.value.message_dict


def test_it_creates_an_organisation_with_normalised_identifiers():
    author = UserFactory()
    commune = CommuneFactory(code="31555", name="Toulouse")
    organisation = organisation_create(
        name="  Recyclerie du Touch ",
        legal_category="association",
        siret="732 829 320 00074",
        rna="w31 100 0123",
        naf_code="8899b",
        commune=commune,
        website="https://recyclerie.example",
        created_by=author,
    )
    organisation.refresh_from_db()
    assert organisation.name == "Recyclerie du Touch"
    assert organisation.siret == "73282932000074"
    assert organisation.rna == "W311000123"
    assert organisation.naf_code == "88.99B"
    assert organisation.commune == commune
    assert organisation.created_by == author
    assert organisation.search_name == "recyclerie du touch"
    assert organisation.history.count() == 1


def test_empty_identifiers_are_stored_as_null_so_several_organisations_may_lack_one():
    first = organisation_create(name="Mairie de Muret", legal_category="collectivite", siret="")
    second = organisation_create(name="Mairie de Blagnac", legal_category="collectivite", rna="")
    assert first.siret is None
    assert first.rna is None
    assert second.siret is None
    assert second.rna is None


def test_a_duplicate_siret_names_the_existing_organisation_and_writes_nothing():
    OrganisationFactory(name="Coopérative des Coteaux", siret="73282932000074")
    with pytest.raises(ValidationError) as caught:
        organisation_create(
            name="Doublon", legal_category="scop", siret="732 829 320 00074", naf_code="88.99B"
        )
    assert "« Coopérative des Coteaux »" in messages_of(caught)["siret"][0]
    assert "déjà enregistrée avec ce SIRET" in messages_of(caught)["siret"][0]
    assert Organisation.objects.count() == 1
    assert not Organisation.objects.filter(name="Doublon").exists()


def test_a_duplicate_rna_number_names_the_existing_association():
    OrganisationFactory(name="Les Jardins partagés", siret=None, rna="W311000123")
    with pytest.raises(ValidationError) as caught:
        organisation_create(name="Autre", legal_category="association", rna="w311000123")
    assert "« Les Jardins partagés »" in messages_of(caught)["rna"][0]
    assert Organisation.objects.count() == 1


def test_an_invalid_identifier_is_reported_on_its_field_and_nothing_is_written():
    with pytest.raises(ValidationError) as caught:
        organisation_create(
            name="Essai", legal_category="scop", siret="73282932000079", naf_code="99.99Z"
        )
    errors = messages_of(caught)
    assert "clé de contrôle" in errors["siret"][0]
    assert "n’existe pas" in errors["naf_code"][0]
    assert not Organisation.objects.exists()


def test_a_scop_without_siret_is_refused():
    with pytest.raises(ValidationError) as caught:
        organisation_create(name="SCOP sans SIRET", legal_category="scop")
    assert "Le SIRET est obligatoire" in messages_of(caught)["siret"][0]
    assert not Organisation.objects.exists()


def test_ess_quality_on_an_association_is_refused_not_ignored():
    with pytest.raises(ValidationError) as caught:
        organisation_create(
            name="Asso", legal_category="association", rna="W751234567", ess_quality=True
        )
    assert "ess_quality" in messages_of(caught)
    assert not Organisation.objects.exists()


def test_a_commercial_company_with_recognised_ess_quality_is_ess():
    organisation = organisation_create(
        name="Garage solidaire SAS",
        legal_category="societe_commerciale",
        siret=valid_siret(5),
        ess_quality=True,
    )
    assert organisation.is_ess


def test_it_updates_fields_and_keeps_the_search_name_in_step():
    organisation = OrganisationFactory(name="Ancien nom")
    organisation_update(organisation=organisation, name="Épicerie Solidaire", naf_code="4711 D")
    organisation.refresh_from_db()
    assert organisation.name == "Épicerie Solidaire"
    assert organisation.search_name == "epicerie solidaire"
    assert organisation.naf_code == "47.11D"


def test_an_organisation_may_keep_its_own_siret_on_update():
    organisation = OrganisationFactory(siret="73282932000074")
    organisation_update(organisation=organisation, siret="732 829 320 00074", name="Renommée")
    organisation.refresh_from_db()
    assert organisation.name == "Renommée"


def test_an_update_to_another_organisations_siret_is_refused_and_changes_nothing():
    OrganisationFactory(name="Première", siret="73282932000074")
    second = OrganisationFactory(name="Seconde")
    original_siret = second.siret
    with pytest.raises(ValidationError) as caught:
        organisation_update(organisation=second, siret="73282932000074", name="Changée")
    assert "« Première »" in messages_of(caught)["siret"][0]
    # Neither the database nor the object in memory keep the refused values.
    assert second.siret == original_siret
    assert second.name == "Seconde"
    second.refresh_from_db()
    assert second.siret == original_siret
    assert second.name == "Seconde"


def test_update_refuses_fields_it_does_not_manage():
    organisation = OrganisationFactory()
    with pytest.raises(TypeError):
        organisation_update(organisation=organisation, created_by=None)
