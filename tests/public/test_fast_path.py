"""The map's data, the API and the open data served from the shared cache before the sessions
(`ptce.core.pages_cache`, issues #13 and #18): a hit reads no database, carries the same bytes,
headers, CORS and 304s as the view, and is renewed by the services that change what it shows."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from ptce.core.pages_cache import entry_key
from ptce.poles.services import pole_update
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db

ORIGIN = {"Origin": "https://partenaire.example"}


@pytest.fixture
def urls(pole):
    return [
        reverse("public:map_data"),
        reverse("public:map_data") + "?q=coteaux",
        "/api/v1/poles/",
        "/api/v1/poles/?limit=1",
        f"/api/v1/poles/{pole.slug}",
        "/api/v1/territoires/regions",
        "/donnees/poles.json",
    ]


def test_a_hit_reads_no_database_and_gives_the_same_response(
    client, urls, django_assert_num_queries
):
    for url in urls:
        first = client.get(url)
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again.status_code == 200
        assert again.content == first.content
        assert again["Content-Type"] == first["Content-Type"]
        assert again.get("ETag") == first.get("ETag")
        assert again.get("Last-Modified") == first.get("Last-Modified")
        assert "sessionid" not in again.cookies


def test_the_query_string_is_part_of_the_key(client, pole):
    PoleFactory(name="Pôle des Vallées", region=pole.region)
    assert client.get("/api/v1/poles/").json()["count"] == 2
    page = client.get("/api/v1/poles/?limit=1").json()
    assert len(page["results"]) == 1
    assert page["next"]


def test_an_unpublished_pole_leaves_the_api_and_the_map_at_once(client, pole, urls):
    for url in urls:
        assert client.get(url).status_code == 200

    pole_update(pole=pole, is_published=False)

    assert client.get(f"/api/v1/poles/{pole.slug}").status_code == 404
    assert client.get("/api/v1/poles/").json()["count"] == 0
    assert client.get(reverse("public:map_data")).json()["count"] == 0
    assert pole.slug not in client.get("/donnees/poles.json").content.decode()


def test_the_entry_is_renewed_when_its_scope_changes(client, pole, django_assert_num_queries):
    url = f"/api/v1/poles/{pole.slug}"
    client.get(url)

    pole_update(pole=pole, name="Pôle des Vignes")

    assert client.get(url).json()["nom"] == "Pôle des Vignes"
    with django_assert_num_queries(0):
        assert client.get(url).json()["nom"] == "Pôle des Vignes"


def test_a_hit_carries_the_cors_headers(client, urls):
    for url in [u for u in urls if not u.startswith("/carte/")]:
        client.get(url)
        response = client.get(url, headers=ORIGIN)
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response["Access-Control-Expose-Headers"]
        assert "origin" in response["Vary"].lower()


def test_a_hit_answers_conditional_requests_like_the_view(client, pole):
    url = "/api/v1/poles/"
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]

    unchanged = client.get(url, headers={"If-None-Match": etag, **ORIGIN})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged["ETag"] == etag
    assert unchanged["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert unchanged["Access-Control-Allow-Origin"] == "*"
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"autre"'}).status_code == 200
    assert client.get(url, headers={"If-Match": '"autre"'}).status_code == 412


def test_head_is_answered_like_get_from_the_entry(client):
    url = reverse("public:map_data")
    body = client.get(url).content
    head = client.head(url)
    assert head.status_code == 200
    assert head["Content-Type"] == "application/json"
    assert client.get(url).content == body


def test_a_signed_in_visitor_is_served_the_shared_copy_but_never_stores_one(
    client_as, pole, django_assert_num_queries
):
    url = "/api/v1/poles/"
    client = client_as("coordinator")
    signed_in = client.get(url).content
    assert cache.get(entry_key(url)) is None

    client.logout()
    anonymous = client.get(url).content
    client_as("coordinator")
    with django_assert_num_queries(0):
        again = client.get(url).content
    assert anonymous == signed_in == again


def test_error_responses_are_not_kept(client, pole, django_assert_num_queries):
    hidden = PoleFactory(name="Pôle caché", region=pole.region, is_published=False)
    assert client.get(f"/api/v1/poles/{hidden.slug}").status_code == 404
    assert client.get(reverse("public:map_data"), {"region": "zz"}).status_code == 400

    pole_update(pole=hidden, is_published=True)

    assert client.get(f"/api/v1/poles/{hidden.slug}").status_code == 200
    assert client.get(reverse("public:map_data"), {"region": "zz"}).status_code == 400
