"""The search forgives typos and word order, and a commune finds the poles in or near it; the
same cases give the same poles in the same order on SQLite and PostgreSQL (run on both)."""

import pytest
from django.core.cache import cache

from ptce.poles.forgiving import INDEX_KEY, forgiving_pole_ids
from ptce.poles.services import pole_update
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


def test_once_built_a_change_is_indexed_by_a_job_while_searches_use_the_last_index(
    poles, job_queue, django_capture_on_commit_callbacks
):
    assert forgiving_pole_ids("aero recyclage") == [poles["blagnac"].pk]
    hidden = poles["hidden"]
    pole_update(pole=hidden, is_published=True)

    with django_capture_on_commit_callbacks(execute=True):
        assert hidden.pk not in forgiving_pole_ids("montpelier cache")
        assert hidden.pk not in forgiving_pole_ids("montpelier cache")
    assert [task.name for task in job_queue.pending()] == ["forgiving_index_refresh"]

    assert job_queue.run() == 1
    assert forgiving_pole_ids("montpelier cache") == [hidden.pk]


def test_a_process_decodes_each_build_of_the_index_once(poles, monkeypatch):
    forgiving_pole_ids("aero recyclage")
    reads = []
    read = cache.get
    monkeypatch.setattr(
        cache, "get", lambda key, *args, **kwargs: reads.append(key) or read(key, *args, **kwargs)
    )

    assert forgiving_pole_ids("coteaux") == [poles["members"].pk]
    assert forgiving_pole_ids("aero") == [poles["blagnac"].pk]
    assert reads  # the current build's id, read in the shared cache by each search
    assert INDEX_KEY not in reads


def test_a_pole_unpublished_since_the_last_index_is_never_shown_by_the_search(
    client, poles, job_queue, django_capture_on_commit_callbacks
):
    montpellier = poles["montpellier"]
    assert (
        montpellier.name in client.get("/recherche/", {"q": "numerique solidaire"}).content.decode()
    )
    pole_update(pole=montpellier, is_published=False)

    with django_capture_on_commit_callbacks(execute=True):
        page = client.get("/recherche/", {"q": "numerique solidaire"}).content.decode()

    assert montpellier.pk in forgiving_pole_ids("numerique solidaire")  # the last index
    assert montpellier.name not in page
