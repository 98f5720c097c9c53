"""Large exports built by a background job: the run, its progress, its file, its expiry."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook

from ptce.core import export_runs
from ptce.core.models import ExportRun, ExportState, User

pytestmark = pytest.mark.django_db


def _people(user, query):
    if query.get("min") and not query["min"].isdigit():
        raise ValidationError("Le nombre minimal doit être un entier.")
    return User.objects.order_by("pk")


def _boom(user, query):
    def rows():
        yield ["une ligne"]
        raise RuntimeError("disque plein")

    return export_runs.ExportTable(["Colonne"], rows())


@pytest.fixture
def people_kind(monkeypatch):
    """A kind of the test's own: every account's address, one row each."""
    kinds = dict(export_runs.KINDS)
    kind = export_runs.ExportKind(
        key="test.people",
        label="Comptes (essai)",
        sheet_title="Comptes",
        allowed=lambda user: user.is_active,
        count=lambda user, query: _people(user, query).count(),
        table=lambda user, query: export_runs.ExportTable(
            ["Adresse", "=Formule"], ([u.email, "=1+1"] for u in _people(user, query))
        ),
        filename=lambda fmt, query: f"comptes.{fmt}",
    )
    kinds[kind.key] = kind
    kinds["test.boom"] = export_runs.ExportKind(
        key="test.boom",
        label="Export qui échoue",
        sheet_title="Échec",
        allowed=lambda user: True,
        count=lambda user, query: 2,
        table=_boom,
        filename=lambda fmt, query: f"echec.{fmt}",
    )
    monkeypatch.setattr(export_runs, "KINDS", kinds)
    return kind


def ask(user, fmt="csv", kind="test.people", params=None):
    return export_runs.export_request(user=user, kind=kind, fmt=fmt, params=params or {})


def stored_bytes(run) -> bytes:
    with storages["private"].open(run.file.name, "rb") as handle:
        return handle.read()


def test_a_request_records_the_run_and_the_worker_builds_its_file(
    people_kind, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = ask(outsider)
    run.refresh_from_db()
    assert run.state == ExportState.DONE
    assert run.rows_done == run.rows_total == User.objects.count()
    assert run.original_name == "comptes.csv"
    text = stored_bytes(run).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0] == ["Adresse", "'=Formule"]
    assert [outsider.email, "'=1+1"] in rows
    assert run.size == len(text.encode())
    assert run.expires_at == run.finished_at + datetime.timedelta(hours=24)


def test_an_xlsx_is_written_by_the_one_export_writer(
    people_kind, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = ask(outsider, fmt="xlsx")
    run.refresh_from_db()
    sheet = load_workbook(io.BytesIO(stored_bytes(run))).active
    assert sheet.title == "Comptes"
    assert list(sheet.values)[:2] == [("Adresse", "'=Formule"), (outsider.email, "'=1+1")]


def test_the_same_request_while_it_is_built_gives_the_same_run(
    people_kind, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = ask(outsider, params={"min": ["2"]})
        second = ask(outsider, params={"min": ["2"]})
        other = ask(outsider, params={"min": ["3"]})
    assert first == second != other
    assert len(callbacks) == 2  # one job per run
    assert ExportRun.objects.count() == 2


def test_progress_is_noted_while_the_rows_are_written(
    people_kind, outsider, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(export_runs, "PROGRESS_EVERY", 1)
    seen = []
    table = people_kind.table

    def spying_table(user, query):
        result = table(user, query)

        def rows():
            for row in result.rows:
                seen.append(ExportRun.objects.get().rows_done)
                yield row

        return export_runs.ExportTable(result.header, rows())

    monkeypatch.setitem(
        export_runs.KINDS,
        "test.people",
        export_runs.ExportKind(**{**people_kind.__dict__, "table": spying_table}),
    )
    with django_capture_on_commit_callbacks(execute=True):
        ask(outsider)
    assert seen == list(range(User.objects.count()))


@pytest.mark.parametrize(
    ("kind", "fmt", "params", "message"),
    [
        ("test.inconnu", "csv", {}, "L’export «\xa0test.inconnu\xa0» n’existe pas."),
        ("test.people", "pdf", {}, "Le format «\xa0pdf\xa0» n’est pas proposé\xa0: CSV ou XLSX."),
        ("test.people", "csv", {"min": ["deux"]}, "Le nombre minimal doit être un entier."),
    ],
)
def test_bad_parameters_are_told_in_french_and_nothing_is_recorded(
    people_kind, outsider, kind, fmt, params, message
):
    with pytest.raises(ValidationError) as error:
        ask(outsider, fmt=fmt, kind=kind, params=params)
    assert error.value.messages == [message]
    assert not ExportRun.objects.exists()


def test_someone_who_may_not_export_gets_a_french_refusal(people_kind, outsider):
    outsider.is_active = False
    with pytest.raises(ValidationError, match="Vous ne pouvez pas demander cet export."):
        ask(outsider)


def test_a_job_that_breaks_leaves_the_run_failed_with_a_french_message_and_no_file(
    people_kind, outsider, django_capture_on_commit_callbacks, private_media
):
    with django_capture_on_commit_callbacks(execute=True):
        run = ask(outsider, kind="test.boom")
    run.refresh_from_db()
    assert run.state == ExportState.FAILED
    assert run.error == export_runs.FAILED_MESSAGE
    assert not run.file
    assert not any(private_media.rglob("*.csv"))


def test_a_person_who_lost_the_right_meanwhile_gets_a_failed_run(
    people_kind, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = ask(outsider)
    User.objects.filter(pk=outsider.pk).update(is_active=False)
    callbacks[0]()
    run.refresh_from_db()
    assert (run.state, run.error) == (ExportState.FAILED, "Vous n’avez plus accès à ces données.")


def test_a_repeated_attempt_of_a_built_run_does_nothing(
    people_kind, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = ask(outsider)
    run.refresh_from_db()
    assert export_runs.export_build(run_pk=run.pk) is None
    assert ExportRun.objects.get().file == run.file


def test_expired_exports_and_their_files_are_purged_every_hour(
    people_kind, outsider, django_capture_on_commit_callbacks
):
    with freeze_time("2026-03-02 09:00"), django_capture_on_commit_callbacks(execute=True):
        old = ask(outsider)
    with freeze_time("2026-03-03 08:00"), django_capture_on_commit_callbacks(execute=True):
        recent = ask(outsider, fmt="xlsx")
    old.refresh_from_db()
    recent.refresh_from_db()
    with freeze_time("2026-03-03 08:59"):
        assert export_runs.export_runs_purge() == 0
    with freeze_time("2026-03-03 09:01"):
        assert export_runs.export_runs_purge() == 1
    assert list(ExportRun.objects.all()) == [recent]
    assert not storages["private"].exists(old.file.name)
    assert storages["private"].exists(recent.file.name)


def test_the_purge_is_a_periodic_job():
    from ptce.core import jobs, tasks

    assert tasks.export_runs_purge.task_class in jobs.HUEY._registry._periodic_tasks
    purge = tasks.export_runs_purge.task_class()
    assert purge.validate_datetime(datetime.datetime(2026, 3, 3, 9, 20))
    assert not purge.validate_datetime(datetime.datetime(2026, 3, 3, 9, 21))


# --- Pages --------------------------------------------------------------------------------


@pytest.fixture
def built(people_kind, outsider, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = ask(outsider)
    run.refresh_from_db()
    return run


def test_the_owner_downloads_the_file(client_as, built):
    response = client_as("outsider").get(reverse("core:export_file", args=[built.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    assert 'filename="comptes.csv"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == stored_bytes(built)


@pytest.mark.parametrize("name", ["core:export_run", "core:export_file"])
@pytest.mark.parametrize("role", ["member", "instructor", "admin_user"])
def test_anyone_else_gets_a_404(client_as, built, name, role):
    assert client_as(role).get(reverse(name, args=[built.pk])).status_code == 404


def test_an_expired_file_is_no_longer_served_even_before_the_purge(client_as, built):
    client = client_as("outsider")
    with freeze_time(built.expires_at + datetime.timedelta(minutes=1)):
        assert client.get(reverse("core:export_file", args=[built.pk])).status_code == 404
        page = client.get(reverse("core:export_run", args=[built.pk]))
    assert "n’est plus disponible" in page.content.decode()


def test_the_page_polls_while_the_file_is_built_then_offers_the_download(
    client_as, people_kind, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = ask(outsider)
    client = client_as("outsider")
    url = reverse("core:export_run", args=[run.pk])
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert f'href="{url}"' in page  # the reload link, without JavaScript
    assert "Lignes écrites&nbsp;: 0 sur" in page
    callbacks[0]()
    block = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert block.lstrip().startswith('<div id="export-progression"')
    assert "hx-trigger" not in block
    assert reverse("core:export_file", args=[run.pk]) in block
    assert block.strip() in client.get(url).content.decode()  # the partial equals the reload


def test_a_failed_run_shows_its_french_message(
    client_as, people_kind, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = ask(outsider, kind="test.boom")
    page = client_as("outsider").get(reverse("core:export_run", args=[run.pk]))
    assert page.status_code == 200
    assert export_runs.FAILED_MESSAGE in page.content.decode()


def test_my_exports_lists_mine_only_in_a_fixed_number_of_queries(
    client_as,
    people_kind,
    outsider,
    member,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(member)
        for minimum in range(3):
            ask(outsider, params={"min": [str(minimum)]})
    client = client_as("outsider")
    with django_assert_num_queries(5):  # session, user, the runs, and the request's savepoint
        response = client.get(reverse("core:export_list"))
    assert len(response.context["runs"]) == 3
    assert "Comptes (essai)" in response.content.decode()


def test_the_run_page_and_the_download_make_a_fixed_number_of_queries(
    client_as, built, django_assert_num_queries
):
    client = client_as("outsider")
    with django_assert_num_queries(5):  # session, user, the run, and the request's savepoint
        client.get(reverse("core:export_run", args=[built.pk]))
    with django_assert_num_queries(5):
        client.get(reverse("core:export_file", args=[built.pk]))


def test_a_deleted_account_s_export_is_still_purged_with_its_file(built, outsider):
    outsider.delete()
    built.refresh_from_db()
    assert built.requested_by is None
    with freeze_time(built.expires_at + datetime.timedelta(minutes=1)):
        assert export_runs.export_runs_purge() == 1
    assert not storages["private"].exists(built.file.name)


def test_a_run_whose_account_was_deleted_before_the_job_fails_in_french(
    people_kind, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = ask(outsider)
    outsider.delete()
    callbacks[0]()
    run.refresh_from_db()
    assert run.state == ExportState.FAILED
    assert run.error == "Le compte qui a demandé cet export a été supprimé."
