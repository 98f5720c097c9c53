"""From PTCE_EXPORT_JOB_ROWS applications, the instructors' export is built by a background job:
the request records the run and sends to its page, the worker writes the same file."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from ptce.core import export_runs
from ptce.core.models import ExportRun, ExportState
from tests.calls.factories import PhaseFactory
from tests.calls.factories.lists import filed
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db
CSV = reverse("calls:export_csv")
XLSX = reverse("calls:export_xlsx")
# « tous »: the files of every state, not only the default tab « à traiter ».
QUERY = "?onglet=tous&columns=numero&columns=pole&columns=instructeurs&columns=filieres&sort=pole"


@pytest.fixture
def phase():
    return PhaseFactory(call__name="AMI PTCE 2022", call__slug="ami-2022")


def add(phase, region, count, instructor=None):
    for index in range(count):
        application = filed(phase, pole=PoleFactory(name=f"Pôle {index:03d}", region=region))
        if instructor:
            application.assigned_to.add(instructor)


@pytest.fixture
def threshold(settings):
    settings.PTCE_EXPORT_JOB_ROWS = 5
    return 5


def stored_text(run) -> str:
    with storages["private"].open(run.file.name, "rb") as handle:
        return handle.read().decode("utf-8")


def test_below_the_threshold_the_csv_is_streamed_at_once(client_as, phase, region, threshold):
    add(phase, region, threshold - 1)
    response = client_as("national_instructor").get(CSV)
    assert response.status_code == 200
    assert response.streaming
    assert not ExportRun.objects.exists()


@pytest.mark.parametrize("url", [CSV, XLSX])
def test_from_the_threshold_the_request_enqueues_and_the_worker_builds_the_same_file(
    client_as, phase, region, threshold, settings, url, django_capture_on_commit_callbacks
):
    add(phase, region, threshold + 2)
    client = client_as("national_instructor")
    settings.PTCE_EXPORT_JOB_ROWS = 1000
    direct = client.get(url + QUERY).getvalue()
    settings.PTCE_EXPORT_JOB_ROWS = threshold
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.get(url + QUERY)
    assert len(callbacks) == 1  # the job, enqueued once the request committed
    run = ExportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:export_run", args=[run.pk])
    assert (run.state, run.rows_done, run.rows_total) == (ExportState.DONE, 7, 7)
    assert run.kind == "calls.applications"
    assert run.params["columns"] == sorted(["numero", "pole", "instructeurs", "filieres"])
    built = client.get(reverse("core:export_file", args=[run.pk]))
    content = b"".join(built.streaming_content)
    if url == CSV:
        assert content.decode("utf-8") == direct.decode("utf-8")
        rows = list(csv.reader(io.StringIO(content.decode("utf-8")[1:]), delimiter=";"))
        assert rows[0] == ["N°", "Pôle", "Filières", "Instructeurs"]
        assert [row[1] for row in rows[1:]] == [f"Pôle {index:03d}" for index in range(7)]
    else:
        assert list(load_workbook(io.BytesIO(content)).active.values) == list(
            load_workbook(io.BytesIO(direct)).active.values
        )


def test_asking_again_while_it_is_built_leads_to_the_same_run(
    client_as, phase, region, threshold, django_capture_on_commit_callbacks
):
    add(phase, region, threshold)
    client = client_as("national_instructor")
    with django_capture_on_commit_callbacks(execute=False):
        first = client.get(CSV + QUERY)
        second = client.get(CSV + QUERY.replace("sort=pole", "sort=pole&page=3"))
    assert first["Location"] == second["Location"]
    assert ExportRun.objects.count() == 1


def test_a_regional_instructor_s_job_exports_their_regions_only(
    client_as, phase, region, other_region, threshold, django_capture_on_commit_callbacks
):
    add(phase, region, threshold)
    add(phase, other_region, 3)
    with django_capture_on_commit_callbacks(execute=True):
        client_as("instructor").get(CSV)
    run = ExportRun.objects.get()
    assert run.rows_done == threshold
    assert stored_text(run).count("\r\n") == threshold + 1


def test_the_job_makes_as_many_queries_for_ten_or_forty_applications(
    phase,
    region,
    instructor,
    national_instructor,
    threshold,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    monkeypatch.setattr(export_runs, "PROGRESS_EVERY", 10_000)

    def build():
        columns = ["numero", "pole", "departements", "filieres", "instructeurs", "note"]
        params = {"columns": sorted(columns), "onglet": ["tous"]}
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            run = export_runs.export_request(
                user=national_instructor, kind="calls.applications", fmt="csv", params=params
            )
        with CaptureQueriesContext(connection) as queries:
            callbacks[0]()
        run.refresh_from_db()
        return run, len(queries)

    add(phase, region, 10, instructor)
    ten, ten_queries = build()
    add(phase, region, 30, instructor)
    forty, forty_queries = build()
    assert (ten.rows_done, forty.rows_done) == (10, 40)
    assert forty_queries == ten_queries


def test_invalid_filters_still_give_an_empty_file_at_once_and_no_job(
    client_as, phase, region, threshold
):
    add(phase, region, threshold + 1)
    response = client_as("national_instructor").get(CSV + "?state=inconnu")
    assert response.status_code == 200
    assert response.getvalue().decode("utf-8").count("\r\n") == 1
    assert not ExportRun.objects.exists()


def test_bad_filters_sent_to_the_job_are_told_in_french(national_instructor):
    with pytest.raises(ValidationError) as error:
        export_runs.export_request(
            user=national_instructor,
            kind="calls.applications",
            fmt="csv",
            params={"state": ["inconnu"]},
        )
    assert error.value.messages == [
        "État\xa0: Sélectionnez un choix valide. inconnu n’en fait pas partie."
    ]
    assert not ExportRun.objects.exists()
