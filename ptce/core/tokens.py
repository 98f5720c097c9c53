"""The one helper for secret links (invitations, expert opinions, external raters).

The raw token goes into the emailed link and is never stored: the database keeps its SHA-256,
so a leaked dump opens nothing. 32 random bytes make guessing hopeless, so an unsalted hash is
enough and lets the lookup be a plain indexed equality."""

import hashlib
import secrets


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh `(raw token, hash to store)` pair."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)
