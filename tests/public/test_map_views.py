"""The map of poles (/carte/), its data (/carte/donnees.json) and its embeddable version."""

import datetime
import re

import pytest
from django.urls import reverse

from ptce.calls.models import ApplicationState
from ptce.poles.models import PoleForm, Sector, Stage
from tests.calls.factories import ApplicationFactory, CallFactory
from tests.conftest import ROLES
from tests.poles.factories import PlaceFactory, PoleFactory
from tests.public.html import parse
from tests.territories.factories import CommuneFactory, DepartementFactory

MAP_PAGES = ["public:map", "public:map_embed"]
ALL_ROLES = [*ROLES, "other_instructor", "national_instructor"]


@pytest.fixture
def call(db):
    return CallFactory(slug="ami-ptce-2024")


@pytest.fixture
def dataset(pole, other_pole, region, other_region, call):
    """Pôle des Coteaux (Occitanie, 31, Toulouse) and Pôle de l’Armor (Bretagne, 35, Rennes),
    different on every filter, and one unpublished pole in Toulouse."""
    haute_garonne = DepartementFactory(code="31", name="Haute-Garonne", region=region)
    ille_et_vilaine = DepartementFactory(code="35", name="Ille-et-Vilaine", region=other_region)
    toulouse = CommuneFactory(code="31555", name="Toulouse", departement=haute_garonne)
    rennes = CommuneFactory(
        code="35238", name="Rennes", departement=ille_et_vilaine, latitude=48.11, longitude=-1.68
    )
    sectors = list(Sector.objects.order_by("position", "slug")[:2])

    pole.form, pole.stage, pole.charter_signed_on = PoleForm.GRAPPE, Stage.ACTION_PLAN, None
    pole.save()
    pole.sectors.set([sectors[0]])
    pole.covered_departements.set([haute_garonne])
    PlaceFactory(pole=pole, commune=toulouse, name="La Coopérative", latitude=43.6, longitude=1.44)

    other_pole.form, other_pole.stage = PoleForm.FILIERE, Stage.RECOGNISED
    other_pole.charter_signed_on = datetime.date(2023, 5, 1)
    other_pole.save()
    other_pole.sectors.set([sectors[1]])
    other_pole.covered_departements.set([ille_et_vilaine])
    PlaceFactory(pole=other_pole, commune=rennes, name="Halle", latitude=48.11, longitude=-1.68)
    ApplicationFactory(pole=other_pole, phase__call=call, state=ApplicationState.LAUREATE)

    hidden = PoleFactory(name="Pôle caché", slug="pole-cache", region=region, is_published=False)
    hidden.covered_departements.set([haute_garonne])
    PlaceFactory(pole=hidden, commune=toulouse, name="Secret")
    return {"sectors": sectors}


def json_names(response) -> list[str]:
    return [pole["name"] for pole in response.json()["poles"]]


def listed_slugs(response) -> list[str]:
    return re.findall(r'data-ptce-map-row="([^"]+)"', response.content.decode())


# Every visitor sees the same published poles --------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("url_name", MAP_PAGES)
def test_the_map_pages_list_the_published_poles_for_every_role(client_as, dataset, role, url_name):
    response = client_as(role).get(reverse(url_name))

    assert response.status_code == 200
    assert listed_slugs(response) == ["pole-armor", "pole-des-coteaux"]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_map_data_gives_the_published_poles_to_every_role(client_as, dataset, role):
    response = client_as(role).get(reverse("public:map_data"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "count": 2,
        "poles": [
            {
                "name": "Pôle de l’Armor",
                "slug": "pole-armor",
                "url": "/poles/pole-armor/",
                "lat": 48.11,
                "lon": -1.68,
                "region": "Bretagne",
                "sectors": [dataset["sectors"][1].name],
            },
            {
                "name": "Pôle des Coteaux",
                "slug": "pole-des-coteaux",
                "url": "/poles/pole-des-coteaux/",
                "lat": 43.6,
                "lon": 1.44,
                "region": "Occitanie",
                "sectors": [dataset["sectors"][0].name],
            },
        ],
    }


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_outlines_are_served_to_every_role(client_as, db, role):
    response = client_as(role).get(reverse("public:map_outlines"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert "max-age" in response["Cache-Control"]


def test_an_unpublished_pole_is_never_shown_even_to_its_coordinator(client_as, dataset, pole):
    pole.is_published = False
    pole.save()
    client = client_as("coordinator")

    assert json_names(client.get(reverse("public:map_data"))) == ["Pôle de l’Armor"]
    for url_name in MAP_PAGES:
        content = client.get(reverse(url_name)).content.decode()
        assert "pole-des-coteaux" not in content
        assert "Pôle caché" not in content


def test_the_map_data_holds_no_personal_data(client, dataset, coordinator, pole):
    pole.contact_email = "contact-prive@exemple.fr"
    pole.save()

    content = client.get(reverse("public:map_data")).content.decode()

    assert "@" not in content
    assert coordinator.email not in content


# Filters: each one narrows the map, the data and the list --------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "53"}, ["Pôle de l’Armor"]),
        ({"region": "76"}, ["Pôle des Coteaux"]),
        ({"departement": "31"}, ["Pôle des Coteaux"]),
        ({"departement": "35"}, ["Pôle de l’Armor"]),
        ({"form": "grappe"}, ["Pôle des Coteaux"]),
        ({"form": "filiere"}, ["Pôle de l’Armor"]),
        ({"stage": "4"}, ["Pôle de l’Armor"]),
        ({"stage": "3"}, ["Pôle des Coteaux"]),
        ({"charter": "oui"}, ["Pôle de l’Armor"]),
        ({"charter": "non"}, ["Pôle des Coteaux"]),
        ({"laureate": "ami-ptce-2024"}, ["Pôle de l’Armor"]),
        ({"region": "76", "form": "filiere"}, []),
        ({}, ["Pôle de l’Armor", "Pôle des Coteaux"]),
    ],
    ids=lambda value: (
        "-".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else None
    ),
)
def test_each_filter_narrows_the_data_and_the_list(client, dataset, params, expected):
    data = client.get(reverse("public:map_data"), params)
    page = client.get(reverse("public:map"), params)

    assert json_names(data) == expected
    assert [
        row.text for row in parse(page).links if row.href.startswith("/poles/pole-")
    ] == expected


@pytest.mark.parametrize("index", [0, 1])
def test_the_sector_filter_keeps_the_poles_of_that_sector(client, dataset, index):
    sector = dataset["sectors"][index]

    names = json_names(client.get(reverse("public:map_data"), {"sector": sector.slug}))

    assert names == [["Pôle des Coteaux"], ["Pôle de l’Armor"]][index]


def test_the_page_keeps_the_filters_in_the_form_and_in_the_data_url(client, dataset):
    content = client.get(reverse("public:map"), {"region": "53", "form": "filiere"}).content

    html = content.decode()
    assert re.search(r'<option value="53"[^>]*selected', html)
    assert 'data-ptce-map-data="/carte/donnees.json?region=53&amp;form=filiere"' in html
    assert 'href="/carte/embed/?region=53&amp;form=filiere"' in html


def test_the_filter_form_is_a_get_form_that_works_without_javascript(client, dataset):
    html = client.get(reverse("public:map")).content.decode()

    assert '<option value="" selected>Toutes les régions</option>' in html

    assert re.search(r'<form method="get" action="/carte/"', html)
    assert '<button type="submit" class="fr-btn">Filtrer</button>' in html
    assert "La carte nécessite JavaScript. La liste ci-dessous présente les mêmes pôles." in html


@pytest.mark.parametrize("params", [{"region": "99"}, {"stage": "7"}, {"laureate": "inconnu"}])
def test_an_invalid_filter_shows_the_error_and_no_pole(client, dataset, params):
    response = client.get(reverse("public:map"), params)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Un filtre n’est pas valide" in html
    assert "Sélectionnez un choix valide" in html
    assert listed_slugs(response) == []


@pytest.mark.parametrize("params", [{"region": "99"}, {"stage": "7"}, {"laureate": "inconnu"}])
def test_an_invalid_filter_makes_the_data_answer_400_in_french(client, dataset, params):
    response = client.get(reverse("public:map_data"), params)

    assert response.status_code == 400
    body = response.json()
    assert body["erreur"].startswith("Filtre invalide.")
    assert "Sélectionnez un choix valide" in body["erreur"]
    assert list(body["champs"]) == list(params)


def test_the_map_data_refuses_post(client, db):
    assert client.post(reverse("public:map_data")).status_code == 405


# The page and the embed ------------------------------------------------------------------


def test_the_page_has_a_tile_layer_only_when_configured(client, db, settings):
    settings.PTCE_MAP_TILE_URL = ""
    assert "data-ptce-map-tiles" not in client.get(reverse("public:map")).content.decode()

    settings.PTCE_MAP_TILE_URL = "https://tuiles.exemple.fr/{z}/{x}/{y}.png"
    settings.PTCE_MAP_TILE_ATTRIBUTION = "© OpenStreetMap"
    html = client.get(reverse("public:map")).content.decode()
    assert 'data-ptce-map-tiles="https://tuiles.exemple.fr/{z}/{x}/{y}.png"' in html
    assert 'data-ptce-map-tiles-attribution="© OpenStreetMap"' in html


def test_the_page_offers_every_overseas_departement_and_the_metropole(client, db):
    html = client.get(reverse("public:map")).content.decode()

    buttons = re.findall(
        r'<button type="button"[^>]*data-ptce-map-bounds="[^"]+"[^>]*>([^<]+)<', html
    )
    assert buttons == ["Métropole", "Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"]


def test_the_page_loads_the_vendored_map_scripts_and_no_inline_code(client, db):
    response = client.get(reverse("public:map"))
    page = parse(response)
    html = response.content.decode()

    for asset in ("vendor/leaflet/leaflet.js", "vendor/leaflet.markercluster/", "public/map.js"):
        assert asset in html
    assert page.inline_scripts == 0
    assert page.inline_styles == 0


def test_the_site_refuses_to_be_framed(client, db):
    response = client.get(reverse("public:map"))

    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_the_embed_may_be_framed_by_any_site(client, db):
    response = client.get(reverse("public:map_embed"))

    assert "X-Frame-Options" not in response
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors *" in policy
    assert "'none'" not in policy.split("frame-ancestors")[1]
    assert "script-src 'self'" in policy


def test_the_embed_has_no_header_and_links_to_the_full_map_with_its_filters(client, dataset):
    response = client.get(reverse("public:map_embed"), {"region": "53"})
    page = parse(response)

    assert page.title == "Carte des pôles — PTCE"
    assert "fr-header" not in response.content.decode()
    assert "fr-footer" not in response.content.decode()
    full_map = page.links_to("/carte/?region=53")
    assert full_map
    assert full_map[0].text == "Voir la carte complète et la liste des pôles"
    assert listed_slugs(response) == ["pole-armor"]
    assert page.inline_scripts == 0
    assert page.inline_styles == 0


def test_the_embed_opens_pole_pages_in_a_new_window(client, dataset):
    html = client.get(reverse("public:map_embed")).content.decode()

    assert 'data-ptce-map-link-target="_blank"' in html
    assert re.search(r'<a href="/poles/pole-armor/" target="_blank" rel="noopener"', html)


@pytest.mark.parametrize("url_name", MAP_PAGES)
@pytest.mark.parametrize("params", [{}, {"region": "99"}])
def test_the_map_pages_use_no_undefined_template_variable(
    client, dataset, strict_templates, url_name, params
):
    response = client.get(reverse(url_name), params)

    assert "VARIABLE-INDEFINIE" not in response.content.decode()


def test_a_tile_server_is_allowed_for_the_map_pages_only(client, db, settings):
    settings.PTCE_MAP_TILE_URL = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"
    tiles = "https://*.tile.openstreetmap.org"

    page = client.get(reverse("public:map"))["Content-Security-Policy"]
    embed = client.get(reverse("public:map_embed"))["Content-Security-Policy"]
    home = client.get(reverse("public:home"))["Content-Security-Policy"]

    assert f"img-src 'self' data: {tiles};" in page
    assert "frame-ancestors 'none'" in page
    assert f"img-src 'self' data: {tiles};" in embed
    assert "frame-ancestors *" in embed
    assert tiles not in home
