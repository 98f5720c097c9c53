import pytest
from django.core.exceptions import ValidationError

from ptce.organisations.models import LegalCategory, Organisation, family, is_ess
from tests.organisations.factories import OrganisationFactory, valid_siret

# `full_clean` looks for duplicates in the database.
pytestmark = pytest.mark.django_db

ESS_BY_STATUS = [
    LegalCategory.ASSOCIATION,
    LegalCategory.COOPERATIVE,
    LegalCategory.SCIC,
    LegalCategory.SCOP,
    LegalCategory.MUTUELLE,
    LegalCategory.FONDATION,
    LegalCategory.ENTREPRISE_ESS,
]
NEVER_ESS = [
    LegalCategory.COLLECTIVITE,
    LegalCategory.UNIVERSITE,
    LegalCategory.RECHERCHE,
    LegalCategory.FORMATION,
    LegalCategory.PERSONNE_PHYSIQUE,
    LegalCategory.AUTRE,
]


def test_every_legal_category_is_sorted_into_ess_or_not():
    assert set(ESS_BY_STATUS) | set(NEVER_ESS) | {LegalCategory.SOCIETE_COMMERCIALE} == set(
        LegalCategory
    )


@pytest.mark.parametrize("category", ESS_BY_STATUS)
def test_these_categories_are_ess_by_status(category):
    assert is_ess(category, ess_quality=False)
    assert family(category, ess_quality=False) == "ess"


@pytest.mark.parametrize("category", NEVER_ESS)
def test_these_categories_are_not_ess(category):
    assert not is_ess(category, ess_quality=False)
    assert family(category, ess_quality=False) != "ess"


def test_a_commercial_company_is_ess_only_when_its_ess_quality_is_recognised():
    assert not is_ess(LegalCategory.SOCIETE_COMMERCIALE, ess_quality=False)
    assert family(LegalCategory.SOCIETE_COMMERCIALE, ess_quality=False) == "entreprise"
    assert is_ess(LegalCategory.SOCIETE_COMMERCIALE, ess_quality=True)
    assert family(LegalCategory.SOCIETE_COMMERCIALE, ess_quality=True) == "ess"


def test_families_of_partners_named_by_article_9():
    assert family(LegalCategory.COLLECTIVITE, False) == "collectivite"
    assert family(LegalCategory.UNIVERSITE, False) == "recherche_formation"
    assert family(LegalCategory.PERSONNE_PHYSIQUE, False) == "autre"


def clean_errors(**fields) -> dict:
    organisation = Organisation(name="Essai", **fields)
    with pytest.raises(ValidationError) as caught:
        organisation.full_clean()
    return caught.value.message_dict


def test_ess_quality_is_refused_on_a_category_that_is_ess_by_status():
    errors = clean_errors(legal_category="scop", siret=valid_siret(1), ess_quality=True)
    assert "relève déjà de l’ESS par son statut" in errors["ess_quality"][0]


def test_ess_quality_is_refused_on_a_category_that_cannot_be_ess():
    errors = clean_errors(legal_category="collectivite", ess_quality=True)
    assert "société commerciale" in errors["ess_quality"][0]


def test_ess_quality_is_accepted_on_a_commercial_company():
    Organisation(
        name="Garage", legal_category="societe_commerciale", siret=valid_siret(1), ess_quality=True
    ).full_clean()


def test_an_association_needs_a_siret_or_an_rna_number():
    errors = clean_errors(legal_category="association")
    assert errors["siret"] == [
        "Indiquez le SIRET ou le numéro RNA de l’association (au moins l’un des deux)."
    ]
    Organisation(name="A", legal_category="association", rna="W751234567").full_clean()
    Organisation(name="A", legal_category="association", siret=valid_siret(1)).full_clean()
    Organisation(
        name="A", legal_category="association", siret=valid_siret(1), rna="W751234567"
    ).full_clean()


@pytest.mark.parametrize("category", ["personne_physique", "collectivite"])
def test_a_person_or_a_local_authority_may_have_no_identifier(category):
    Organisation(name="Sans identifiant", legal_category=category).full_clean()


@pytest.mark.parametrize("category", ["scic", "societe_commerciale", "universite", "autre"])
def test_other_categories_need_a_siret(category):
    assert "Le SIRET est obligatoire" in clean_errors(legal_category=category)["siret"][0]


def test_only_associations_have_an_rna_number():
    errors = clean_errors(legal_category="scop", siret=valid_siret(1), rna="W751234567")
    assert "réservé aux associations" in errors["rna"][0]


def test_the_search_name_follows_the_name(db):
    organisation = OrganisationFactory(name="Régie de Quartier Saint-Étienne")
    assert organisation.search_name == "regie de quartier saint etienne"


def test_the_record_shows_its_siret_grouped_and_its_naf_label():
    organisation = Organisation(siret="73282932000074", naf_code="88.99B")
    assert organisation.siret_display == "732 829 320 00074"
    assert organisation.naf_label == "Action sociale sans hébergement n.c.a."
