"""The monthly animation alert, sent by the worker to the coordinators of poles with an alert."""

import datetime

import pytest
from django.core import mail

from ptce.cooperation.life.alerts import animation_alerts_send
from ptce.cooperation.tasks import animation_alerts_send as animation_alerts_job
from tests.cooperation.factories import MeetingFactory
from tests.cooperation.life.helpers import aware, member_of
from tests.cooperation.life.test_animation import age

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiet_pole(pole, coordinator, member):
    """Last event six months ago, attended by its only member organisation."""
    age(pole)
    alpha = member_of(pole, "Alpha")
    MeetingFactory(pole=pole, starts_at=aware(2025, 1, 10), attendees=[alpha])
    return pole


def test_the_coordinators_of_a_quiet_pole_are_told_why_with_the_link(
    quiet_pole, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        told = animation_alerts_send(now=aware(2025, 7, 7, 7))
    assert told == 1
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert quiet_pole.name in message.subject
    assert "Aucun événement depuis plus de 3 mois" in message.body
    assert f"/poles/{quiet_pole.slug}/gerer/animation/" in message.body


def test_a_lively_pole_and_a_pole_without_coordinator_are_not_alerted(
    quiet_pole, other_pole, coordinator, django_capture_on_commit_callbacks
):
    age(other_pole)  # lapsed, but nobody to tell
    MeetingFactory(pole=quiet_pole, starts_at=aware(2025, 7, 1))
    with django_capture_on_commit_callbacks(execute=True):
        assert animation_alerts_send(now=aware(2025, 7, 7, 7)) == 0
    assert mail.outbox == []


def test_the_alert_job_runs_the_first_monday_of_each_month():
    runs = animation_alerts_job.task_class().validate_datetime
    assert runs(datetime.datetime(2026, 12, 7, 7, 0))  # first Monday
    assert not runs(datetime.datetime(2026, 12, 14, 7, 0))  # second Monday
    assert not runs(datetime.datetime(2026, 12, 1, 7, 0))  # the 1st, a Tuesday
