"""« Près de », the forgiving search and « autour de moi » on the map, in a real browser with
no network: nearest first with the distance, the map zoomed on the results."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible
from tests.e2e.test_map import listed, marker, open_map
from tests.poles.factories import PlaceFactory, PoleFactory
from tests.territories.factories import CommuneFactory, DepartementFactory, RegionFactory

TOULOUSE, MURET, FOIX, MONTPELLIER = (
    "Pôle toulousain",
    "Pôle du Muretain",
    "Pôle du Pays de Foix",
    "Pôle Numérique solidaire de Montpellier",
)


@pytest.fixture
def occitanie(db):
    cache.clear()
    region = RegionFactory(code="76", name="Occitanie")
    departements = {
        code: DepartementFactory(code=code, name=name, region=region)
        for code, name in (("31", "Haute-Garonne"), ("09", "Ariège"), ("34", "Hérault"))
    }
    for name, slug, (code, commune, postal, lat, lon) in (
        (TOULOUSE, "toulousain", ("31555", "Toulouse", "31000", 43.6045, 1.444)),
        (MURET, "muretain", ("31395", "Muret", "31600", 43.4613, 1.3265)),
        (FOIX, "pays-de-foix", ("09122", "Foix", "09000", 42.9653, 1.6069)),
        (MONTPELLIER, "montpellier", ("34172", "Montpellier", "34000", 43.6109, 3.8772)),
    ):
        commune = CommuneFactory(
            code=code, name=commune, postal_codes=postal, latitude=lat, longitude=lon,
            departement=departements[code[:2]], population=10_000,
        )  # fmt: skip
        pole = PoleFactory(name=name, slug=slug, region=region)
        PlaceFactory(pole=pole, commune=commune, latitude=lat, longitude=lon, is_main=True)
    yield
    cache.clear()


def filters(page):
    return page.locator("[data-ptce-map-filters]")


def zoom(page) -> float:
    """The map's zoom, as map.js states it."""
    return float(page.locator("[data-ptce-map]").get_attribute("data-ptce-map-zoom") or 0)


def test_near_toulouse_lists_the_poles_nearest_first_and_zooms_on_them(
    page, live_server, occitanie, browser_errors
):
    map_element = open_map(page, live_server)
    national = zoom(page)

    filters(page).get_by_label("Près de").fill("Toulouse")
    filters(page).get_by_label("Dans un rayon de").select_option(label="50\xa0km")
    page.get_by_role("button", name="Filtrer").click()

    expect(map_element).to_have_attribute("data-ptce-map-count", "2")
    expect(page.locator("[data-ptce-map-row]")).to_have_count(2)
    assert listed(page) == [TOULOUSE, MURET]
    expect(page.locator("[data-ptce-map-row]").nth(1)).to_contain_text("à 19\xa0km")
    expect(map_element).to_have_attribute("data-ptce-map-zoom", re.compile(r"\d"))
    assert zoom(page) > national + 2  # zoomed on Toulouse, not France
    expect(marker(page, MONTPELLIER)).to_have_count(0)
    assert browser_errors == []
    assert_accessible(page)


def test_a_wider_radius_reaches_foix_and_an_empty_one_proposes_the_nearest(
    page, live_server, occitanie
):
    open_map(page, live_server, "?near=31000&radius=100")
    assert listed(page) == [TOULOUSE, MURET, FOIX]

    open_map(page, live_server, "?lat=42.985&lon=1.146&radius=10")  # Saint-Girons
    expect(page.locator("[data-ptce-map-nearest]")).to_contain_text(FOIX)


def test_the_search_forgives_montpelier(page, live_server, occitanie):
    map_element = open_map(page, live_server)

    filters(page).locator("input[name=q]").fill("Montpelier")
    page.get_by_role("button", name="Filtrer").click()

    expect(map_element).to_have_attribute("data-ptce-map-count", "1")
    # The list is the filtered page's: wait for it, the map's count may change first.
    expect(page.locator("[data-ptce-map-row]")).to_have_count(1)
    assert listed(page) == [MONTPELLIER]


def test_around_me_uses_the_granted_position(page, context, live_server, occitanie):
    context.grant_permissions(["geolocation"])
    context.set_geolocation({"latitude": 43.46, "longitude": 1.33})  # Muret
    map_element = open_map(page, live_server)

    page.get_by_role("button", name="Autour de moi").click()

    # The position is sent as a new page: read the list once that page is there.
    expect(page).to_have_url(re.compile(r"lat=43\.46"))
    expect(map_element).to_have_attribute("data-ptce-map-count", "2")
    expect(page.locator("[data-ptce-map-row]")).to_have_count(2)
    assert listed(page) == [MURET, TOULOUSE]
