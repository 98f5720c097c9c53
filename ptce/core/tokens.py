"""The one helper for secret links (invitations, expert opinions, external raters), and their
expiry.

The raw token goes into the emailed link and is never stored: the database keeps its SHA-256,
so a leaked dump opens nothing. 32 random bytes make guessing hopeless, so an unsalted hash is
enough and lets the lookup be a plain indexed equality. A link that only switches something off
may instead carry a signed value (`signed_token`), kept nowhere."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.shortcuts import render
from django.utils import timezone


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh `(raw token, hash to store)` pair."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def link_expired(closed_at: datetime.datetime | None) -> bool:
    """A personal link stays valid `PTCE_LINK_DAYS_AFTER_CLOSING` days after what it served was
    closed (the decision on an application, the validation of an evaluation)."""
    if closed_at is None:
        return False
    limit = closed_at + datetime.timedelta(days=settings.PTCE_LINK_DAYS_AFTER_CLOSING)
    return timezone.now() > limit


def link_expired_response(request):
    """The French page of an expired personal link (410: it will not come back)."""
    days = settings.PTCE_LINK_DAYS_AFTER_CLOSING
    response = render(request, "link_expired.html", {"days": days}, status=410)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def signed_token(value, *, salt: str) -> str:
    """A link's token that needs no row: `value` signed with the secret key (and `salt`, one per
    use), for a link that only switches something off (an alert's « se désabonner »)."""
    return signing.dumps(value, salt=salt)


def signed_value(token: str, *, salt: str):
    """The value `signed_token` signed, or None for a token altered or signed for another use."""
    try:
        return signing.loads(str(token)[:200], salt=salt)
    except signing.BadSignature:
        return None
