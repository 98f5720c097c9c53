"""The public API /api/v1/: poles (filters, pagination), a pole, its members, the territories,
the key figures, and JSON errors with French messages."""

import pytest
from django.core.cache import cache

from ptce.organisations.models import LegalCategory
from ptce.poles.models import Stage
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory, PoleFactory
from tests.public.test_opendata import bulk_poles, make_located, make_toulouse
from tests.territories.factories import CommuneFactory, DepartementFactory, EpciFactory

API = "/api/v1"


@pytest.fixture
def located_pole(pole, region):
    return make_located(pole, make_toulouse(region))


def get(client, path, params=None, status=200):
    response = client.get(API + path, params or {})
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


# Poles -------------------------------------------------------------------------------------


def test_the_list_gives_published_poles_by_name_with_the_total(client, located_pole, other_pole):
    PoleFactory(name="Pôle en préparation", slug="pole-prepa", is_published=False)

    page = get(client, "/poles/")

    assert page["count"] == 2
    assert (page["limit"], page["offset"]) == (50, 0)
    assert page["next"] is page["previous"] is None
    assert [pole["slug"] for pole in page["results"]] == ["pole-armor", "pole-des-coteaux"]
    coteaux = page["results"][1]
    assert coteaux["nom"] == "Pôle des Coteaux"
    assert coteaux["region_code"] == "76"
    assert coteaux["departements"] == ["31"]
    assert coteaux["signataire_charte"] is True
    assert (coteaux["latitude"], coteaux["longitude"]) == (43.6047, 1.4442)
    assert coteaux["nombre_membres"] == 2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "76"}, ["pole-des-coteaux"]),
        ({"region": "53"}, ["pole-armor"]),
        ({"departement": "31"}, ["pole-des-coteaux"]),
        ({"charter": "oui"}, ["pole-des-coteaux"]),
        ({"charter": "non"}, ["pole-armor"]),
        ({"form": "lieu_urbain"}, ["pole-des-coteaux"]),
        ({"stage": str(Stage.RECOGNISED)}, ["pole-armor"]),
        ({"region": "53", "stage": "1"}, []),
    ],
)
def test_the_list_takes_the_maps_filters(client, located_pole, other_pole, params, expected):
    other_pole.stage = Stage.RECOGNISED
    other_pole.save()

    page = get(client, "/poles/", params)

    assert [pole["slug"] for pole in page["results"]] == expected
    assert page["count"] == len(expected)


def test_the_list_filters_by_sector(client, located_pole, other_pole):
    sector = located_pole.sectors.order_by("position").first()

    page = get(client, "/poles/", {"sector": sector.slug})

    assert [pole["slug"] for pole in page["results"]] == ["pole-des-coteaux"]


def test_an_unknown_filter_value_is_a_400_with_french_messages(client, db):
    body = get(client, "/poles/", {"region": "99", "sector": "inconnue"}, status=400)

    assert body["detail"].startswith("Filtre invalide")
    fields = {error["field"] for error in body["errors"]}
    assert fields == {"region", "sector"}
    assert all("Sélectionnez un choix valide" in error["message"] for error in body["errors"])


def test_the_list_is_paginated_by_limit_and_offset(client, region):
    bulk_poles(7, region)

    first = get(client, "/poles/", {"limit": 3})
    second = get(client, "/poles/", {"limit": 3, "offset": 3, "region": "76"})
    last = get(client, "/poles/", {"limit": 3, "offset": 6})

    assert first["count"] == second["count"] == last["count"] == 7
    assert [p["slug"] for p in first["results"]] == [f"pole-en-nombre-000{i}" for i in (0, 1, 2)]
    assert [p["slug"] for p in second["results"]] == [f"pole-en-nombre-000{i}" for i in (3, 4, 5)]
    assert [p["slug"] for p in last["results"]] == ["pole-en-nombre-0006"]
    assert first["previous"] is None
    assert first["next"] == f"{API}/poles/?limit=3&offset=3"
    assert second["next"] == f"{API}/poles/?limit=3&offset=6&region=76"
    assert second["previous"] == f"{API}/poles/?limit=3&offset=0&region=76"
    assert last["next"] is None
    assert get(client, first["next"].removeprefix(API))["results"] == second["results"]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"limit": "0"}, "limit", "doit être supérieur ou égal à 1"),
        ({"limit": "501"}, "limit", "doit être inférieur ou égal à 500"),
        ({"offset": "-1"}, "offset", "doit être supérieur ou égal à 0"),
        ({"limit": "beaucoup"}, "limit", "nombre entier attendu"),
        ({"charter": "peut-être"}, "charter", "valeur attendue : 'oui' ou 'non'"),
        ({"stage": "9"}, "stage", "valeur attendue : '1', '2', '3' ou '4'"),
    ],
)
def test_a_malformed_page_parameter_is_a_422_in_french(client, db, params, field, message):
    body = get(client, "/poles/", params, status=422)

    assert body["errors"] == [{"field": field, "message": message}]
    assert body["detail"] == f"Paramètres invalides : {field} : {message}"


def test_a_published_pole_is_found_by_its_slug(client, located_pole):
    located_pole.description = "Un pôle de coopération entre coteaux et vallées."
    located_pole.save()

    pole = get(client, "/poles/pole-des-coteaux")

    assert pole["nom"] == "Pôle des Coteaux"
    assert pole["description"] == "Un pôle de coopération entre coteaux et vallées."
    assert pole["url"].endswith("/poles/pole-des-coteaux/")


@pytest.mark.parametrize("suffix", ["", "/organisations"])
def test_an_unpublished_or_unknown_pole_is_a_json_404(client, db, suffix):
    PoleFactory(name="Pôle en préparation", slug="pole-prepa", is_published=False)

    for slug in ("pole-prepa", "inconnu"):
        body = get(client, f"/poles/{slug}{suffix}", status=404)
        assert body["detail"] == f"Aucun pôle publié ne porte l’identifiant «\xa0{slug}\xa0»."


def test_the_organisations_of_a_pole_are_its_current_non_personal_members(client, located_pole):
    MembershipFactory(
        pole=located_pole,
        organisation=OrganisationFactory(
            name="Jeanne Artisane", legal_category=LegalCategory.PERSONNE_PHYSIQUE, siret=None
        ),
    )

    organisations = get(client, "/poles/pole-des-coteaux/organisations")

    assert [o["organisation"] for o in organisations] == ["Coop des Coteaux", "Mairie de Balma"]
    assert organisations[0]["ess"] is True
    assert organisations[0]["categorie"] == "scic"
    assert organisations[0]["commune_code"] == "31555"


@pytest.mark.parametrize("path", ["/poles/", "/poles/pole-en-nombre-0000/organisations"])
def test_api_lists_cost_the_same_queries_for_10_or_200_poles(
    client, region, django_assert_max_num_queries, path
):
    bulk_poles(10, region)
    cache.clear()
    with django_assert_max_num_queries(30) as small:
        get(client, path, {"limit": 500})
    bulk_poles(190, region)
    cache.clear()
    with django_assert_max_num_queries(30) as large:
        page = get(client, path, {"limit": 500})

    assert len(small.captured_queries) == len(large.captured_queries)
    if path == "/poles/":
        assert page["count"] == len(page["results"]) == 200


# Territories -------------------------------------------------------------------------------


@pytest.fixture
def geography(region, other_region):
    haute_garonne = DepartementFactory(code="31", name="Haute-Garonne", region=region)
    epci = EpciFactory(code="243100518", name="Toulouse Métropole", nature="MET")
    CommuneFactory(
        code="31555",
        name="Toulouse",
        postal_codes="31000 31100 31200",
        population=500000,
        departement=haute_garonne,
        epci=epci,
        latitude=43.6045,
        longitude=1.4442,
    )
    CommuneFactory(code="31069", name="Blagnac", departement=haute_garonne, population=25000)
    region.other_names = "Midi-Pyrénées|Languedoc-Roussillon"
    region.search_other_names = "|midi pyrenees|languedoc roussillon|"
    region.save()


def test_communes_are_found_by_name_code_or_postal_code(client, geography):
    by_name = get(client, "/territoires/communes", {"q": "toulouse"})
    by_postal_code = get(client, "/territoires/communes", {"q": "31100"})
    by_code = get(client, "/territoires/communes/31555")

    assert [c["code"] for c in by_name] == ["31555"]
    assert [c["code"] for c in by_postal_code] == ["31555"]
    assert by_code["nom"] == "Toulouse"
    assert by_code["codes_postaux"] == ["31000", "31100", "31200"]
    assert (by_code["departement_code"], by_code["region_code"]) == ("31", "76")
    assert (by_code["epci_code"], by_code["epci"]) == ("243100518", "Toulouse Métropole")
    assert (by_code["latitude"], by_code["longitude"]) == (43.6045, 1.4442)


def test_epci_departements_and_regions_are_found_by_code_or_name(client, geography):
    assert [e["code"] for e in get(client, "/territoires/epci", {"q": "toulouse metro"})] == [
        "243100518"
    ]
    assert get(client, "/territoires/epci/243100518")["nom"] == "Toulouse Métropole"
    assert [d["code"] for d in get(client, "/territoires/departements", {"q": "haute gar"})] == [
        "31"
    ]
    assert get(client, "/territoires/departements/31")["region"] == "Occitanie"
    assert [r["code"] for r in get(client, "/territoires/regions", {"q": "Midi-Pyrénées"})] == [
        "76"
    ]
    assert [r["code"] for r in get(client, "/territoires/regions")] == ["53", "76"]
    assert get(client, "/territoires/regions/53") == {"code": "53", "nom": "Bretagne"}


@pytest.mark.parametrize(
    "path",
    [
        "/territoires/communes/99999",
        "/territoires/communes/abc",
        "/territoires/epci/000000000",
        "/territoires/departements/00",
        "/territoires/regions/00",
    ],
)
def test_an_unknown_territory_is_a_json_404_in_french(client, geography, path):
    body = get(client, path, status=404)

    assert "ne porte le code" in body["detail"]


def test_a_commune_search_needs_a_query(client, db):
    body = get(client, "/territoires/communes", status=422)

    assert body["errors"] == [{"field": "q", "message": "paramètre obligatoire"}]


# Figures, référentiel, documentation -------------------------------------------------------


def test_the_figures_count_published_poles_nationally_or_by_region(client, located_pole):
    PoleFactory(name="Pôle en préparation", slug="pole-prepa", is_published=False)
    PoleFactory(region=located_pole.region)

    national = get(client, "/chiffres")
    occitanie = get(client, "/chiffres", {"region": "76"})

    assert national["region"] is None
    assert national["poles"] == {"total": 2}
    assert occitanie["region"] == {"code": "76", "name": "Occitanie"}
    assert occitanie["members"]["total"] == 2


def test_figures_for_an_unknown_region_are_a_400(client, db):
    body = get(client, "/chiffres", {"region": "99"}, status=400)

    assert body["detail"] == "Aucune région ne porte le code « 99 »."


def test_the_referentiel_list_is_served(client, db):
    assert isinstance(get(client, "/referentiels/"), list)


def test_the_openapi_schema_and_the_docs_are_public(client, db):
    schema = get(client, "/openapi.json")
    docs = client.get(API + "/docs")

    assert {"/api/v1/poles/", "/api/v1/poles/{slug}", "/api/v1/chiffres"} <= set(schema["paths"])
    assert "/api/v1/territoires/communes" in schema["paths"]
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()


def test_an_unknown_address_under_the_api_is_a_json_404(client, db):
    body = get(client, "/inexistant/", status=404)

    assert body["detail"] == "Aucune ressource de l’API à cette adresse."


def test_a_missing_trailing_slash_gets_a_hint(client, db):
    body = get(client, "/poles", status=404)

    assert body["detail"].endswith("Vouliez-vous dire /api/v1/poles/ ?")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, db, method):
    response = getattr(client, method)(API + "/poles/")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert "lecture seule" in response.json()["detail"]
