"""From PTCE_PDF_JOB_ACTIONS actions, the action plan's PDF is built by a background job unless
the same document is cached: the request records one run and sends to its page; the worker
writes the view's own PDF, for the person who asked only."""

import pytest
from django.core.cache import cache
from django.core.files.storage import storages
from django.urls import reverse

from ptce.cooperation.plan import exports
from ptce.core.models import ExportRun, ExportState
from ptce.poles.models import PolePerson
from tests.cooperation.factories import CooperationActionFactory, StrategicObjectiveFactory
from tests.poppler import poppler

pytestmark = pytest.mark.django_db


@pytest.fixture
def actions(pole):
    objective = StrategicObjectiveFactory(pole=pole, title="Réemploi et économie circulaire")
    CooperationActionFactory(pole=pole, objective=objective, title="Ressourcerie intercommunale")
    CooperationActionFactory(pole=pole, title="Veille hors plan", in_action_plan=False)


@pytest.fixture
def threshold(settings):
    settings.PTCE_PDF_JOB_ACTIONS = 2  # the fixture's two actions make a « long » plan
    return 2


def url(pole) -> str:
    return reverse("cooperation:plan_pdf", args=[pole.slug])


def stored_bytes(run) -> bytes:
    with storages["private"].open(run.file.name, "rb") as handle:
        return handle.read()


def ask(client, pole, capture):
    with capture(execute=True):
        return client.get(url(pole))


def test_a_short_plan_s_pdf_is_sent_at_once(client_as, pole, member, actions):
    response = client_as("member").get(url(pole))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert not ExportRun.objects.exists()


def test_a_long_plan_s_pdf_is_built_by_a_job_for_the_requester_only(
    client_as, pole, member, actions, threshold, job_queue, django_capture_on_commit_callbacks
):
    client = client_as("member")
    first = ask(client, pole, django_capture_on_commit_callbacks)
    second = ask(client, pole, django_capture_on_commit_callbacks)  # a double click
    run = ExportRun.objects.get()
    page = reverse("core:export_run", args=[run.pk])
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == page
    assert (run.kind, run.format, run.original_name) == (
        "cooperation.plan_pdf",
        "pdf",
        "plan-action-pole-des-coteaux.pdf",
    )
    waiting = client.get(page).content.decode()
    assert "En attente d’un créneau" in waiting
    assert "Lignes écrites" not in waiting

    assert job_queue.run() == 1
    run.refresh_from_db()
    assert run.state == ExportState.DONE
    done = client.get(page).content.decode()
    download = reverse("core:export_file", args=[run.pk])
    assert download in done
    assert "Le document est prêt." in done
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    assert content == stored_bytes(run)
    # The view's own document: built again (not read from the cache the job filled), it says
    # the same (WeasyPrint's compressed streams may differ by a byte from one build to another).
    cache.clear()
    assert poppler("pdftotext", content, "-layout") == poppler(
        "pdftotext", exports.plan_pdf(pole), "-layout"
    )

    for role in ("coordinator", "instructor"):  # they may read the plan, not this file
        assert client_as(role).get(download).status_code == 404


def test_once_built_the_same_document_is_sent_at_once_from_the_cache(
    client_as, pole, member, actions, threshold, job_queue, django_capture_on_commit_callbacks
):
    client = client_as("member")
    ask(client, pole, django_capture_on_commit_callbacks)
    job_queue.run()
    response = client.get(url(pole))
    assert response.status_code == 200
    assert response.content == stored_bytes(ExportRun.objects.get())


def test_the_run_page_is_a_document_s_while_the_job_writes_it(
    client_as, pole, member, actions, threshold, django_capture_on_commit_callbacks
):
    client = client_as("member")
    with django_capture_on_commit_callbacks(execute=False):
        client.get(url(pole))
    run = ExportRun.objects.get()
    ExportRun.objects.filter(pk=run.pk).update(state=ExportState.RUNNING)
    page = client.get(reverse("core:export_run", args=[run.pk])).content.decode()
    assert "Document en préparation" in page
    assert "Étape suivante&nbsp;:</span> téléchargement" in page
    assert "<progress" not in page
    listing = client.get(reverse("core:export_list")).content.decode()
    assert "Plan d’action (PDF)" in listing


@pytest.mark.parametrize(("role", "status"), [("outsider", 403), ("other_coordinator", 403)])
def test_a_person_who_may_not_read_the_plan_gets_the_view_s_refusal_and_no_run(
    client_as, pole, actions, threshold, role, status
):
    assert client_as(role).get(url(pole)).status_code == status
    assert not ExportRun.objects.exists()


def test_a_person_who_lost_access_before_the_job_gets_a_failed_run_in_french(
    client_as, pole, member, actions, threshold, job_queue, django_capture_on_commit_callbacks
):
    client = client_as("member")
    ask(client, pole, django_capture_on_commit_callbacks)
    PolePerson.objects.filter(user=member).delete()
    job_queue.run()
    run = ExportRun.objects.get()
    assert (run.state, run.error) == (
        ExportState.FAILED,
        "Vous n’avez plus accès à ce plan d’action.",
    )
    assert not run.file
    page = client.get(reverse("core:export_run", args=[run.pk])).content.decode()
    assert "Le document n’a pas pu être préparé. Vous n’avez plus accès à ce plan" in page


def test_the_run_page_of_a_pdf_makes_the_same_queries_as_a_table_s(
    client_as,
    pole,
    member,
    actions,
    threshold,
    job_queue,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    client = client_as("member")
    ask(client, pole, django_capture_on_commit_callbacks)
    job_queue.run()
    run = ExportRun.objects.get()
    with django_assert_num_queries(5):  # session, user, the run, and the request's savepoint
        client.get(reverse("core:export_run", args=[run.pk]))
    with django_assert_num_queries(5):
        client.get(reverse("core:export_file", args=[run.pk]))
