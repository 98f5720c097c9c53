"""`/carte/lieux.json`: the places of the published poles in the area the map shows (from zoom
9), for the map's filters; a place without coordinates stands at its commune."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.poles.factories import PlaceFactory, PoleFactory
from tests.public.test_map_near import geography, poles  # noqa: F401  (fixtures)

URL = reverse("public:map_places")
ARIEGE = "42.5,1,43.2,2"  # south, west, north, east: Foix, not Muret


def places(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_places_of_the_area_come_with_their_pole(client, poles, geography):  # noqa: F811
    PlaceFactory(
        pole=poles["foix"], name="Atelier de Varilhes", address="5 avenue de la Gare",
        commune=geography["foix"], latitude=43.045, longitude=1.63, is_public_access=False,
    )  # fmt: skip

    data = places(client, bbox=ARIEGE)

    assert data["count"] == 2
    main, workshop = data["places"]
    assert main["pole"] == workshop["pole"] == "Pôle du Pays de Foix"
    assert main["main"]
    assert not workshop["main"]
    assert workshop == {
        "name": "Atelier de Varilhes",
        "address": "5 avenue de la Gare",
        "commune": "Foix",
        "lat": 43.045,
        "lon": 1.63,
        "main": False,
        "public": False,
        "pole": "Pôle du Pays de Foix",
        "pole_url": reverse("poles:detail", args=["pays-de-foix"]),
    }


def test_a_place_without_coordinates_stands_at_its_commune(client, poles, geography):  # noqa: F811
    PlaceFactory(
        pole=poles["foix"], name="Boutique", commune=geography["foix"], latitude=None,
        longitude=None,
    )  # fmt: skip
    boutique = [p for p in places(client, bbox=ARIEGE)["places"] if p["name"] == "Boutique"]
    assert [(p["lat"], p["lon"]) for p in boutique] == [(42.9653, 1.6069)]


def test_places_outside_the_area_or_of_unpublished_poles_are_left_out(
    client,
    poles,  # noqa: F811
    geography,  # noqa: F811
):
    hidden = PoleFactory(name="Pôle caché", is_published=False)
    PlaceFactory(pole=hidden, commune=geography["foix"], latitude=42.96, longitude=1.6)

    names = [p["pole"] for p in places(client, bbox=ARIEGE)["places"]]

    assert names == ["Pôle du Pays de Foix"]


def test_the_maps_filters_apply_to_the_places(client, poles):  # noqa: F811
    poles["toulouse"].sectors.set(["energie"])
    data = places(client, bbox="43,1,44,2", sector="energie")
    assert [p["pole"] for p in data["places"]] == ["Pôle toulousain"]


@pytest.mark.parametrize(
    ("bbox", "message"),
    [
        (None, "indiquez la zone"),
        ("1,2,3", "indiquez la zone"),
        ("43,2,42,1", "le sud doit être sous le nord"),
        ("40,-5,51,9", "8 degrés de côté au plus"),
    ],
)
def test_a_missing_or_bad_area_is_a_400_in_french(client, db, bbox, message):
    response = client.get(URL, {"bbox": bbox} if bbox else {})
    assert response.status_code == 400
    assert message in response.json()["erreur"]


def test_an_unknown_filter_is_a_400(client, db):
    response = client.get(URL, {"bbox": ARIEGE, "region": "99"})
    assert response.status_code == 400
    assert response.json()["erreur"].startswith("Filtre invalide")


@pytest.mark.parametrize("count", [3, 60])
def test_the_places_cost_the_same_queries_whatever_their_number(
    client,
    poles,  # noqa: F811
    geography,  # noqa: F811
    count,
    django_assert_num_queries,
):
    for index in range(count):
        pole = PoleFactory(name=f"Pôle {index:02}")
        PlaceFactory.create_batch(
            2, pole=pole, commune=geography["foix"], latitude=42.9, longitude=1.6
        )
    cache.clear()
    # The places with their commune and pole (the poles are a subquery).
    with django_assert_num_queries(1):
        data = places(client, bbox=ARIEGE)
    assert data["count"] == 1 + 2 * count
