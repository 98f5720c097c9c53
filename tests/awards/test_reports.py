import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from freezegun import freeze_time

from ptce.awards import services_reports
from ptce.awards.models import Report, ReportState, ReportTransition
from tests.assessments.results_data import validated_evaluation
from tests.awards.factories import report_questions, running_agreement, schedule
from tests.poles.factories import PolePersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(pole, coordinator):
    agreement = running_agreement(pole)
    report_questions(agreement.application.phase.call)
    return agreement


def test_a_report_is_prefilled_with_the_members_and_the_ecarts_evolution(agreement, pole):
    PolePersonFactory(pole=pole)
    validated_evaluation(pole, "222222222", days_ago=400)
    validated_evaluation(pole, "344444444", days_ago=10)

    report, created = services_reports.report_open(agreement=agreement, kind="intermediaire")
    again, created_again = services_reports.report_open(agreement=agreement, kind="intermediaire")

    assert created
    assert not created_again
    assert again.pk == report.pk
    assert report.due_date == datetime.date(2026, 1, 1)  # half-way through 24 months
    assert "A : 2 → 3" in report.answers["ecarts"]
    assert "B : 2 → 4" in report.answers["ecarts"]
    assert "bilan" not in report.answers


def test_submitting_needs_the_required_answers_then_the_instructor_accepts_it(agreement):
    instalment = schedule(
        agreement, (30000, datetime.date(2026, 2, 1)), condition="Rapport intermédiaire reçu"
    )[0]
    report, _ = services_reports.report_open(agreement=agreement, kind="intermediaire")

    with pytest.raises(ValidationError, match="Bilan de la période"):
        services_reports.report_move(report=report, name="submit", by=None)
    services_reports.report_save(
        report=report, version=report.version, answers={"bilan": "Bien"}, by=None
    )
    services_reports.report_move(report=report, name="submit", by=None)
    with pytest.raises(ValidationError, match="ne peut plus être modifié"):
        services_reports.report_save(report=report, version=None, answers={"bilan": "x"}, by=None)
    services_reports.report_move(report=report, name="accept", by=None)

    report.refresh_from_db()
    instalment.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    assert instalment.condition_met
    assert list(ReportTransition.objects.values_list("to_state", flat=True)) == [
        "soumis",
        "accepte",
    ]


def test_asking_for_changes_needs_a_comment_and_gives_the_report_back(agreement):
    report, _ = services_reports.report_open(agreement=agreement, kind="intermediaire")
    services_reports.report_save(report=report, version=None, answers={"bilan": "Court"}, by=None)
    services_reports.report_move(report=report, name="submit", by=None)

    with pytest.raises(ValidationError, match="Indiquez les modifications"):
        services_reports.report_move(report=report, name="request_changes", by=None)
    services_reports.report_move(
        report=report, name="request_changes", by=None, reason="Détaillez les actions."
    )

    report.refresh_from_db()
    assert report.state == ReportState.CHANGES
    assert report.review_comment == "Détaillez les actions."
    with pytest.raises(ValidationError, match="Cette action n’est possible que pour"):
        services_reports.report_move(report=report, name="accept", by=None)


def test_reminders_go_once_before_the_deadline_and_once_more_when_late(
    agreement, coordinator, settings, django_capture_on_commit_callbacks
):
    settings.PTCE_AWARDS_REPORT_REMINDER_DAYS = 15
    report, _ = services_reports.report_open(
        agreement=agreement, kind="intermediaire", due_date=datetime.date(2026, 1, 31)
    )

    def send(day):
        with django_capture_on_commit_callbacks(execute=True):
            return services_reports.reminders_send(today=day)

    assert send(datetime.date(2026, 1, 15)) == 0
    assert send(datetime.date(2026, 1, 16)) == 1
    assert send(datetime.date(2026, 1, 20)) == 0
    assert send(datetime.date(2026, 2, 1)) == 1
    assert send(datetime.date(2026, 2, 10)) == 0
    assert [m.to for m in mail.outbox] == [[coordinator.email]] * 2
    assert "était à remettre le 31 janvier 2026" in mail.outbox[1].body
    report.refresh_from_db()
    assert report.reminded_on == datetime.date(2026, 2, 1)


def test_a_late_report_raises_an_alert_on_the_agreement(agreement, client_as):
    services_reports.report_open(
        agreement=agreement, kind="intermediaire", due_date=datetime.date(2026, 1, 31)
    )
    client = client_as("instructor")

    with freeze_time("2026-01-31"):
        on_time = client.get(reverse("awards:agreement", args=[agreement.pk]))
    with freeze_time("2026-02-02"):
        page = client.get(reverse("awards:agreement", args=[agreement.pk]))

    assert "était à remettre" not in on_time.content.decode()

    assert "était à remettre le 31 janvier 2026" in page.content.decode()


def test_the_coordinator_edits_and_submits_and_the_instructor_accepts_through_the_pages(
    agreement, client, coordinator, instructor, strict_templates
):
    client.force_login(instructor)
    response = client.post(
        reverse("awards:report_schedule", args=[agreement.pk]),
        {"kind": "intermediaire", "due_date": "2026-01-31"},
    )
    report = Report.objects.get()
    assert response.url == reverse("awards:report", args=[report.pk])

    client.force_login(coordinator)
    edit = reverse("awards:report_edit", args=[report.pk])
    assert client.get(edit).status_code == 200
    saved = client.post(edit, {"version.section": report.version, "bilan": "Une bonne année"})
    assert saved.status_code == 302
    submit = reverse("awards:report_transition", args=[report.pk, "submit"])
    assert "Confirmez-vous" in client.get(submit).content.decode()
    assert client.post(submit).status_code == 302
    assert client.get(edit).status_code == 403

    client.force_login(instructor)
    assert client.post(reverse("awards:report_transition", args=[report.pk, "accept"])).url
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    assert report.answers["bilan"] == "Une bonne année"


def test_the_instructor_may_not_submit_nor_the_coordinator_accept(agreement, client_as):
    report, _ = services_reports.report_open(agreement=agreement, kind="intermediaire")

    coordinator_accepts = client_as("coordinator").post(
        reverse("awards:report_transition", args=[report.pk, "accept"])
    )

    assert coordinator_accepts.status_code == 403
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_a_stale_report_edit_gets_the_conflict_page_and_writes_nothing(
    agreement, client, coordinator
):
    report, _ = services_reports.report_open(agreement=agreement, kind="intermediaire")
    client.force_login(coordinator)
    url = reverse("awards:report_edit", args=[report.pk])
    loaded = {"version.section": report.version}

    first = client.post(url, {**loaded, "bilan": "Premier bilan"})
    conflict = client.post(url, {**loaded, "bilan": "Le mien"})

    assert first.status_code == 302
    assert conflict.status_code == 409
    assert "Premier bilan" in conflict.content.decode()
    report.refresh_from_db()
    assert report.answers["bilan"] == "Premier bilan"
    again = client.post(url, {"version.section": report.version, "bilan": "Le mien"})
    assert again.status_code == 302
