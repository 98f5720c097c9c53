import re

import pytest
from django.urls import reverse

from ptce.territories.views import PAGE_LIMIT
from tests.conftest import ROLES
from tests.territories.factories import CommuneFactory, DepartementFactory, EpciFactory

SEARCH = reverse("territories:commune_search")
SUGGEST = reverse("territories:commune_autocomplete")
# ATOMIC_REQUESTS wraps each request in a savepoint and its release: 2 queries.
ONE_QUERY = 1 + 2


@pytest.fixture
def toulouse(db):
    return CommuneFactory(
        code="31555",
        name="Toulouse",
        postal_codes="31000 31100",
        population=514_819,
        epci=EpciFactory(code="243100518", name="Toulouse Métropole"),
    )


def make_villes(count):
    departement = DepartementFactory(code="31")
    epci = EpciFactory()
    return [
        CommuneFactory(
            code=f"31{n:03d}", name=f"Villeneuve {n}", departement=departement, epci=epci
        )
        for n in range(count)
    ]


def test_the_urls_are_under_territoires():
    assert SEARCH == "/territoires/communes/"
    assert SUGGEST == "/territoires/communes/suggestions/"


@pytest.mark.parametrize("role", ROLES)
def test_everyone_can_search_communes(client_as, role, toulouse):
    response = client_as(role).get(SEARCH, {"q": "toulouse"})

    assert response.status_code == 200
    assert "Toulouse Métropole" in response.content.decode()


def test_results_show_code_name_postal_codes_departement_region_epci_population(client, toulouse):
    response = client.get(SEARCH, {"q": "31000"})

    html = response.content.decode()
    assert '<div class="fr-table' in html
    for text in ("31555", "Toulouse", "31000 31100", "Haute-Garonne (31)", "Occitanie"):
        assert text in html
    assert "Toulouse Métropole" in html
    assert re.search(r"<td>514\s819</td>", html)  # grouped the French way
    assert "1 commune trouvée." in html


def test_an_empty_query_explains_what_to_type(client, toulouse):
    for params in ({}, {"q": ""}):
        html = client.get(SEARCH, params).content.decode()
        assert "Saisissez le nom d’une commune (au moins 2 caractères)" in html
        assert "<table" not in html


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("t", "Saisissez au moins 2 caractères."),
        ("x" * 5000, "Saisissez 100 caractères au plus."),
        ("%%__**", "Saisissez des lettres ou des chiffres."),
        ("\x00\x00", "Le caractère nul n’est pas autorisé."),
    ],
)
def test_bad_queries_get_a_french_message_not_an_error(client, toulouse, q, message):
    response = client.get(SEARCH, {"q": q})

    assert response.status_code == 200
    html = response.content.decode()
    assert "La recherche n’a pas pu être faite" in html
    assert message in html
    assert "<table" not in html


@pytest.mark.parametrize("q", ["<script>alert(1)</script>", "'; DROP TABLE x; --", "ÉÈÊ œ ß 漢字"])
def test_weird_characters_are_answered_with_no_result(client, toulouse, q):
    response = client.get(SEARCH, {"q": q})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "Aucune commune ne correspond" in html or "lettres ou des chiffres" in html


def test_results_are_bounded_and_the_page_says_so(client, db):
    make_villes(PAGE_LIMIT + 5)

    html = client.get(SEARCH, {"q": "villeneuve"}).content.decode()

    assert html.count('<th scope="row">Villeneuve') == PAGE_LIMIT
    assert f"Plus de {PAGE_LIMIT} communes correspondent" in html


@pytest.mark.parametrize("count", [5, 50])
def test_the_search_page_runs_one_query_whatever_the_number_of_results(
    client, db, django_assert_num_queries, count
):
    make_villes(count)

    with django_assert_num_queries(ONE_QUERY):
        response = client.get(SEARCH, {"q": "villeneuve"})

    assert response.content.decode().count('<th scope="row">Villeneuve') == count


@pytest.mark.parametrize("count", [5, 50])
def test_the_search_page_for_a_signed_in_user_runs_a_constant_number_of_queries(
    client_as, db, django_assert_num_queries, count
):
    client = client_as("outsider")
    make_villes(count)

    with django_assert_num_queries(ONE_QUERY + 2):  # and the session, the user
        client.get(SEARCH, {"q": "villeneuve"})


def test_suggestions_are_listbox_options_carrying_the_label_to_type(client, toulouse):
    response = client.get(SUGGEST, {"q": "toul"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<li role="option" aria-selected="false"' in html
    assert 'data-ptce-value="Toulouse (31)"' in html
    assert "<html" not in html


def test_suggestions_read_the_field_named_by_htmx(client, toulouse):
    response = client.get(SUGGEST, {"champ": "lieu-commune", "lieu-commune": "31000"})

    assert 'data-ptce-value="Toulouse (31)"' in response.content.decode()


@pytest.mark.parametrize("q", ["", "t", "x" * 101, "\x00abc", "%%"])
def test_suggestions_for_short_or_bad_input_are_empty(client, toulouse, q):
    response = client.get(SUGGEST, {"q": q})

    assert response.status_code == 200
    assert response.content.decode().strip() == ""


@pytest.mark.parametrize("count", [5, 50])
def test_suggestions_run_one_query_and_are_bounded(client, db, django_assert_num_queries, count):
    make_villes(count)

    with django_assert_num_queries(ONE_QUERY):
        response = client.get(SUGGEST, {"q": "ville"})

    assert response.content.decode().count('role="option"') == min(count, 10)


def test_the_pages_only_answer_get(client, db):
    assert client.post(SEARCH, {"q": "toulouse"}).status_code == 405
    assert client.post(SUGGEST, {"q": "toulouse"}).status_code == 405


def test_the_territories_root_leads_to_the_commune_search(client, db):
    response = client.get("/territoires/", {"q": "toulouse"})

    assert response.status_code == 302
    assert response["Location"] == f"{SEARCH}?q=toulouse"
