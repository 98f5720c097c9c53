import pytest

from ptce.organisations.selectors import (
    MAX_RESULTS,
    organisation_by_identifier,
    organisation_search,
)
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    return {
        "regie": OrganisationFactory(
            name="Régie de quartier Saint-Étienne", siret="73282932000074"
        ),
        "jardins": OrganisationFactory(name="Les Jardins d’Éole", siret=None, rna="W311000123"),
        "mairie": OrganisationFactory(name="Mairie de Muret", legal_category="collectivite"),
    }


@pytest.mark.parametrize("query", ["regie", "RÉGIE", "quartier st etienne", "Saint-Étienne"])
def test_the_search_ignores_case_accents_and_word_order(registry, query):
    assert organisation_search(query) == [registry["regie"]]


def test_every_word_must_match(registry):
    assert organisation_search("jardins muret") == []


@pytest.mark.parametrize("query", ["732 829 320 00074", "73282932000074", "732829320"])
def test_the_search_finds_a_siret_or_every_establishment_of_a_siren(registry, query):
    assert organisation_search(query) == [registry["regie"]]


@pytest.mark.parametrize("query", ["W311000123", "w311000123", "W31 100 0123"])
def test_the_search_finds_an_rna_number(registry, query):
    assert organisation_search(query) == [registry["jardins"]]


def test_an_empty_search_finds_nothing(registry):
    assert organisation_search("") == []
    assert organisation_search("  -- ") == []


def test_the_search_is_bounded():
    OrganisationFactory.create_batch(MAX_RESULTS + 5, name="Recyclerie")
    assert len(organisation_search("recyclerie")) == 20
    assert len(organisation_search("recyclerie", limit=1000)) == MAX_RESULTS


def test_the_search_costs_one_query(registry, django_assert_num_queries):
    with django_assert_num_queries(1):
        results = organisation_search("mairie")
        assert results[0].commune.name  # commune comes with the organisation


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("732 829 320 00074", "regie"),
        ("73282932000074", "regie"),
        ("w311000123", "jardins"),
    ],
)
def test_an_organisation_is_found_by_its_identifier_in_any_typed_form(registry, value, key):
    assert organisation_by_identifier(value) == registry[key]


@pytest.mark.parametrize("value", ["", "Régie", "73282932000079", "W999999999"])
def test_an_unknown_or_invalid_identifier_finds_nothing(registry, value):
    assert organisation_by_identifier(value) is None
