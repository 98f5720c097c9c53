"""The search forgives typos and word order, and a commune finds the poles in or near it; the
same cases give the same poles in the same order on SQLite and PostgreSQL (run on both)."""

import pytest
from django.core.cache import cache

from ptce.poles.forgiving import forgiving_pole_ids
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory, PlaceFactory, PoleFactory
from tests.territories.factories import CommuneFactory, DepartementFactory


@pytest.fixture
def poles(region):
    garonne = DepartementFactory(code="31", name="Haute-Garonne", region=region)
    herault = DepartementFactory(code="34", name="Hérault", region=region)
    toulouse = CommuneFactory(
        code="31555", name="Toulouse", departement=garonne, latitude=43.6045, longitude=1.444
    )
    blagnac = CommuneFactory(
        code="31069", name="Blagnac", departement=garonne, latitude=43.6373, longitude=1.3900
    )
    montpellier = CommuneFactory(
        code="34172", name="Montpellier", departement=herault, latitude=43.6109, longitude=3.8772
    )
    found = {
        "montpellier": PoleFactory(name="Pôle Numérique solidaire de Montpellier"),
        "blagnac": PoleFactory(name="Pôle Aéro-recyclage"),
        "members": PoleFactory(name="Pôle des Coteaux"),
        "hidden": PoleFactory(name="Pôle de Montpellier caché", is_published=False),
    }
    PlaceFactory(pole=found["montpellier"], commune=montpellier, latitude=43.61, longitude=3.87)
    PlaceFactory(pole=found["blagnac"], commune=blagnac, latitude=43.6373, longitude=1.39)
    PlaceFactory(pole=found["members"], commune=montpellier, latitude=43.3, longitude=3.5)
    MembershipFactory(
        pole=found["members"],
        organisation=OrganisationFactory(name="Ressourcerie du Capitole", commune=toulouse),
    )
    cache.clear()
    return found


def ids(*names, poles):
    return [poles[name].pk for name in names]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Montpelier", ["montpellier", "members"]),  # one letter off; then by its place
        ("montpellier numerique", ["montpellier"]),
        ("solidaire numérique", ["montpellier"]),  # word order
        ("Numerque solidaire", ["montpellier"]),  # a letter missing
        ("ressourcerie", ["members"]),  # a member's name
        ("Ressourcery du Capitol", ["members"]),  # a member's name, misspelt
        ("aero recyclage", ["blagnac"]),
    ],
)
def test_typos_and_word_order_are_forgiven(poles, query, expected):
    assert forgiving_pole_ids(query) == ids(*expected, poles=poles)


def test_a_commune_finds_the_poles_of_its_members_then_those_near_it(poles):
    # « members »: a member is in Toulouse; « blagnac »: its place is 7 km away.
    assert forgiving_pole_ids("Toulouse") == ids("members", "blagnac", poles=poles)


def test_every_significant_word_must_be_found(poles):
    assert forgiving_pole_ids("numerique recyclage") == []


def test_an_unpublished_pole_is_never_found(poles):
    assert poles["hidden"].pk not in forgiving_pole_ids("Montpellier caché")


def test_a_short_or_empty_query_finds_nothing(poles):
    assert forgiving_pole_ids("") == forgiving_pole_ids("a") == []
