"""HTTP habits of the API and the downloads: ETag / Last-Modified and 304s, CORS for GET,
preflight, HEAD, and cached responses invalidated by the services."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from freezegun import freeze_time

from ptce.core.invalidation import POLES, invalidate
from ptce.poles.services import pole_update
from ptce.public import http
from tests.poles.factories import PoleFactory
from tests.public.test_opendata import make_located, make_toulouse

ORIGIN = {"Origin": "https://partenaire.example"}
URLS = [
    "/api/v1/poles/",
    "/api/v1/poles/pole-des-coteaux",
    "/api/v1/poles/pole-des-coteaux/organisations",
    "/api/v1/chiffres",
    "/api/v1/territoires/regions",
    "/api/v1/openapi.json",
    "/donnees/poles.csv",
    "/donnees/poles.geojson",
    "/donnees/poles.json",
    "/donnees/organisations.csv",
    "/donnees/schemas/poles.json",
]


@pytest.fixture
def located_pole(pole, region):
    return make_located(pole, make_toulouse(region))


@pytest.mark.parametrize("url", URLS)
def test_every_response_carries_validators_and_cors(client, located_pole, url):
    with freeze_time("2030-01-05 09:30:00.700"):
        response = client.get(url, headers=ORIGIN)

    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["ETag"].endswith('"')
    assert response["Last-Modified"] == "Sat, 05 Jan 2030 09:30:00 GMT"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


@pytest.mark.parametrize("url", URLS)
def test_a_matching_if_none_match_gets_a_304_without_body(client, located_pole, url):
    etag = client.get(url)["ETag"]

    response = client.get(url, headers={"If-None-Match": etag, **ORIGIN})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_stale_etag_gets_the_new_body(client, located_pole):
    etag = client.get("/api/v1/poles/")["ETag"]
    pole_update(pole=located_pole, name="Pôle des Coteaux renommé")

    response = client.get("/api/v1/poles/", headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert response.json()["results"][0]["nom"] == "Pôle des Coteaux renommé"


def test_if_modified_since_gets_a_304_until_the_data_changes(client, located_pole):
    last_modified = client.get("/donnees/poles.csv")["Last-Modified"]

    assert (
        client.get("/donnees/poles.csv", headers={"If-Modified-Since": last_modified}).status_code
        == 304
    )
    with freeze_time("2099-01-01"):
        invalidate(POLES)  # a later change of the poles
    response = client.get("/donnees/poles.csv", headers={"If-Modified-Since": last_modified})
    assert response.status_code == 200


def test_the_etag_is_the_same_for_the_same_data(client, located_pole):
    first = client.get("/api/v1/poles/")["ETag"]
    cache.clear()

    assert client.get("/api/v1/poles/")["ETag"] == first
    assert client.get("/api/v1/poles/", {"charter": "non"})["ETag"] != first


@pytest.mark.parametrize("url", ["/api/v1/poles/", "/donnees/poles.csv"])
def test_a_cors_preflight_for_get_is_granted(client, db, url):
    response = client.options(
        url,
        headers={
            "Origin": "https://partenaire.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "if-none-match" in response["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("url", ["/api/v1/poles/", "/donnees/poles.csv"])
def test_a_cors_preflight_for_writing_grants_no_writing_method(client, db, url):
    response = client.options(url, headers={"Access-Control-Request-Method": "POST", **ORIGIN})

    granted = [method.strip() for method in response["Access-Control-Allow-Methods"].split(",")]
    assert "POST" not in granted
    assert granted == ["GET", "HEAD", "OPTIONS"]


@pytest.mark.parametrize("url", ["/api/v1/poles/", "/donnees/poles.csv"])
def test_head_answers_like_get_without_a_body(client, located_pole, url):
    get = client.get(url)
    head = client.head(url)

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]


def test_a_post_to_a_download_is_refused(client, db):
    response = client.post("/donnees/poles.csv")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_a_null_character_is_refused_before_reaching_the_database(client, db):
    response = client.get("/api/v1/territoires/communes", {"q": "Tou\x00louse"})

    assert response.status_code == 400
    assert "caractère nul" in response.json()["detail"]


def test_a_new_pole_appears_in_the_cached_api_list_at_once(client, located_pole):
    assert client.get("/api/v1/poles/").json()["count"] == 1

    pole_update(
        pole=PoleFactory(name="Pôle tout neuf", slug="pole-tout-neuf", is_published=False),
        is_published=True,
    )

    page = client.get("/api/v1/poles/").json()
    assert page["count"] == 2
    assert "pole-tout-neuf" in [pole["slug"] for pole in page["results"]]
    assert client.get("/api/v1/poles/pole-tout-neuf").status_code == 200


def test_an_unpublished_pole_leaves_the_cached_api_at_once(client, located_pole):
    assert client.get("/api/v1/poles/pole-des-coteaux").status_code == 200

    pole_update(pole=located_pole, is_published=False)

    assert client.get("/api/v1/poles/pole-des-coteaux").status_code == 404
    assert client.get("/api/v1/poles/").json()["count"] == 0
    assert client.get(reverse("public:data_poles_csv")).content.count(b"\r\n") == 1


def test_a_cached_download_is_served_as_stored_with_its_etag_hashed_once(client, db, monkeypatch):
    cache.clear()
    hashed = []
    monkeypatch.setattr(http, "etag_of", lambda content: hashed.append(content) or '"e"')
    first = client.get("/donnees/poles.csv")
    second = client.get("/donnees/poles.csv")
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"] == '"e"'
    assert hashed == [first.content]


def test_cors_is_granted_to_the_open_data_and_the_api_only(client, db):
    assert client.get("/api/v1/poles/", headers=ORIGIN)["Access-Control-Allow-Origin"] == "*"
    for url in ("/carte/", "/connexion/", "/chiffres/"):
        assert "Access-Control-Allow-Origin" not in client.get(url, headers=ORIGIN)


def test_an_error_carries_no_validators_and_is_never_not_modified(client, db):
    response = client.get(
        "/api/v1/poles/inconnu", headers={"If-Modified-Since": "Sat, 01 Jan 2099 00:00:00 GMT"}
    )

    assert response.status_code == 404
    assert "ETag" not in response
    assert "Last-Modified" not in response
