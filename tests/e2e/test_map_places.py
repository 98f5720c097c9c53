"""From zoom 9 the poles' places (clustered) and the communes' names on the map;
the pole's popup completed from the API; « près de » in the directory. In a real browser with
no network, on the demo data."""

import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from playwright.sync_api import expect

from ptce.poles.models import Sector
from ptce.poles.reference import sectors_load
from tests.assessments.factories import load_default_referentiel
from tests.demo.demo_data import create_demo_geography, run_demo_load
from tests.e2e.helpers import assert_accessible
from tests.e2e.test_map import open_map

FOIX = "Pôle Réemploi et Solidarités du Pays de Foix"
RECYCLERIE, ATELIER, BOUTIQUE = (
    "La Recyclerie du Pays de Foix",
    "Atelier Répar’ de Varilhes",
    "Boutique solidaire Le Comptoir",
)


@pytest.fixture
def demo(live_server, tmp_path):
    cache.clear()
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        PTCE_PRIVATE_MEDIA_ROOT=tmp_path,
    ):
        sectors_load(Sector)
        create_demo_geography()
        load_default_referentiel()
        run_demo_load("--force")
        yield
    cache.clear()


def place(page, name):
    return page.locator(f'.ptce-map-place[title="{name} ({FOIX})"]')


def zoom(page) -> float:
    return float(page.locator("[data-ptce-map]").get_attribute("data-ptce-map-zoom") or 0)


def test_zooming_into_ariege_shows_the_pays_de_foix_places_as_markers(
    page, live_server, demo, browser_errors, external_requests
):
    map_element = open_map(page, live_server)
    assert zoom(page) < 9
    expect(page.locator(".ptce-map-place")).to_have_count(0)  # not at the national view

    form = page.locator("[data-ptce-map-filters]")
    form.get_by_label("Près de").fill("Foix")
    form.get_by_label("Dans un rayon de").select_option(label="10\xa0km")
    page.get_by_role("button", name="Filtrer").click()

    expect(map_element).to_have_attribute("data-ptce-map-places-count", "3", timeout=30_000)
    assert zoom(page) >= 9
    # The communes' outlines and names of Ariège, from its static file (test_map_communes.py).
    expect(map_element).to_have_attribute("data-ptce-map-communes", re.compile(r"\b09\b"))
    expect(
        page.locator(".ptce-map-commune-name", has_text=re.compile("^Varilhes$"))
    ).to_be_visible()
    expect(place(page, ATELIER)).to_be_visible()
    place(page, ATELIER).click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(ATELIER)
    expect(popup).to_contain_text("5 avenue de la Gare, Varilhes")
    expect(popup.get_by_role("link", name=FOIX)).to_be_visible()
    # The recyclerie and the boutique share Foix's point (under the pole's own marker): one
    # cluster of two places, opened from the keyboard.
    cluster = page.get_by_label("2 lieux : zoomer sur ce groupe")
    expect(cluster).to_be_visible()
    cluster.focus()
    page.keyboard.press("Enter")
    expect(place(page, RECYCLERIE)).to_be_visible(timeout=20_000)
    expect(place(page, BOUTIQUE)).to_be_visible(timeout=20_000)

    assert browser_errors == []
    assert external_requests == []


def test_a_poles_popup_gives_its_summary_stage_and_members(page, live_server, demo):
    open_map(page, live_server, "?near=Foix&radius=10")
    page.locator(f'.ptce-map-marker[title="{FOIX}"]').click()

    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Recycleries, chantiers d’insertion")
    expect(popup).to_contain_text(re.compile(r"\d+ membres"))


def test_near_toulouse_in_the_directory_lists_the_nearest_first(page, live_server, demo):
    page.goto(f"{live_server.url}/poles/")
    page.get_by_label("Près de").fill("Toulouse")
    page.get_by_label("Dans un rayon de").select_option(label="100\xa0km")
    page.get_by_role("button", name="Filtrer").click()

    status = page.locator("#resultats")
    expect(status).to_contain_text("à moins de 100\xa0km de Toulouse (31)")
    distances = page.locator("[data-ptce-distance]").all_inner_texts()
    assert distances
    kms = [int(re.search(r"à (\d+)", text).group(1)) for text in distances]
    assert kms == sorted(kms)
    assert FOIX in page.locator(".fr-card__title").all_inner_texts()
    assert_accessible(page)
