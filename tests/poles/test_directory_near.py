"""The directory's « près de » (a place and a radius, nearest first, distances shown) and its
forgiving search (the map's: `ptce.poles.search`, `ptce.poles.forgiving`). The geography and
poles are the map's test world, whose fixtures are imported (hence F811 below)."""
# ruff: noqa: F811

import pytest
from django.urls import reverse

from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory, PlaceFactory, PoleFactory
from tests.public.test_map_near import geography, poles, text  # noqa: F401  (fixtures)

URL = reverse("poles:directory")


def names(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return [pole.name for pole in response.context["page"]]


def test_near_toulouse_within_50_km_lists_the_poles_nearest_first_with_their_distance(
    client, poles
):
    response = client.get(URL, {"near": "Toulouse", "radius": "50"})

    assert [p.name for p in response.context["page"]] == ["Pôle toulousain", "Pôle du Muretain"]
    page = text(response)
    assert "2 pôles trouvés à moins de 50\u00a0km de Toulouse (31), du plus proche" in page
    assert "à 0\u00a0km de Toulouse (31)" in page
    assert "à 19\u00a0km de Toulouse (31)" in page
    assert "Pays de Foix" not in page


def test_a_wider_radius_reaches_foix_and_a_postal_code_works_as_well(client, poles):
    assert names(client, near="31000", radius="100") == [
        "Pôle toulousain",
        "Pôle du Muretain",
        "Pôle du Pays de Foix",
    ]


def test_the_default_radius_is_25_km(client, poles):
    response = client.get(URL, {"near": "Toulouse"})
    assert [p.name for p in response.context["page"]] == ["Pôle toulousain", "Pôle du Muretain"]
    assert 'value="25" selected' in response.content.decode()


def test_a_pole_is_near_by_one_of_its_places(client, poles, geography):
    PlaceFactory(
        pole=poles["montpellier"], commune=geography["toulouse"], latitude=43.60, longitude=1.45
    )
    assert "Pôle montpelliérain" in names(client, near="Toulouse", radius="10")


def test_the_other_filters_still_apply_near_a_place(client, poles):
    poles["muret"].sectors.set(["energie"])
    assert names(client, near="Toulouse", radius="50", filiere="energie") == ["Pôle du Muretain"]


def test_nothing_within_the_radius_proposes_the_nearest_poles_and_a_wider_radius(client, poles):
    response = client.get(URL, {"near": "Saint-Girons", "radius": "10"})

    page = text(response)
    assert "0 pôle trouvé à moins de 10\u00a0km de Saint-Girons (09)." in page
    assert "Les pôles les plus proches de Saint-Girons (09)\u00a0:" in page
    assert [p.name for p in response.context["nearest"]][:2] == [
        "Pôle du Pays de Foix",
        "Pôle du Muretain",
    ]
    assert response.context["wider_url"].endswith("radius=25")
    assert "Élargir la recherche" in page


def test_an_unknown_place_says_so_in_french_and_lists_nothing(client, poles):
    response = client.get(URL, {"near": "Trifouillis-les-Oies"})

    assert response.status_code == 200
    assert list(response.context["page"]) == []
    assert "Nous ne trouvons pas «\xa0Trifouillis-les-Oies\xa0»" in text(response)


def test_a_radius_off_the_list_is_a_french_error(client, poles):
    response = client.get(URL, {"near": "Toulouse", "radius": "7"})
    assert list(response.context["page"]) == []
    assert "Sélectionnez un choix valide" in text(response)


def test_around_me_uses_the_position_sent(client, poles):
    assert names(client, lat="43.46", lon="1.33", radius="10") == ["Pôle du Muretain"]
    assert "de votre position" in text(client.get(URL, {"lat": "43.46", "lon": "1.33"}))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Montpelier", ["Pôle montpelliérain"]),  # one letter off
        ("foix pays", ["Pôle du Pays de Foix"]),  # word order
        ("Coopérative des Vignes", ["Pôle du Muretain"]),  # a member's name
    ],
)
def test_the_directory_search_forgives(client, poles, query, expected):
    MembershipFactory(
        pole=poles["muret"], organisation=OrganisationFactory(name="Coopérative des Vignes")
    )
    assert names(client, q=query) == expected


def test_a_search_and_a_place_together_keep_the_distance_order(client, poles):
    poles["toulouse"].sectors.set(["energie"])
    poles["muret"].sectors.set(["energie"])
    assert names(client, q="energie", near="Toulouse", radius="50") == [
        "Pôle toulousain",
        "Pôle du Muretain",
    ]


@pytest.mark.parametrize("count", [5, 40])
def test_a_near_search_query_count_does_not_grow_with_poles(
    client, poles, geography, count, django_assert_num_queries
):
    for index in range(count):
        pole = PoleFactory(name=f"Pôle {index:02}", region=geography["toulouse"].region)
        MembershipFactory.create_batch(2, pole=pole)
        pole.sectors.set(["mobilite"])
        PlaceFactory(pole=pole, commune=geography["muret"], latitude=43.46, longitude=1.32)
    # The request's savepoint and its release; régions, départements, filières; the place
    # (commune, then its close spellings); the places in the box, the poles in the box; the
    # page's poles, their filières.
    with django_assert_num_queries(11):
        response = client.get(URL, {"near": "Toulouse", "radius": "25", "page": "2"})
    assert response.context["page"].paginator.count == count + 2
