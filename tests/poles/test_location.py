"""A pole's map point is stored, and the services that change what it depends on keep it."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from ptce.poles.models import Pole
from ptce.poles.services import place_delete, place_save, pole_territory_set
from tests.poles.factories import PoleFactory
from tests.territories.factories import CommuneFactory, DepartementFactory


def stored(pole):
    return tuple(Pole.objects.filter(pk=pole.pk).values_list("map_latitude", "map_longitude").get())


@pytest.fixture
def toulouse(region):
    departement = DepartementFactory(code="31", name="Haute-Garonne", region=region)
    return CommuneFactory(
        code="31555", name="Toulouse", departement=departement, region=region, latitude=43.6,
        longitude=1.44,
    )  # fmt: skip


def test_a_saved_place_moves_the_pole_to_it(pole, toulouse):
    place_save(pole=pole, name="Atelier", commune=toulouse, latitude=43.61, longitude=1.45)

    assert stored(pole) == (43.61, 1.45)


def test_a_place_without_coordinates_puts_the_pole_at_its_commune(pole, toulouse):
    place_save(pole=pole, name="Atelier", commune=toulouse)

    assert stored(pole) == (43.6, 1.44)


def test_deleting_the_last_place_puts_the_pole_back_at_its_territory(pole, toulouse):
    place = place_save(pole=pole, name="Atelier", commune=toulouse, latitude=45.0, longitude=3.0)
    pole_territory_set(pole=pole, communes=[toulouse])
    assert stored(pole) == (45.0, 3.0)

    place_delete(place=place)

    assert stored(pole) == (43.6, 1.44)


def test_a_territory_set_moves_the_pole_to_its_centre(pole, region):
    departement = DepartementFactory(code="09", name="Ariège", region=region)
    a = CommuneFactory(code="09001", departement=departement, latitude=43.0, longitude=1.0)
    b = CommuneFactory(code="09002", departement=departement, latitude=44.0, longitude=2.0)

    pole_territory_set(pole=pole, communes=[a, b])

    assert stored(pole) == pytest.approx((43.5, 1.5))


def test_a_pole_placed_by_its_region_only_stands_at_the_regions_point(region):
    region.latitude, region.longitude = 43.7, 2.1
    region.save()

    assert stored(PoleFactory(region=region)) == (43.7, 2.1)


def test_the_command_recomputes_every_point_and_is_idempotent(pole, toulouse):
    pole.territory_communes.add(toulouse)  # past the services, as a bulk load would
    assert stored(pole) == (None, None)

    call_command("poles_locate", stdout=None)
    first = stored(pole)
    call_command("poles_locate", stdout=None)

    assert first == stored(pole) == (43.6, 1.44)


def test_the_database_refuses_a_point_out_of_range(pole):
    with pytest.raises(IntegrityError), transaction.atomic():
        Pole.objects.filter(pk=pole.pk).update(map_latitude=91.0, map_longitude=0.0)
