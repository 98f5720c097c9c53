"""The API's poles list with `near`, `radius` and `q`: nearest first with the distance, most
relevant first, bad values in French (the map's test world, whose fixtures are imported)."""
# ruff: noqa: F811

import pytest
from django.core.cache import cache

from tests.public.test_api import get
from tests.public.test_map_near import geography, poles  # noqa: F401  (fixtures)
from tests.public.test_opendata import bulk_poles


def slugs(page) -> list[str]:
    return [pole["slug"] for pole in page["results"]]


def test_near_a_commune_lists_the_poles_nearest_first_with_their_distance(client, poles):
    page = get(client, "/poles/", {"near": "Toulouse", "radius": 50})

    assert page["count"] == 2
    assert slugs(page) == ["toulousain", "muretain"]
    assert [pole["distance_km"] for pole in page["results"]] == [0.0, pytest.approx(18.6, 1)]


def test_near_a_postal_code_with_the_widest_radius_reaches_foix(client, poles):
    page = get(client, "/poles/", {"near": "31000", "radius": 100})
    assert slugs(page) == ["toulousain", "muretain", "pays-de-foix"]


def test_near_pages_keep_the_distance_order(client, poles):
    first = get(client, "/poles/", {"near": "Toulouse", "radius": 100, "limit": 2})
    second = get(client, "/poles/", {"near": "Toulouse", "radius": 100, "limit": 2, "offset": 2})

    assert first["count"] == second["count"] == 3
    assert slugs(first) + slugs(second) == ["toulousain", "muretain", "pays-de-foix"]
    assert "near=Toulouse" in (first["next"] or "")


def test_the_forgiving_search_finds_montpellier_misspelt(client, poles):
    page = get(client, "/poles/", {"q": "Montpelier"})
    assert slugs(page) == ["montpellierain"]
    assert page["results"][0]["distance_km"] is None


def test_a_q_of_punctuation_only_answers_and_finds_no_word_to_rank_on(client, poles):
    # Found by the API fuzz test: « ; » has no word, and used to answer 500.
    page = get(client, "/poles/", {"q": ";"})
    assert sorted(slugs(page)) == ["montpellierain", "muretain", "pays-de-foix", "toulousain"]


def test_without_near_nor_q_the_list_stays_by_name_without_distance(client, poles):
    page = get(client, "/poles/")
    assert slugs(page) == ["muretain", "pays-de-foix", "montpellierain", "toulousain"]
    assert {pole["distance_km"] for pole in page["results"]} == {None}


def test_an_unknown_place_is_a_400_in_french(client, poles):
    body = get(client, "/poles/", {"near": "Trifouillis-les-Oies"}, status=400)

    assert body["detail"].startswith("Filtre invalide : near : Nous ne trouvons pas")
    assert body["errors"][0]["field"] == "near"


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        (
            {"near": "Toulouse", "radius": 7},
            "radius",
            "valeur attendue : '10', '25', '50' ou '100'",
        ),
        ({"radius": "loin"}, "radius", "valeur attendue"),
        ({"q": "x" * 101}, "q", "doit contenir au plus 100 caractère(s)"),
        ({"near": "x" * 101}, "near", "doit contenir au plus 100 caractère(s)"),
    ],
)
def test_a_malformed_near_radius_or_q_is_a_422_in_french(client, poles, params, field, message):
    body = get(client, "/poles/", params, status=422)

    assert body["detail"].startswith("Paramètres invalides")
    [error] = body["errors"]
    assert error["field"] == field
    assert message in error["message"]


@pytest.mark.parametrize("params", [{"near": "Toulouse"}, {"q": "nombre"}])
def test_a_near_or_q_search_costs_the_same_queries_for_10_or_200_poles(
    client, geography, django_assert_max_num_queries, params
):
    bulk_poles(10, geography["toulouse"].region)
    cache.clear()
    with django_assert_max_num_queries(30) as small:
        get(client, "/poles/", {**params, "limit": 500})
    bulk_poles(190, geography["toulouse"].region)
    cache.clear()
    with django_assert_max_num_queries(30) as large:
        page = get(client, "/poles/", {**params, "limit": 500})

    assert len(small.captured_queries) == len(large.captured_queries)
    assert page["count"] == len(page["results"]) == 200
