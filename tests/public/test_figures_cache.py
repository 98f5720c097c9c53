"""« Le PTCE en chiffres » from the cache: a cached page costs no query of its own, shows
exactly what a fresh rendering shows, and never keeps a form error or a stale number."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ptce.cooperation.models import ActionType
from ptce.core.invalidation import everything_changed
from ptce.poles.models import Stage
from ptce.public.figures import national_figures
from ptce.territories.models import Region
from tests.poles.factories import published_pole
from tests.public.test_figures import FIVE, build_dataset, poles_with_scores

pytestmark = pytest.mark.django_db

URL = "/chiffres/"
SAVEPOINTS = 2  # ATOMIC_REQUESTS: the request's SAVEPOINT and RELEASE


@pytest.fixture
def dataset(region, other_region):
    data = build_dataset(region, other_region)
    poles_with_scores(FIVE, region=region)
    return data


def queries_for(client, path) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("path", [URL, f"{URL}?region=76", f"{URL}?region="])
def test_a_cached_page_costs_no_query_beyond_the_request_savepoints(client, dataset, path):
    queries_for(client, path)

    assert queries_for(client, path) == SAVEPOINTS


@pytest.mark.parametrize("path", [URL, f"{URL}?region=76", f"{URL}?region=", f"{URL}?region=99"])
def test_a_cached_page_is_the_page_rendered_afresh(client, dataset, path):
    fresh = client.get(path).content
    again = client.get(path).content
    everything_changed()

    assert again == fresh
    assert client.get(path).content == fresh


def test_the_region_filter_keeps_its_choice_and_the_national_page_keeps_none(client, dataset):
    client.get(URL)
    filtered = client.get(URL, {"region": "76"}).content.decode()
    national = client.get(URL).content.decode()

    assert '<option value="76" selected>Occitanie</option>' in filtered
    assert "pour la région Occitanie" in filtered
    assert '<option value="76" selected>' not in national
    assert "pour la France entière" in national


def test_a_form_error_is_never_served_to_the_next_visitor(client, dataset):
    assert "Cette région n’existe pas" in client.get(URL, {"region": "99"}).content.decode()

    for path in (URL, f"{URL}?region=76", f"{URL}?region="):
        assert "Cette région n’existe pas" not in client.get(path).content.decode()


def test_a_save_shows_at_once_on_the_cached_page_and_in_the_csv(client, region, dataset):
    client.get(URL)
    client.get(f"{URL}?region=76")

    published_pole(region=region, stage=Stage.VOLUNTEERS)

    assert '<strong class="fr-h2">9</strong><br>pôles publiés' in client.get(URL).content.decode()
    filtered = client.get(URL, {"region": "76"}).content.decode()
    assert '<strong class="fr-h2">8</strong><br>pôles publiés' in filtered


def test_the_region_filter_validates_a_code_without_a_query(client, dataset):
    client.get(URL)  # the régions are now cached

    with CaptureQueriesContext(connection) as context:
        response = client.get("/chiffres/etapes.csv", {"region": "99"})

    assert response.status_code == 400
    assert len(context.captured_queries) == SAVEPOINTS


def test_a_region_figures_match_the_national_figures_of_that_region(dataset):
    national = national_figures()
    occitanie = national_figures("76")

    assert occitanie["by_region"] == [row for row in national["by_region"] if row["code"] == "76"]
    assert occitanie["poles"]["total"] == occitanie["by_region"][0]["count"] == 7
    assert sum(row["count"] for row in occitanie["by_stage"]) == 7
    by_type = {row["type"]: row["count"] for row in occitanie["actions_by_type"]}
    assert by_type[ActionType.TRAINING] == 1
    assert by_type[ActionType.POOL_RESOURCES] == 1
    assert sum(by_type.values()) == occitanie["outcomes"]["action_count"] == 2


def test_an_unknown_region_code_still_raises_without_the_cache(dataset):
    national_figures()

    with pytest.raises(Region.DoesNotExist):
        national_figures("99")


API = "/api/v1/chiffres"


def test_once_computed_a_change_is_recomputed_by_a_job_while_visitors_see_the_last_figures(
    client, region, dataset, job_queue, django_capture_on_commit_callbacks
):
    nine = '<strong class="fr-h2">9</strong><br>pôles publiés'
    assert '<strong class="fr-h2">8</strong><br>pôles publiés' in client.get(URL).content.decode()
    before = client.get(API)
    assert before.json()["poles"]["total"] == 8

    published_pole(region=region, stage=Stage.VOLUNTEERS)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(URL).content.decode()
        api = client.get(API)
        client.get(URL)

    # The last figures, at once: no visitor computes them; one job for the three requests.
    assert nine not in page
    assert api.json()["poles"]["total"] == 8
    assert [task.name for task in job_queue.pending()] == ["figures_refresh"]

    assert job_queue.run() == 1
    assert nine in client.get(URL).content.decode()
    after = client.get(API, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after.json()["poles"]["total"] == 9
    assert job_queue.pending() == []


def test_figures_never_computed_are_computed_by_the_first_visitor(client, dataset, job_queue):
    assert "pôles publiés" in client.get(URL).content.decode()
    assert job_queue.pending() == []
