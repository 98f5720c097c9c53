"""Retention: each purge deletes what is past its period, and only that."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ptce.cooperation.models import JoinRequest, JoinRequestStatus
from ptce.poles.models import Invitation
from ptce.privacy.purge import purge_personal_data
from tests.cooperation.factories import JoinRequestFactory

pytestmark = pytest.mark.django_db


def months_ago(months: int, days: int = 0):
    return timezone.now() - timedelta(days=30 * months + days)


@pytest.fixture(autouse=True)
def periods(settings):
    settings.PTCE_RETENTION_LOGIN_LOG_MONTHS = 6
    settings.PTCE_RETENTION_EXPIRED_INVITATION_MONTHS = 3
    settings.PTCE_RETENTION_DECLINED_JOIN_REQUEST_MONTHS = 12


def test_login_logs_older_than_their_period_are_deleted():
    old = AccessLog.objects.create(username="a@exemple.fr", ip_address="10.0.0.1")
    recent = AccessLog.objects.create(username="b@exemple.fr", ip_address="10.0.0.2")
    attempt = AccessAttempt.objects.create(
        username="a@exemple.fr", ip_address="10.0.0.1", failures_since_start=1
    )
    AccessLog.objects.filter(pk=old.pk).update(attempt_time=months_ago(6, days=1))
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=months_ago(7))

    purge_personal_data()

    assert list(AccessLog.objects.all()) == [recent]
    assert not AccessAttempt.objects.exists()


def test_expired_sessions_are_deleted_and_live_ones_kept():
    Session.objects.create(session_key="a" * 32, session_data="", expire_date=months_ago(0, 1))
    live = Session.objects.create(
        session_key="b" * 32, session_data="", expire_date=timezone.now() + timedelta(days=1)
    )

    counts = purge_personal_data()

    assert list(Session.objects.all()) == [live]
    assert counts["sessions expirées"] == 1


def test_invitations_expired_longer_than_the_period_are_deleted(pole):
    def invitation(email, expired, accepted=None):
        return Invitation.objects.create(
            pole=pole,
            email=email,
            role="membre",
            token=email,
            expires_at=expired,
            accepted_at=accepted,
        )

    invitation("ancienne@exemple.fr", months_ago(3, days=1))
    recent = invitation("recente@exemple.fr", months_ago(2))
    accepted = invitation("acceptee@exemple.fr", months_ago(12), accepted=months_ago(13))

    purge_personal_data()

    assert set(Invitation.objects.all()) == {recent, accepted}


def test_declined_join_requests_are_deleted_after_the_period(pole):
    def request(status, decided):
        join = JoinRequestFactory(pole=pole, status=status)
        JoinRequest.objects.filter(pk=join.pk).update(decided_at=decided)
        return join

    request(JoinRequestStatus.DECLINED, months_ago(12, days=1))
    recent = request(JoinRequestStatus.DECLINED, months_ago(11))
    accepted = request(JoinRequestStatus.ACCEPTED, months_ago(24))
    pending = request(JoinRequestStatus.PENDING, None)

    purge_personal_data()

    assert set(JoinRequest.objects.all()) == {recent, accepted, pending}


def test_the_command_reports_what_it_deleted():
    Session.objects.create(session_key="c" * 32, session_data="", expire_date=months_ago(1))
    out = StringIO()

    call_command("purge_personal_data", stdout=out)

    assert "sessions expirées : 1 supprimée(s)" in out.getvalue()
    assert "journaux de connexion : 0 supprimée(s)" in out.getvalue()


def test_the_legal_page_states_the_retention_periods(client, settings):
    settings.PTCE_RETENTION_DECLINED_JOIN_REQUEST_MONTHS = 18

    page = client.get(reverse("public:legal")).content.decode()

    assert (
        "demandes d’adhésion refusées (nom et adresse de la personne à contacter)&nbsp;: 18 mois"
        in page
    )
    assert (
        "journal des connexions et des tentatives de connexion (adresse IP, "
        "navigateur)&nbsp;: 6 mois" in page
    )
