"""How long personal data is kept (RGPD), read from the settings `PTCE_RETENTION_*_MONTHS`:
stated by the legal page and « Mes données », applied by `ptce.privacy.purge`."""

from django.conf import settings


def retention_periods() -> dict[str, int]:
    """Months each kind of record is kept; sessions in days (`SESSION_COOKIE_AGE`)."""
    return {
        "login_logs": settings.PTCE_RETENTION_LOGIN_LOG_MONTHS,
        "invitations": settings.PTCE_RETENTION_EXPIRED_INVITATION_MONTHS,
        "declined_join_requests": settings.PTCE_RETENTION_DECLINED_JOIN_REQUEST_MONTHS,
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
    }
