"""The daily reminder of stale pole data, to the coordinators of a published pole."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from freezegun import freeze_time

from ptce.poles import reminders
from ptce.poles.models import Pole

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def run(day):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.stale_data_reminders_send(today=day)

    return run


def _last_changed(pole, day):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    Pole.objects.filter(pk=pole.pk).update(updated_at=moment, is_published=True)


def test_a_pole_unchanged_for_a_year_is_reminded_then_again_after_three_months(
    pole, coordinator, send, settings
):
    settings.PTCE_STALE_POLE_DAYS = 365
    settings.PTCE_STALE_POLE_REMINDER_DAYS = 90
    _last_changed(pole, datetime.date(2025, 1, 10))
    mail.outbox.clear()

    with_now = timezone.make_aware(datetime.datetime(2026, 1, 15, 8))
    with freeze_time(with_now):
        assert send(datetime.date(2026, 1, 15)) == 1
        assert send(datetime.date(2026, 1, 16)) == 0
    with freeze_time(with_now + datetime.timedelta(days=90)):
        assert send(datetime.date(2026, 4, 15)) == 1

    assert [m.to for m in mail.outbox] == [[coordinator.email]] * 2
    assert "n’ont pas changé depuis le 10 janvier 2025" in mail.outbox[0].body
    assert f"/poles/{pole.slug}/gerer/profil/" in mail.outbox[0].body


def test_a_recently_updated_or_unpublished_pole_is_not_reminded(pole, coordinator, send):
    Pole.objects.filter(pk=pole.pk).update(is_published=True)
    mail.outbox.clear()
    assert send(timezone.localdate()) == 0
    Pole.objects.filter(pk=pole.pk).update(
        is_published=False, updated_at=timezone.now() - datetime.timedelta(days=800)
    )
    assert send(timezone.localdate()) == 0
    assert mail.outbox == []
