"""The communes on the map of poles, in a real browser with no network: zooming in draws the
outlines of the communes of the départements in view (one static file each, fetched on zooming
in, never at the national view, once per page) and, from zoom 10, their names; zooming out
leaves the départements only."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.e2e.test_map import open_map
from tests.poles.factories import PlaceFactory, PoleFactory
from tests.territories.factories import CommuneFactory, DepartementFactory

COMMUNE_FILES = "/static/territories/communes/"


@pytest.fixture
def foix_pole(region):
    """A published pole whose one place is in Foix, Ariège."""
    cache.clear()
    ariege = DepartementFactory(code="09", name="Ariège", region=region)
    foix = CommuneFactory(
        code="09122", name="Foix", departement=ariege, latitude=42.9637, longitude=1.6055
    )
    pole = PoleFactory(name="Pôle du Pays de Foix", slug="pole-pays-de-foix", region=region)
    pole.covered_departements.add(ariege)
    PlaceFactory(pole=pole, commune=foix, name="La Recyclerie", latitude=42.9637, longitude=1.6055)
    yield pole
    cache.clear()


def commune_name(page, name):
    return page.locator(".ptce-map-commune-name", has_text=re.compile(f"^{name}$"))


def test_zooming_into_ariege_shows_commune_names(
    page, live_server, foix_pole, browser_errors, external_requests
):
    asked = []
    page.on("request", lambda request: COMMUNE_FILES in request.url and asked.append(request.url))
    map_element = open_map(page, live_server)
    assert float(map_element.get_attribute("data-ptce-map-zoom")) < 9
    expect(page.locator(".ptce-map-commune-name")).to_have_count(0)
    assert asked == []  # the national view fetches no commune file

    # « Près de » Foix zooms the map on the pole (zoom 11).
    form = page.locator("[data-ptce-map-filters]")
    form.get_by_label("Près de").fill("Foix")
    form.get_by_label("Dans un rayon de").select_option(label="10\xa0km")
    page.get_by_role("button", name="Filtrer").click()

    expect(map_element).to_have_attribute("data-ptce-map-communes", re.compile(r"\b09\b"))
    expect(commune_name(page, "Foix")).to_be_visible()
    expect(commune_name(page, "Varilhes")).to_be_visible()
    assert float(map_element.get_attribute("data-ptce-map-zoom")) >= 10
    # The names are for the eyes only: the markers stay what the keyboard reaches.
    assert commune_name(page, "Foix").get_attribute("tabindex") is None
    expect(page.locator(".ptce-map-commune-names-pane")).to_have_attribute("aria-hidden", "true")

    # Back to the whole Métropole: the départements' outlines only.
    page.get_by_role("button", name="Métropole").click()
    expect(page.locator(".ptce-map-commune-name")).to_have_count(0)

    departements = [url.rsplit("/", 1)[1].split(".")[0] for url in asked]
    assert "09" in departements
    assert len(departements) == len(set(departements))  # each file fetched once per page
    assert browser_errors == []
    assert external_requests == []
