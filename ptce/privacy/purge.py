"""Retention (RGPD): what is deleted once past its period, read from the settings
`PTCE_RETENTION_*_MONTHS` (`ptce.core.retention`). `purge_personal_data` runs every purge;
`manage.py purge_personal_data` and the periodic job call it."""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from ptce.cooperation.models import JoinRequest, JoinRequestStatus
from ptce.poles.models import Invitation

DAYS_PER_MONTH = 30


def _before(months: int):
    return timezone.now() - timedelta(days=months * DAYS_PER_MONTH)


def purge_login_logs() -> int:
    """django-axes' journals of sign-ins and failed attempts (addresses, browsers)."""
    limit = _before(settings.PTCE_RETENTION_LOGIN_LOG_MONTHS)
    return sum(
        model.objects.filter(attempt_time__lt=limit).delete()[0]
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )


def purge_sessions() -> int:
    """Expired sessions (what `clearsessions` does, counted)."""
    return Session.objects.filter(expire_date__lt=timezone.now()).delete()[0]


def purge_invitations() -> int:
    """Invitations never accepted, expired for longer than the period."""
    limit = _before(settings.PTCE_RETENTION_EXPIRED_INVITATION_MONTHS)
    return Invitation.objects.filter(accepted_at__isnull=True, expires_at__lt=limit).delete()[0]


def purge_declined_join_requests() -> int:
    """Join requests declined longer ago than the period (a contact's name and address)."""
    limit = _before(settings.PTCE_RETENTION_DECLINED_JOIN_REQUEST_MONTHS)
    return JoinRequest.objects.filter(
        status=JoinRequestStatus.DECLINED, decided_at__lt=limit
    ).delete()[0]


@transaction.atomic
def purge_personal_data() -> dict[str, int]:
    """Every purge; returns the number of rows each deleted. Idempotent: call it daily."""
    return {
        "journaux de connexion": purge_login_logs(),
        "sessions expirées": purge_sessions(),
        "invitations expirées": purge_invitations(),
        "demandes d’adhésion refusées": purge_declined_join_requests(),
    }
