"""Where each pole stands on the map, and what the map data costs in queries."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ptce.poles.location import pole_locate, poles_locate
from ptce.poles.models import Pole, Sector
from ptce.poles.services import pole_update
from ptce.public.selectors_map import map_rows
from tests.poles.factories import PlaceFactory, PoleFactory
from tests.territories.factories import CommuneFactory, DepartementFactory, EpciFactory


@pytest.fixture
def haute_garonne(region):
    return DepartementFactory(code="31", name="Haute-Garonne", region=region)


def commune(code, latitude, longitude, departement, epci=None):
    return CommuneFactory(
        code=code, departement=departement, latitude=latitude, longitude=longitude, epci=epci
    )


def point(pole):
    # The territory is set directly below, past the services: the point computed as they do.
    pole_locate(pole=pole)
    (row,) = map_rows(Pole.objects.filter(pk=pole.pk))
    return row["lat"], row["lon"]


# Where a pole stands -----------------------------------------------------------------------


def test_a_pole_stands_at_its_main_place(pole, haute_garonne):
    toulouse = commune("31555", 43.6, 1.44, haute_garonne)
    PlaceFactory(pole=pole, commune=toulouse, name="A premier par le nom", latitude=1, longitude=2)
    PlaceFactory(pole=pole, commune=toulouse, name="Z principal", is_main=True, latitude=43.61)

    assert point(pole) == (43.61, 1.44)


def test_without_a_located_main_place_a_pole_stands_at_its_first_located_place(pole, haute_garonne):
    toulouse = commune("31555", 43.6, 1.44, haute_garonne)
    PlaceFactory(pole=pole, commune=toulouse, name="Principal", is_main=True, latitude=None)
    PlaceFactory(pole=pole, commune=toulouse, name="B", latitude=43.7, longitude=1.5)
    PlaceFactory(pole=pole, commune=toulouse, name="C", latitude=43.8, longitude=1.6)

    assert point(pole) == (43.7, 1.5)


def test_a_place_without_coordinates_stands_at_its_commune(pole, haute_garonne):
    muret = commune("31395", 43.46, 1.33, haute_garonne)
    PlaceFactory(pole=pole, commune=muret, latitude=None, longitude=None)

    assert point(pole) == (43.46, 1.33)


def test_without_places_a_pole_stands_at_the_centre_of_its_communes_and_epci(pole, haute_garonne):
    epci = EpciFactory()
    pole.territory_communes.set([commune("31001", 43.0, 1.0, haute_garonne)])
    pole.territory_epcis.set([epci])
    commune("31002", 44.0, 2.0, haute_garonne, epci=epci)
    commune("31003", 45.0, 3.0, haute_garonne, epci=epci)
    commune("31004", 10.0, 10.0, haute_garonne)  # in the département, not in the territory

    assert point(pole) == (44.0, 2.0)


def test_a_commune_in_the_territory_twice_counts_once(pole, haute_garonne):
    epci = EpciFactory()
    pole.territory_communes.set([commune("31001", 43.0, 1.0, haute_garonne, epci=epci)])
    pole.territory_epcis.set([epci])
    commune("31002", 46.0, 4.0, haute_garonne, epci=epci)

    assert point(pole) == (44.5, 2.5)


def test_a_pole_covering_departements_only_stands_at_the_centre_of_their_communes(
    pole, haute_garonne, region
):
    ariege = DepartementFactory(code="09", name="Ariège", region=region)
    commune("31001", 43.0, 1.0, haute_garonne)
    commune("31002", 44.0, 2.0, haute_garonne)
    commune("09001", 42.0, 0.0, ariege)
    commune("09002", 40.0, 2.0, ariege)  # no coordinates below: left out of the mean
    CommuneFactory(code="09003", departement=ariege, latitude=None, longitude=None)
    pole.covered_departements.set([haute_garonne, ariege])

    assert point(pole) == (42.25, 1.25)


def test_a_pole_nothing_locates_is_listed_but_not_on_the_map(client, pole):
    response = client.get(reverse("public:map"))

    assert point(pole) == (None, None)
    assert 'data-ptce-map-row="pole-des-coteaux"' in response.content.decode()
    assert "1 pôle trouvé, dont 0 sur la carte." in response.content.decode()


def test_a_pole_placed_by_its_region_only_stands_at_the_regions_point(client, pole, region):
    pole.territory_departements.clear()
    region.latitude, region.longitude = 43.7, 2.1
    region.save()

    assert point(pole) == (43.7, 2.1)


def test_a_territory_outranks_the_regions_point(pole, region, haute_garonne):
    region.latitude, region.longitude = 43.7, 2.1
    region.save()
    pole.covered_departements.set([haute_garonne])
    commune("31555", 43.6, 1.44, haute_garonne)

    assert point(pole) == (43.6, 1.44)


# Cost and freshness -------------------------------------------------------------------------


def make_poles(count, region, departement):
    sectors = list(Sector.objects.all()[:3])
    poles = PoleFactory.create_batch(count, region=region)
    communes = [commune(f"31{i:03d}", 43 + i / 100, 1 + i / 100, departement) for i in range(5)]
    for index, pole in enumerate(poles):
        pole.sectors.set(sectors[: index % 3 + 1])
        pole.covered_departements.set([departement])
        if index % 3 == 0:
            PlaceFactory(pole=pole, commune=communes[index % 5], is_main=True)
        elif index % 3 == 1:
            pole.territory_communes.set(communes[:2])
        # else: located by its département only
    poles_locate()
    return poles


def count_queries(client, url, params=None):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", ["public:map_data", "public:map", "public:map_embed"])
def test_the_query_count_does_not_grow_with_the_number_of_poles(
    client, region, haute_garonne, url_name
):
    url = reverse(url_name)
    make_poles(10, region, haute_garonne)
    few = count_queries(client, url), count_queries(client, url, {"region": "76"})
    make_poles(190, region, haute_garonne)
    many = count_queries(client, url), count_queries(client, url, {"region": "76"})

    assert few == many
    assert len(client.get(reverse("public:map_data")).json()["poles"]) == 200


def test_the_map_data_takes_two_queries_then_none_once_cached(
    client, region, haute_garonne, django_assert_num_queries
):
    make_poles(10, region, haute_garonne)
    region.latitude, region.longitude = 43.7, 2.1
    region.save()
    PoleFactory.create_batch(3, region=region)  # placed at région level only
    cache.clear()
    url = reverse("public:map_data")

    # Poles + their sectors (read-only: no request transaction); the file shows no département.
    with django_assert_num_queries(2):
        first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert first.json() == second.json()


def test_the_cache_is_keyed_by_the_filters(client, pole, other_pole):
    url = reverse("public:map_data")

    assert client.get(url, {"region": "76"}).json()["count"] == 1
    assert client.get(url).json()["count"] == 2
    assert client.get(url, {"region": "53"}).json()["poles"][0]["slug"] == "pole-armor"


def test_a_saved_change_shows_on_the_map_at_once(client, pole, other_pole):
    url = reverse("public:map_data")
    assert client.get(url).json()["count"] == 2

    pole_update(pole=other_pole, is_published=False)
    pole_update(pole=pole, name="Pôle des Coteaux renommé")

    assert [p["name"] for p in client.get(url).json()["poles"]] == ["Pôle des Coteaux renommé"]
