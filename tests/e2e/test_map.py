"""The map of poles in a real browser, with no network: outlines, markers, filters, popups,
overseas territories, the embed in a partner's frame, and the page without JavaScript."""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible
from tests.poles.factories import PlaceFactory, PoleFactory
from tests.territories.factories import CommuneFactory, DepartementFactory, RegionFactory

ARMOR, COTEAUX, ETANG, ILE = (
    "Pôle de l’Armor",
    "Pôle des Coteaux",
    "Pôle de l’Étang",
    "Pôle de l’Île",
)


@pytest.fixture
def poles(pole, other_pole, region, other_region):
    """Three published poles in two régions of the Métropole, one in La Réunion, one hidden."""
    cache.clear()
    reunion = RegionFactory(code="04", name="La Réunion")

    def place(target, code, name, departement, lat, lon):
        commune = CommuneFactory(
            code=code, name=name, departement=departement, latitude=lat, longitude=lon
        )
        target.covered_departements.add(departement)
        PlaceFactory(
            pole=target, commune=commune, name=f"Lieu de {name}", latitude=lat, longitude=lon
        )

    haute_garonne = DepartementFactory(code="31", name="Haute-Garonne", region=region)
    herault = DepartementFactory(code="34", name="Hérault", region=region)
    ille_et_vilaine = DepartementFactory(code="35", name="Ille-et-Vilaine", region=other_region)
    la_reunion = DepartementFactory(code="974", name="La Réunion", region=reunion)
    place(pole, "31555", "Toulouse", haute_garonne, 43.6045, 1.444)
    place(other_pole, "35238", "Rennes", ille_et_vilaine, 48.1113, -1.6800)
    etang = PoleFactory(name=ETANG, slug="pole-etang", region=region)
    place(etang, "34172", "Montpellier", herault, 43.6108, 3.8767)
    ile = PoleFactory(name=ILE, slug="pole-ile", region=reunion)
    place(ile, "97411", "Saint-Denis", la_reunion, -20.8789, 55.4481)
    hidden = PoleFactory(name="Pôle caché", slug="pole-cache", region=region, is_published=False)
    place(hidden, "31069", "Blagnac", haute_garonne, 43.6371, 1.3900)
    yield
    cache.clear()


def open_map(page, live_server, query=""):
    page.goto(f"{live_server.url}/carte/{query}")
    map_element = page.locator("[data-ptce-map]")
    expect(map_element).to_have_attribute("data-ptce-map-count", re.compile(r"\d+"))
    expect(page.locator(".ptce-map-outline").first).to_be_attached()
    return map_element


def listed(page):
    return page.locator("[data-ptce-map-row] th a").all_inner_texts()


def marker(page, name):
    return page.locator(f'.leaflet-marker-icon[title="{name}"]')


def test_the_map_shows_the_published_poles_with_no_network(
    page, live_server, poles, external_requests, browser_errors
):
    map_element = open_map(page, live_server)

    expect(map_element).to_have_attribute("data-ptce-map-count", "4")
    assert page.locator(".ptce-map-outline").count() == 101
    for name in (ARMOR, COTEAUX, ETANG):
        expect(marker(page, name)).to_be_visible()
    assert marker(page, "Pôle caché").count() == 0
    assert listed(page) == [ARMOR, ETANG, ILE, COTEAUX]
    assert external_requests == []
    assert browser_errors == []
    assert_accessible(page)


def test_filtering_by_region_changes_the_markers_and_the_list(
    page, live_server, poles, browser_errors
):
    map_element = open_map(page, live_server)
    page.evaluate("window.ptceSamePage = true")  # lost if the page reloads

    page.get_by_label("Région").select_option(label="Bretagne")
    page.get_by_role("button", name="Filtrer").click()

    expect(map_element).to_have_attribute("data-ptce-map-count", "1")
    expect(page.locator("[data-ptce-map-row]")).to_have_count(1)
    assert listed(page) == [ARMOR]
    expect(marker(page, ARMOR)).to_be_visible()
    expect(marker(page, COTEAUX)).to_have_count(0)
    assert page.url.endswith("/carte/?region=53")  # shareable

    page.get_by_label("Région").select_option(label="Occitanie")
    page.get_by_role("button", name="Filtrer").click()

    expect(map_element).to_have_attribute("data-ptce-map-count", "2")
    expect(page.locator("[data-ptce-map-row]")).to_have_count(2)
    assert listed(page) == [ETANG, COTEAUX]
    expect(marker(page, ARMOR)).to_have_count(0)
    assert page.evaluate("window.ptceSamePage") is True  # updated without reloading
    assert browser_errors == []
    assert_accessible(page)

    page.go_back()  # back to Bretagne, still without reloading

    expect(map_element).to_have_attribute("data-ptce-map-count", "1")
    expect(page.locator("[data-ptce-map-row]")).to_have_count(1)
    expect(page.get_by_label("Région")).to_have_value("53")


def test_a_shared_filtered_url_opens_the_filtered_map(page, live_server, poles):
    map_element = open_map(page, live_server, "?region=53")

    expect(map_element).to_have_attribute("data-ptce-map-count", "1")
    expect(page.locator("[data-ptce-map-row]")).to_have_count(1)
    assert listed(page) == [ARMOR]
    expect(page.get_by_label("Région")).to_have_value("53")


def test_a_popup_leads_to_the_pole_page(page, live_server, poles):
    open_map(page, live_server)

    marker(page, ARMOR).click()
    link = page.locator(".leaflet-popup-content a", has_text=ARMOR)
    expect(link).to_be_visible()
    link.click()

    expect(page).to_have_url(f"{live_server.url}/poles/pole-armor/")
    expect(page.locator("h1")).to_have_text(ARMOR)


def test_the_keyboard_opens_a_popup_and_reaches_overseas(page, live_server, poles):
    open_map(page, live_server)
    expect(marker(page, ILE)).to_have_count(0)  # outside the view of the Métropole

    button = page.get_by_role("button", name="La Réunion")
    button.focus()
    page.keyboard.press("Enter")

    expect(marker(page, ILE)).to_be_visible()
    marker(page, ILE).focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup-content a", has_text=ILE)).to_be_visible()

    page.get_by_role("button", name="Métropole").click()
    expect(marker(page, COTEAUX)).to_be_visible()


def test_an_invalid_filter_shows_the_error_and_no_marker(page, live_server, poles):
    map_element = open_map(page, live_server, "?region=99")

    expect(map_element).to_have_attribute("data-ptce-map-count", "0")
    expect(map_element).to_have_attribute("data-ptce-map-error", re.compile("Filtre invalide"))
    expect(page.get_by_role("alert")).to_contain_text("Un filtre n’est pas valide")
    assert listed(page) == []


@pytest.fixture
def partner_site(live_server):
    """A partner's site, on another origin of this machine: `/` frames the embedded map,
    `/site` frames the full map page (which must refuse)."""
    pages = {
        path: (
            '<!DOCTYPE html><html lang="fr"><head><title>Partenaire</title></head><body>'
            f'<iframe title="Carte des pôles" src="{live_server.url}{src}"'
            ' width="800" height="700"></iframe></body></html>'
        ).encode()
        for path, src in (("/", "/carte/embed/?region=76"), ("/site", "/carte/"))
    }

    class Partner(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(pages[self.path])

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Partner)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def test_the_embed_works_in_a_partner_frame(page, poles, partner_site, browser_errors):
    page.goto(partner_site)

    frame = page.frame_locator("iframe")
    expect(frame.locator("[data-ptce-map]")).to_have_attribute("data-ptce-map-count", "2")
    expect(frame.locator(f'.leaflet-marker-icon[title="{COTEAUX}"]')).to_be_visible()
    expect(frame.locator("[data-ptce-map-row]")).to_have_count(2)
    assert browser_errors == []


def test_the_full_map_page_refuses_to_be_framed(page, poles, partner_site, browser_errors):
    with page.expect_console_message(lambda message: "frame-ancestors" in message.text):
        page.goto(partner_site + "site")

    assert page.frame_locator("iframe").locator("[data-ptce-map]").count() == 0
    assert any("frame-ancestors 'none'" in error for error in browser_errors), browser_errors


def test_without_javascript_the_filters_and_the_list_still_work(browser, live_server, poles):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    context.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda r: r.abort())
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/carte/")
        expect(page.get_by_text("La carte nécessite JavaScript.")).to_be_visible()
        page.get_by_label("Région").select_option(label="Bretagne")
        page.get_by_role("button", name="Filtrer").click()

        expect(page).to_have_url(re.compile(r"/carte/\?.*region=53"))
        assert listed(page) == [ARMOR]
    finally:
        context.close()


def test_the_embed_page_is_accessible(page, live_server, poles, browser_errors):
    page.goto(f"{live_server.url}/carte/embed/")

    expect(page.locator("[data-ptce-map]")).to_have_attribute("data-ptce-map-count", "4")
    assert_accessible(page)
    assert browser_errors == []
