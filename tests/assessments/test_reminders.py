"""The daily reminders of the evaluations: a sheet near its deadline (once), a consolidation
waiting (every few days, to the coordinators)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from ptce.assessments import reminders
from ptce.assessments.models import Evaluation, EvaluationState, EvaluationTransition
from tests.assessments.factories import RaterFactory

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2026, 3, 20)


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def run(function, day):
        with django_capture_on_commit_callbacks(execute=True):
            return function(today=day)

    return run


def _invited(evaluation, **fields):
    return RaterFactory(evaluation=evaluation, invited_at=timezone.now(), **fields)


def test_a_sheet_not_returned_is_reminded_once_a_few_days_before_the_deadline(
    open_evaluation, member_rater, send, settings
):
    settings.PTCE_SHEET_REMINDER_DAYS = 3
    Evaluation.objects.filter(pk=open_evaluation.pk).update(deadline=DEADLINE)
    mail.outbox.clear()

    assert send(reminders.sheet_reminders_send, datetime.date(2026, 3, 16)) == 0
    assert send(reminders.sheet_reminders_send, datetime.date(2026, 3, 17)) == 1
    assert send(reminders.sheet_reminders_send, datetime.date(2026, 3, 18)) == 0

    [message] = mail.outbox
    assert message.to == [member_rater.email]
    assert "attendue avant le 20/03/2026" in message.subject
    assert f"/evaluations/{open_evaluation.pk}/" in message.body


def test_a_returned_sheet_or_a_past_deadline_gets_no_reminder(open_evaluation, send):
    Evaluation.objects.filter(pk=open_evaluation.pk).update(deadline=DEADLINE)
    _invited(open_evaluation, submitted_at=timezone.now())
    mail.outbox.clear()
    assert send(reminders.sheet_reminders_send, datetime.date(2026, 3, 19)) == 0
    _invited(open_evaluation)
    assert send(reminders.sheet_reminders_send, datetime.date(2026, 3, 21)) == 0
    assert mail.outbox == []


def test_an_outsider_is_told_to_use_the_personal_link_it_received(open_evaluation, send):
    Evaluation.objects.filter(pk=open_evaluation.pk).update(deadline=DEADLINE)
    outsider = _invited(open_evaluation, is_external=True, email="tiers@exemple.fr")
    mail.outbox.clear()
    assert send(reminders.sheet_reminders_send, datetime.date(2026, 3, 19)) == 1
    [message] = mail.outbox
    assert message.to == [outsider.email]
    assert "lien personnel reçu avec l’invitation" in message.body


def _in_consolidation_since(evaluation, day):
    Evaluation.objects.filter(pk=evaluation.pk).update(state=EvaluationState.CONSOLIDATION)
    transition = EvaluationTransition.objects.create(
        evaluation=evaluation,
        from_state=EvaluationState.OPEN,
        to_state=EvaluationState.CONSOLIDATION,
    )
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    EvaluationTransition.objects.filter(pk=transition.pk).update(at=moment)


def test_a_consolidation_waiting_is_reminded_to_the_coordinators_every_fortnight(
    open_evaluation, coordinator, send, settings
):
    settings.PTCE_CONSOLIDATION_REMINDER_DAYS = 14
    _in_consolidation_since(open_evaluation, datetime.date(2026, 3, 1))
    mail.outbox.clear()

    assert send(reminders.consolidation_reminders_send, datetime.date(2026, 3, 14)) == 0
    assert send(reminders.consolidation_reminders_send, datetime.date(2026, 3, 15)) == 1
    assert send(reminders.consolidation_reminders_send, datetime.date(2026, 3, 20)) == 0
    assert send(reminders.consolidation_reminders_send, datetime.date(2026, 3, 29)) == 1

    assert [m.to for m in mail.outbox] == [[coordinator.email]] * 2
    assert "attend sa consolidation depuis le 1er mars 2026" in mail.outbox[0].body


def test_a_consolidated_evaluation_is_no_longer_reminded(open_evaluation, coordinator, send):
    _in_consolidation_since(open_evaluation, datetime.date(2026, 1, 1))
    Evaluation.objects.filter(pk=open_evaluation.pk).update(
        state=EvaluationState.VALIDATED, validated_at=timezone.now()
    )
    mail.outbox.clear()
    assert send(reminders.consolidation_reminders_send, datetime.date(2026, 3, 1)) == 0
    assert mail.outbox == []
