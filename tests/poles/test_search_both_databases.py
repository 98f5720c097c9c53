"""The same search cases give the same poles in the same order on SQLite and PostgreSQL: the
whole search (words as typed in names, summaries, filières and communes through the database,
then the forgiving additions) and the directory that shows it. Run on both (CI does)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from ptce.poles.search import pole_ids, search_words
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory, PlaceFactory, PoleFactory
from tests.territories.factories import CommuneFactory, DepartementFactory

# Names whose order differs between a binary and a linguistic collation if the database
# sorted them (spaces, hyphens, capitals, accents): the search must not let it.
POLES = {
    "citoyenne": ("Pôle Énergie citoyenne", "Coopératives d’énergie renouvelable", "toulouse"),
    "plus": ("Pôle énergie-plus", "Un collectif d’artisans", "toulouse"),
    "muret": ("Pôle des énergies du Muretain", "Éolien et solaire partagés", "muret"),
    "numerique": ("Pôle Numérique solidaire de Montpellier", "Des ateliers", "montpellier"),
    "economie": ("pôle de l’Économie sociale", "Une ressourcerie", None),
    "capitale": ("Pôle Économie Sociale et Solidaire", "Le réseau des acteurs", None),
}


@pytest.fixture
def poles(region):
    garonne = DepartementFactory(code="31", name="Haute-Garonne", region=region)
    herault = DepartementFactory(code="34", name="Hérault", region=region)
    communes = {
        "toulouse": CommuneFactory(
            code="31555", name="Toulouse", departement=garonne, latitude=43.6045, longitude=1.444
        ),
        "muret": CommuneFactory(
            code="31395", name="Muret", departement=garonne, latitude=43.4613, longitude=1.3265
        ),
        "montpellier": CommuneFactory(
            code="34172",
            name="Montpellier",
            departement=herault,
            latitude=43.6109,
            longitude=3.8772,
        ),
    }
    found = {}
    for key, (name, summary, commune) in POLES.items():
        found[key] = PoleFactory(name=name, summary=summary, region=region)
        if commune:
            place = communes[commune]
            PlaceFactory(
                pole=found[key], commune=place, latitude=place.latitude, longitude=place.longitude
            )
    found["citoyenne"].sectors.set(["energie"])
    found["muret"].sectors.set(["energie"])
    MembershipFactory(
        pole=found["economie"],
        organisation=OrganisationFactory(
            name="Ressourcerie du Capitole", commune=communes["toulouse"]
        ),
    )
    PoleFactory(name="Pôle Énergie caché", is_published=False, region=region)
    cache.clear()
    return found


CASES = [
    ("energie", ["muret", "citoyenne", "plus"]),  # « énergies » holds « energie »
    ("ÉNERGIE", ["muret", "citoyenne", "plus"]),  # capitals and accents
    ("citoyenne énergie", ["citoyenne"]),  # word order
    ("Energie Citoyene", ["citoyenne"]),  # a letter missing
    ("eolien", ["muret"]),  # a summary written with accents
    ("economie sociale", ["economie", "capitale"]),  # by name, capitals and accents aside
    ("Economie Socialle", ["economie", "capitale"]),  # a typo: the same order
    ("ressourcerie", ["economie"]),  # a summary, and a member's name
    ("Montpelier", ["numerique"]),  # a commune, misspelt
    # Places there, then a member there, then a pole near.
    ("Toulouse", ["citoyenne", "plus", "economie", "muret"]),
    ("muret energies", ["muret"]),
]


def keys(found_ids, poles) -> list[str]:
    by_id = {pole.pk: key for key, pole in poles.items()}
    return [by_id[pk] for pk in found_ids]


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_the_search_finds_the_same_poles_in_the_same_order(poles, query, expected):
    assert keys(pole_ids(query, search_words(query)), poles) == expected


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_the_directory_lists_them_in_that_order(client, poles, query, expected):
    response = client.get(reverse("poles:directory"), {"q": query})
    assert [pole.name for pole in response.context["page"]] == [POLES[key][0] for key in expected]
