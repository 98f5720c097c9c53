"""The call's report forms, built by the national cell in the call editor: questions added
once, one key per report, choices required for a choice, edits versioned; once a report was
submitted, keys and types stay and no question is deleted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ptce.awards.editor_reports import report_question_create
from ptce.awards.models import ReportQuestion, ReportState
from ptce.awards.services_reports import report_open
from ptce.core.confirm import FIELD, VALUE
from tests.awards.factories import running_agreement
from tests.calls.factories import CallFactory

pytestmark = pytest.mark.django_db

QUESTION = {"report_kind": "final", "label": "Bilan de l’année", "kind": "texte_long"}


@pytest.fixture
def cell(client_as):
    return client_as("national_instructor")


def _create_url(call):
    return reverse("awards:editor_report_question_create", args=[call.pk])


def test_a_double_submitted_question_is_added_once_with_a_key_from_its_label(cell):
    call = CallFactory()
    page = cell.get(reverse("calls:editor_call", args=[call.pk])).content.decode()
    assert reverse("awards:editor_report_questions", args=[call.pk]) in page
    token = cell.get(_create_url(call)).context["form"]["once"].initial
    first = cell.post(_create_url(call), {**QUESTION, "once": token})
    second = cell.post(_create_url(call), {**QUESTION, "once": token})
    assert first.url == second.url == reverse("awards:editor_report_questions", args=[call.pk])
    assert ReportQuestion.objects.get().key == "bilan-de-lannee"
    page = cell.get(first.url).content.decode()
    assert "Rapport final&nbsp;: 1 question" in page
    assert "Rapport intermédiaire&nbsp;: 0 question" in page


def test_a_choice_without_choices_and_a_doubled_key_are_refused_in_french(cell):
    call = CallFactory()
    report_question_create(call=call, key="bilan", **QUESTION)
    response = cell.post(_create_url(call), {**QUESTION, "kind": "choix"})
    assert "Indiquez au moins un choix, un par ligne." in response.content.decode()
    response = cell.post(_create_url(call), {**QUESTION, "key": "bilan"})
    assert response.status_code == 400
    assert "Ce rapport a déjà une question d’identifiant « bilan »." in response.content.decode()
    assert ReportQuestion.objects.count() == 1


def test_a_stale_question_edit_shows_the_conflict(cell):
    question = report_question_create(call=CallFactory(), **QUESTION)
    url = reverse("awards:editor_report_question", args=[question.pk])
    data = {**QUESTION, "key": question.key, "version": question.version}
    assert cell.post(url, {**data, "label": "Bilan"}).status_code == 302
    response = cell.post(url, {**data, "label": "Bilan annuel"})
    assert response.status_code == 409
    question.refresh_from_db()
    assert question.label == "Bilan"


def test_once_a_report_is_submitted_keys_stay_and_nothing_is_deleted(cell, pole):
    agreement = running_agreement(pole)
    call = agreement.application.phase.call
    question = report_question_create(call=call, key="bilan", **QUESTION)
    report, _ = report_open(agreement=agreement, kind="final")
    report.state = ReportState.SUBMITTED
    report.save()
    url = reverse("awards:editor_report_question", args=[question.pk])
    data = {**QUESTION, "version": question.version}
    response = cell.post(url, {**data, "key": "autre"})
    assert response.status_code == 400
    assert "l’identifiant et le type de ses questions ne changent plus" in (
        response.content.decode()
    )
    assert cell.post(url, {**data, "key": "bilan", "label": "Bilan"}).status_code == 302
    delete = reverse("awards:editor_report_question_delete", args=[question.pk])
    response = cell.post(delete, {FIELD: VALUE}, follow=True)
    assert "aucune question n’est supprimée" in response.content.decode()
    question.refresh_from_db()
    assert (question.key, question.label) == ("bilan", "Bilan")


def test_deleting_a_question_is_confirmed(cell):
    question = report_question_create(call=CallFactory(), **QUESTION)
    url = reverse("awards:editor_report_question_delete", args=[question.pk])
    assert "Supprimer la question&nbsp;?" in cell.post(url).content.decode()
    assert ReportQuestion.objects.exists()
    cell.post(url, {FIELD: VALUE})
    assert not ReportQuestion.objects.exists()


@pytest.mark.parametrize("role", ["instructor", "coordinator", "outsider"])
def test_only_the_national_cell_builds_the_reports(client_as, role):
    call = CallFactory()
    question = report_question_create(call=call, **QUESTION)
    client = client_as(role)
    assert client.get(reverse("awards:editor_report_questions", args=[call.pk])).status_code == 403
    assert client.post(_create_url(call), QUESTION).status_code == 403
    delete = reverse("awards:editor_report_question_delete", args=[question.pk])
    assert client.post(delete, {FIELD: VALUE}).status_code == 403
    assert ReportQuestion.objects.count() == 1


def test_the_report_questions_page_reads_a_fixed_number_of_queries(
    cell, django_assert_num_queries, strict_templates
):
    call = CallFactory()
    report_question_create(call=call, **QUESTION)
    url = reverse("awards:editor_report_questions", args=[call.pk])
    with CaptureQueriesContext(connection) as first:
        assert cell.get(url).status_code == 200
    for n in range(3):
        interim = {**QUESTION, "report_kind": "intermediaire", "label": f"Étape {n}"}
        report_question_create(call=call, **interim)
        report_question_create(call=call, **{**QUESTION, "label": f"Question {n}"})
    with django_assert_num_queries(len(first)):
        assert "Rapport final&nbsp;: 4 questions" in cell.get(url).content.decode()
