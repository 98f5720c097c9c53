"""organisations.csv, the largest open-data file, is streamed as the memberships are read:
never built whole nor kept in the cache, yet still answered 304 from its ETag."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ptce.core.invalidation import everything_changed
from ptce.public import opendata_organisations
from ptce.public.filters import published_poles
from ptce.public.opendata_organisations import organisations_csv
from tests.public.test_opendata import bulk_poles

pytestmark = pytest.mark.django_db
URL = reverse("public:data_organisations_csv")


def test_the_file_is_streamed_and_nothing_is_kept_in_the_cache(client, region):
    bulk_poles(3, region)
    cache.clear()
    response = client.get(URL)
    assert response.streaming
    body = response.getvalue()
    assert body.count(b"\r\n") == 1 + 3 * 2  # the header, two members per pole
    assert not [key for key in cache._cache if "opendata:organisations.csv" in key]


def test_the_memberships_are_read_in_chunks_while_the_file_is_written(
    client, region, monkeypatch, django_assert_num_queries
):
    bulk_poles(5, region)
    monkeypatch.setattr(opendata_organisations, "STREAM_CHUNK", 4)
    response = client.get(URL)
    with django_assert_num_queries(1):  # one query, whose rows are fetched 4 at a time
        lines = list(response.streaming_content)
    assert len(lines) == 1 + 10


def test_the_streamed_file_is_the_one_opendata_export_writes(client, region):
    bulk_poles(4, region)
    poles, _ = published_poles({})
    assert client.get(URL).getvalue().decode("utf-8") == organisations_csv(poles)


def test_a_matching_etag_gets_a_304_without_reading_a_membership(client, region):
    bulk_poles(2, region)
    etag = client.get(URL)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]] == []


def test_the_etag_changes_with_the_data_and_with_the_filters(client, region):
    bulk_poles(2, region)
    first = client.get(URL)["ETag"]
    assert client.get(URL)["ETag"] == first
    assert client.get(URL + "?region=" + region.code)["ETag"] != first
    everything_changed()
    assert client.get(URL)["ETag"] != first


def test_an_invalid_filter_is_a_400_without_validators(client, db):
    response = client.get(URL + "?laureate=inconnu")
    assert response.status_code == 400
    assert "ETag" not in response
    assert "Last-Modified" not in response
    assert response.json()["detail"] == "Filtre invalide."
