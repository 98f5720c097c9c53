"""/donnees/: the open-data page and its downloads (CSV checked against their Table Schema
with frictionless, GeoJSON with the `geojson` parser)."""

import csv
import io
import json
from datetime import date
from pathlib import Path

import frictionless
import geojson
import pytest
from django.core.cache import cache
from django.urls import reverse

from ptce.core.invalidation import everything_changed
from ptce.organisations.models import LegalCategory, Organisation
from ptce.organisations.services import organisation_update
from ptce.poles.location import poles_locate
from ptce.poles.models import Membership, Place, Pole, Sector, Verification
from ptce.poles.services import pole_territory_set, pole_update
from ptce.public.opendata import SCHEMAS_DIR
from tests.conftest import ROLES
from tests.organisations.factories import OrganisationFactory, valid_siret
from tests.poles.factories import MembershipFactory, PlaceFactory, PoleFactory
from tests.public.html import parse
from tests.territories.factories import CommuneFactory, DepartementFactory

DOCS_SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "opendata" / "schemas"
DOWNLOADS = [
    "public:data_poles_csv",
    "public:data_poles_geojson",
    "public:data_poles_json",
    "public:data_organisations_csv",
]


def make_toulouse(region):
    return CommuneFactory(
        code="31555",
        name="Toulouse",
        departement=DepartementFactory(code="31", region=region),
        latitude=43.6045,
        longitude=1.4442,
    )


def make_located(pole, toulouse):
    """The cast's pole, at a tiers-lieu in Toulouse, with two sectors and two members."""
    PlaceFactory(pole=pole, commune=toulouse, is_main=True, latitude=43.6047, longitude=1.4442)
    pole.covered_departements.add(toulouse.departement)
    pole.sectors.add(*Sector.objects.order_by("position")[:2])
    pole.charter_signed_on = date(2024, 5, 14)
    pole.creation_year = 2019
    pole.form = "lieu_urbain"
    pole.save()
    MembershipFactory(
        pole=pole,
        organisation=OrganisationFactory(
            name="Coop des Coteaux", legal_category=LegalCategory.SCIC, commune=toulouse
        ),
    )
    MembershipFactory(pole=pole, organisation=OrganisationFactory(name="Mairie de Balma"))
    return pole


@pytest.fixture
def toulouse(region):
    return make_toulouse(region)


@pytest.fixture
def located_pole(pole, toulouse):
    return make_located(pole, toulouse)


def bulk_poles(count: int, region) -> None:
    """`count` published poles with a place, two sectors, a covered département and two
    member organisations each, in a handful of queries."""
    commune = CommuneFactory(code="31100", name="Colomiers", region=region)
    start = Pole.objects.count()
    poles = Pole.objects.bulk_create(
        Pole(
            name=f"Pôle en nombre {start + i:04d}",
            search_name=f"pole en nombre {start + i:04d}",
            slug=f"pole-en-nombre-{start + i:04d}",
            region=region,
            verification=Verification.VERIFIED,
            is_published=True,
            summary="Un pôle parmi d’autres.",
        )
        for i in range(count)
    )
    Place.objects.bulk_create(
        Place(pole=pole, name="Lieu", commune=commune, latitude=43.6, longitude=1.3, is_main=True)
        for pole in poles
    )
    sectors = list(Sector.objects.order_by("position")[:2])
    Pole.sectors.through.objects.bulk_create(
        Pole.sectors.through(pole_id=pole.pk, sector_id=sector.pk)
        for pole in poles
        for sector in sectors
    )
    Pole.covered_departements.through.objects.bulk_create(
        Pole.covered_departements.through(pole_id=pole.pk, departement_id=commune.departement_id)
        for pole in poles
    )
    poles_locate(Pole.objects.filter(pk__in=[pole.pk for pole in poles]))  # bulk: as an import
    offset = Organisation.objects.count() + 5000
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Organisation en nombre {offset + i}",
            siret=valid_siret(offset + i),
            legal_category=LegalCategory.ASSOCIATION,
            commune=commune,
        )
        for i in range(2 * count)
    )
    Membership.objects.bulk_create(
        Membership(pole=pole, organisation=organisation)
        for pole, organisation in zip(poles + poles, organisations, strict=True)
    )
    everything_changed()  # a bulk write: every scope renewed


def body(response) -> bytes:
    """The body, read once: organisations.csv streams (and queries while it does)."""
    if not hasattr(response, "read_body"):
        response.read_body = response.getvalue()
    return response.read_body


def download(client, url_name, query=""):
    response = client.get(reverse(url_name) + query)
    assert response.status_code == 200, body(response)[:300]
    body(response)
    return response


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8"))))


def frictionless_report(tmp_path, response, name):
    (tmp_path / f"{name}.csv").write_bytes(body(response))
    schema = frictionless.Schema.from_descriptor(
        json.loads((SCHEMAS_DIR / f"{name}.json").read_text())
    )
    resource = frictionless.Resource(path=f"{name}.csv", basepath=str(tmp_path), schema=schema)
    return resource.validate()


# The page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_data_page_answers_every_role(db, client_as, role):
    response = client_as(role).get(reverse("public:data"))

    assert response.status_code == 200
    page = parse(response)
    assert page.headings["h1"] == ["Données ouvertes"]
    assert page.title == "Données ouvertes — PTCE"
    assert page.inline_styles == page.inline_scripts == 0


def test_the_data_page_links_every_download_its_schema_and_the_licence(client, db):
    response = client.get(reverse("public:data"))

    hrefs = parse(response).hrefs()
    for url_name in DOWNLOADS:
        assert reverse(url_name) in hrefs
    for name in ("poles", "organisations"):
        assert reverse("public:data_schema", args=[name]) in hrefs
    assert "/api/v1/docs" in hrefs
    content = response.content.decode()
    assert "Licence Ouverte 2.0" in content
    assert "<code>nombre_membres</code>" in content
    assert "<code>siret</code>" in content


def test_the_data_page_links_carry_the_chosen_filters(client, region):
    response = client.get(reverse("public:data"), {"region": "76", "charter": "oui"})

    hrefs = parse(response).hrefs()
    assert reverse("public:data_poles_csv") + "?region=76&charter=oui" in hrefs


def test_the_data_page_headings_do_not_skip_a_level(client, db, strict_templates):
    content = client.get(reverse("public:data")).content.decode()
    main = content[content.index('<main id="contenu"') : content.index("</main>")]

    assert "VARIABLE-INDEFINIE" not in content
    assert main.count("<h1") == 1


# Poles -------------------------------------------------------------------------------------


def test_poles_csv_has_the_schema_columns_and_one_row_per_published_pole(
    client, located_pole, other_pole
):
    PoleFactory(name="Pôle en préparation", slug="pole-prepa", is_published=False)

    response = download(client, "public:data_poles_csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="poles.csv"' in response["Content-Disposition"]
    header = response.content.decode("utf-8").splitlines()[0]
    schema = json.loads((SCHEMAS_DIR / "poles.json").read_text())
    assert header.split(",") == [field["name"] for field in schema["fields"]]
    rows = {row["slug"]: row for row in csv_rows(response)}
    assert set(rows) == {"pole-des-coteaux", "pole-armor"}
    coteaux = rows["pole-des-coteaux"]
    assert coteaux["nom"] == "Pôle des Coteaux"
    assert coteaux["region_code"] == "76"
    assert coteaux["departements"] == "31"
    assert coteaux["signataire_charte"] == "oui"
    assert coteaux["date_signature_charte"] == "2024-05-14"
    assert coteaux["forme"] == "lieu_urbain"
    assert coteaux["annee_creation"] == "2019"
    assert (coteaux["latitude"], coteaux["longitude"]) == ("43.6047", "1.4442")
    assert coteaux["nombre_membres"] == "2"
    assert coteaux["url"].endswith("/poles/pole-des-coteaux/")
    assert rows["pole-armor"]["signataire_charte"] == "non"


def test_poles_csv_is_valid_against_its_table_schema(client, located_pole, other_pole, tmp_path):
    report = frictionless_report(tmp_path, download(client, "public:data_poles_csv"), "poles")

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[0].stats["rows"] == 2


def test_organisations_csv_is_valid_against_its_table_schema(client, located_pole, tmp_path):
    response = download(client, "public:data_organisations_csv")
    report = frictionless_report(tmp_path, response, "organisations")

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[0].stats["rows"] == 2


def test_the_schemas_are_valid_table_schemas_and_the_docs_hold_the_same_copies():
    for name in ("poles", "organisations"):
        source = SCHEMAS_DIR / f"{name}.json"
        report = frictionless.validate(json.loads(source.read_text()), type="schema")
        assert report.valid, report.flatten(["type", "note"])
        assert (DOCS_SCHEMAS / f"{name}.json").read_text() == source.read_text()


def test_a_schema_is_served_at_its_stable_url(client, db):
    response = client.get(reverse("public:data_schema", args=["poles"]))

    assert response.status_code == 200
    assert response.json() == json.loads((SCHEMAS_DIR / "poles.json").read_text())
    assert client.get(reverse("public:data_schema", args=["inconnu"])).status_code == 404


def test_poles_geojson_is_a_valid_feature_collection_in_longitude_latitude_order(
    client, located_pole, other_pole
):
    response = download(client, "public:data_poles_geojson")

    assert response["Content-Type"] == "application/geo+json; charset=utf-8"
    collection = geojson.loads(response.content.decode())
    assert isinstance(collection, geojson.FeatureCollection)
    assert collection.is_valid, collection.errors()
    by_slug = {feature["id"]: feature for feature in collection["features"]}
    coteaux = by_slug["pole-des-coteaux"]
    assert isinstance(coteaux["geometry"], geojson.Point)
    # Toulouse: longitude 1.44 E, latitude 43.60 N — [lon, lat] as RFC 7946 requires.
    assert coteaux["geometry"]["coordinates"] == [1.4442, 43.6047]
    assert coteaux["properties"]["nom"] == "Pôle des Coteaux"
    assert coteaux["properties"]["filieres"] == [
        sector.name for sector in Sector.objects.order_by("position")[:2]
    ]
    assert "latitude" not in coteaux["properties"]
    # The other pole has no place nor territory: nowhere to draw it.
    assert "pole-armor" not in by_slug


def test_a_pole_without_places_stands_at_the_centre_of_its_territory(client, pole, region):
    pole_territory_set(
        pole=pole,
        communes=[
            CommuneFactory(code="31001", latitude=43.0, longitude=1.0),
            CommuneFactory(code="31002", latitude=44.0, longitude=2.0),
        ],
    )

    rows = csv_rows(download(client, "public:data_poles_csv"))

    assert (rows[0]["latitude"], rows[0]["longitude"]) == ("43.5", "1.5")


def test_poles_json_holds_typed_records_and_the_licence(client, located_pole):
    document = download(client, "public:data_poles_json").json()

    assert document["licence"].startswith("Licence Ouverte 2.0")
    assert document["schema"].endswith("/donnees/schemas/poles.json")
    [record] = document["poles"]
    assert record["slug"] == "pole-des-coteaux"
    assert record["departements"] == ["31"]
    assert record["signataire_charte"] is True
    assert record["latitude"] == 43.6047
    assert record["nombre_membres"] == 2


def test_downloads_take_the_maps_filters(client, located_pole, other_pole):
    rows = csv_rows(download(client, "public:data_poles_csv", "?region=53"))
    collection = download(client, "public:data_poles_geojson", "?charter=oui").json()
    organisations = csv_rows(download(client, "public:data_organisations_csv", "?region=53"))

    assert [row["slug"] for row in rows] == ["pole-armor"]
    assert [feature["id"] for feature in collection["features"]] == ["pole-des-coteaux"]
    assert organisations == []


@pytest.mark.parametrize("url_name", DOWNLOADS)
def test_an_invalid_filter_is_a_400_with_a_french_message(client, db, url_name):
    response = client.get(reverse(url_name), {"region": "99", "stage": "9"})

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Filtre invalide."
    assert {error["field"] for error in body["errors"]} == {"region", "stage"}
    assert "Sélectionnez un choix valide" in body["errors"][0]["message"]


# Organisations -----------------------------------------------------------------------------


def test_organisations_csv_lists_current_members_of_published_poles_only(
    client, located_pole, other_pole, toulouse
):
    left = MembershipFactory(pole=located_pole, organisation__name="Partie depuis")
    left.left_on = date(2024, 1, 1)
    left.save()
    MembershipFactory(
        pole=located_pole,
        organisation=OrganisationFactory(
            name="Jeanne Artisane", legal_category=LegalCategory.PERSONNE_PHYSIQUE, siret=None
        ),
    )
    hidden = PoleFactory(name="Pôle caché", slug="pole-cache", is_published=False)
    MembershipFactory(pole=hidden, organisation__name="Membre du pôle caché")

    rows = csv_rows(download(client, "public:data_organisations_csv"))

    assert [row["organisation"] for row in rows] == ["Coop des Coteaux", "Mairie de Balma"]
    coop = rows[0]
    assert coop["pole_slug"] == "pole-des-coteaux"
    assert coop["pole_nom"] == "Pôle des Coteaux"
    assert len(coop["siret"]) == 14
    assert coop["categorie"] == "scic"
    assert coop["ess"] == "oui"
    assert (coop["commune_code"], coop["commune"]) == ("31555", "Toulouse")


# Performance and freshness -----------------------------------------------------------------


@pytest.mark.parametrize("url_name", DOWNLOADS)
def test_downloads_cost_the_same_queries_for_10_or_200_poles(
    client, region, django_assert_max_num_queries, url_name
):
    bulk_poles(10, region)
    cache.clear()
    with django_assert_max_num_queries(50) as small:
        download(client, url_name)
    bulk_poles(190, region)
    cache.clear()
    with django_assert_max_num_queries(50) as large:
        response = download(client, url_name)

    assert len(small.captured_queries) == len(large.captured_queries)
    assert b"pole-en-nombre-0199" in body(response)


def test_a_cached_download_costs_no_query(client, region, django_assert_num_queries):
    bulk_poles(3, region)
    download(client, "public:data_poles_csv")

    with django_assert_num_queries(0):  # served before the sessions and ATOMIC_REQUESTS
        download(client, "public:data_poles_csv")


def test_a_saved_change_is_visible_in_the_downloads_at_once(client, located_pole):
    assert b"Pole des Coteaux" not in download(client, "public:data_poles_csv").content

    pole_update(pole=located_pole, name="Pôle des Coteaux et des Vallées")
    organisation_update(
        organisation=Organisation.objects.get(name="Mairie de Balma"), name="Mairie de Balma (31)"
    )

    assert "Coteaux et des Vallées" in download(client, "public:data_poles_csv").content.decode()
    organisations = body(download(client, "public:data_organisations_csv")).decode()
    assert "Mairie de Balma (31)" in organisations

    pole_update(pole=located_pole, is_published=False)

    assert csv_rows(download(client, "public:data_poles_csv")) == []


FORMULA_STARTS = ["=", "+", "-", "@", "\t"]


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_pole_or_organisation_name_a_spreadsheet_would_run_is_neutralised_and_still_valid(
    client, located_pole, tmp_path, start
):
    located_pole.name = f'{start}HYPERLINK("http://x")'
    located_pole.save()
    organisation = Organisation.objects.get(name="Mairie de Balma")
    organisation.name = f"{start}SOMME(A1:A9)"
    organisation.save()
    poles = download(client, "public:data_poles_csv")
    assert [row["nom"] for row in csv_rows(poles)] == [f'\'{start}HYPERLINK("http://x")']
    organisations = download(client, "public:data_organisations_csv")
    names = {row["organisation"] for row in csv_rows(organisations)}
    assert f"'{start}SOMME(A1:A9)" in names
    assert {row["pole_nom"] for row in csv_rows(organisations)} == {
        f'\'{start}HYPERLINK("http://x")'
    }
    assert frictionless_report(tmp_path, poles, "poles").valid
    assert frictionless_report(tmp_path, organisations, "organisations").valid
