"""« Près de » : a place resolved offline, poles within a radius, nearest first."""

import html
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from ptce.territories.near import haversine_km, resolve_origin
from tests.poles.factories import PlaceFactory, PoleFactory
from tests.territories.factories import CommuneFactory, DepartementFactory, RegionFactory


@pytest.fixture
def geography(db):
    occitanie = RegionFactory(code="76", name="Occitanie")
    garonne = DepartementFactory(code="31", name="Haute-Garonne", region=occitanie)
    ariege = DepartementFactory(code="09", name="Ariège", region=occitanie)
    herault = DepartementFactory(code="34", name="Hérault", region=occitanie)

    def commune(code, name, postal, lat, lon, departement, population=1000):
        return CommuneFactory(
            code=code, name=name, postal_codes=postal, latitude=lat, longitude=lon,
            departement=departement, population=population,
        )  # fmt: skip

    return {
        "toulouse": commune("31555", "Toulouse", "31000 31100", 43.6045, 1.444, garonne, 500000),
        "muret": commune("31395", "Muret", "31600", 43.4613, 1.3265, garonne),
        "foix": commune("09122", "Foix", "09000", 42.9653, 1.6069, ariege),
        "saint_girons": commune("09261", "Saint-Girons", "09200", 42.985, 1.146, ariege),
        "montpellier": commune("34172", "Montpellier", "34000", 43.6109, 3.8772, herault, 300000),
    }


@pytest.fixture
def poles(geography):
    def pole(name, slug, commune):
        pole = PoleFactory(name=name, slug=slug, region=commune.region)
        PlaceFactory(
            pole=pole,
            commune=commune,
            latitude=commune.latitude,
            longitude=commune.longitude,
            is_main=True,
        )
        return pole

    cache.clear()
    return {
        "muret": pole("Pôle du Muretain", "muretain", geography["muret"]),
        "toulouse": pole("Pôle toulousain", "toulousain", geography["toulouse"]),
        "foix": pole("Pôle du Pays de Foix", "pays-de-foix", geography["foix"]),
        "montpellier": pole("Pôle montpelliérain", "montpellierain", geography["montpellier"]),
    }


def text(response) -> str:
    """The page's text, tags removed, spaces collapsed (non-breaking ones kept)."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"[ \n\t]+", " ", html.unescape(body))


def test_the_distance_between_toulouse_and_montpellier_is_about_195_km():
    assert haversine_km(43.6045, 1.4440, 43.6109, 3.8772) == pytest.approx(195.6, abs=1)


@pytest.mark.parametrize(
    "text",
    [
        "Toulouse",
        "toulouse",
        "31000",
        "12 rue de la Paix, 31000 Toulouse",
        "8 bis allée Jean Jaurès 31000",
    ],
)
def test_a_commune_a_postal_code_or_an_address_resolves_to_the_commune(geography, text):
    origin = resolve_origin(text)

    assert (origin.latitude, origin.longitude, origin.label) == (43.6045, 1.444, "Toulouse (31)")


def test_a_misspelt_commune_resolves_to_the_closest_spelling(geography):
    assert resolve_origin("Montpelier").label == "Montpellier (34)"


def test_nothing_resolves_an_unknown_place(geography):
    assert resolve_origin("Atlantide") is None


def test_the_map_data_lists_the_poles_within_the_radius_nearest_first(client, poles):
    data = client.get(reverse("public:map_data"), {"near": "Toulouse", "radius": "50"}).json()

    assert [pole["slug"] for pole in data["poles"]] == ["toulousain", "muretain"]
    assert [round(pole["distance_km"]) for pole in data["poles"]] == [0, 18]


def test_a_wider_radius_reaches_the_ariege(client, poles):
    data = client.get(reverse("public:map_data"), {"near": "31000", "radius": "100"}).json()

    assert [pole["slug"] for pole in data["poles"]] == ["toulousain", "muretain", "pays-de-foix"]


def test_the_page_shows_the_distance_of_each_pole(client, poles):
    page = text(client.get(reverse("public:map"), {"near": "Toulouse", "radius": "50"}))

    assert "2 pôles trouvés à moins de 50\xa0km de Toulouse (31), du plus proche" in page
    # Rounded as the map's popups do (18.5 km: « à 19 km »).
    assert page.index("Pôle toulousain à 0\xa0km") < page.index("Pôle du Muretain à 19\xa0km")


def test_an_empty_result_proposes_the_nearest_poles_and_a_wider_radius(client, poles):
    response = client.get(reverse("public:map"), {"near": "St Girons", "radius": "10"})
    page = text(response)

    source = html.unescape(response.content.decode())

    assert "Aucun pôle trouvé à moins de 10\xa0km de Saint-Girons (09)." in page
    assert "Les pôles les plus proches de Saint-Girons (09)\xa0:" in page
    assert source.index("Pays de Foix</a>, à 38\xa0km") < source.index("Muretain</a>, à 55\xa0km")
    assert "radius=25" in re.search(r'href="([^"]+)">Élargir', response.content.decode())[1]


def test_a_pole_is_near_by_any_of_its_places(client, poles, geography):
    PlaceFactory(pole=poles["montpellier"], name="Relais toulousain", commune=geography["toulouse"])

    data = client.get(reverse("public:map_data"), {"near": "Toulouse", "radius": "10"}).json()

    assert [pole["slug"] for pole in data["poles"]] == ["toulousain", "montpellierain"]
    assert data["poles"][1]["lon"] == 3.8772  # still drawn at its main place


def test_the_browsers_position_is_an_origin_too(client, poles):
    data = client.get(reverse("public:map_data"), {"lat": "43.46", "lon": "1.33"}).json()

    assert [pole["slug"] for pole in data["poles"]] == ["muretain", "toulousain"]


def test_an_unknown_place_is_a_clear_error_and_nothing_listed(client, poles):
    response = client.get(reverse("public:map_data"), {"near": "Atlantide"})
    page = client.get(reverse("public:map"), {"near": "Atlantide"})

    assert response.status_code == 400
    assert "Nous ne trouvons pas «\xa0Atlantide\xa0»" in response.json()["erreur"]
    assert "Nous ne trouvons pas «\xa0Atlantide\xa0»" in text(page)
    assert b"data-ptce-map-row" not in page.content


def test_a_position_out_of_range_is_refused(client, poles):
    assert client.get(reverse("public:map_data"), {"lat": "123", "lon": "1"}).status_code == 400


def test_the_near_search_costs_a_fixed_number_of_queries(client, poles, django_assert_num_queries):
    url = reverse("public:map_data")
    cache.clear()
    # The commune (by name, then its longer names), then the poles, sectors, places near.
    with django_assert_num_queries(5):
        client.get(url, {"near": "Toulouse", "radius": "100"})
    with django_assert_num_queries(0):  # the same address again: served from the cache
        client.get(url, {"near": "Toulouse", "radius": "100"})
    with django_assert_num_queries(2):  # the same filters asked otherwise: the commune's only
        client.get(url, {"radius": "100", "near": "Toulouse"})


def test_the_maps_search_forgives_a_typo(client, poles):
    data = client.get(reverse("public:map_data"), {"q": "Montpelier"}).json()

    assert [pole["slug"] for pole in data["poles"]] == ["montpellierain"]


def test_the_maps_search_on_a_commune_lists_its_poles_then_those_near_it(client, poles):
    data = client.get(reverse("public:map_data"), {"q": "Toulouse"}).json()

    assert [pole["slug"] for pole in data["poles"]] == ["toulousain", "muretain"]


def test_the_list_beside_the_map_is_paginated_by_50(client, region):
    PoleFactory.create_batch(60, region=region)
    cache.clear()

    first = client.get(reverse("public:map"))
    second = client.get(reverse("public:map"), {"page": "2"})

    assert first.content.count(b"data-ptce-map-row=") == 50
    assert second.content.count(b"data-ptce-map-row=") == 10
    assert "60 pôles trouvés" in text(second)
    assert b'href="?page=2">Page suivante' in first.content
