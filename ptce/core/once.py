"""Nothing created twice: the one mechanism for creation forms, and the « it already exists »
answer of the database constraints.

A creation form is armed (`arm`): it carries a hidden random token. The view, once the form is
valid and before creating anything, asks `replay`: the first POST with a token records it
(`SubmittedForm`, primary key = the token) in the request's transaction; any other POST with
the same token — a double click, a second tab, eight at once — waits on that row until the
first commits, then is redirected to what the first one created, and creates nothing. The
view ends with `done`, which records where the first POST led. If the first POST failed
(invalid input: nothing created, no address recorded), the next one with the token proceeds,
under the row's lock.

A form posted without a token (a script, a page from before this mechanism) is not checked.
Tokens are kept `KEEP` long: `purge` (`manage.py once_purge`) deletes older ones.

Where the domain has a uniqueness (one pending join request per address, one need per title),
the database holds it; the service catches the `IntegrityError` inside a savepoint and raises
`AlreadyExists`, whose message links to the existing object instead of a 500.
"""

import secrets
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html

from .models import SubmittedForm

FIELD = "once"
KEEP = timedelta(days=2)
REPLAYED = (
    "Ce formulaire avait déjà été envoyé : rien n’a été enregistré deux fois, voici le résultat."
)


def arm(form):
    """Give a creation form its hidden one-time token. A bound form keeps the posted one, so a
    form shown again with errors still carries the token of the first attempt."""
    form.fields[FIELD] = forms.CharField(
        widget=forms.HiddenInput,
        required=False,
        max_length=64,
        initial=secrets.token_urlsafe(24),
    )
    return form


def blank(data=None):
    """A form of its own token only, for a page whose creating POST is a single button."""
    form = arm(forms.Form(data))
    form.is_valid()
    return form


def _token(form) -> str:
    """The posted token, taken out of `cleaned_data` so services never see it."""
    cleaned = getattr(form, "cleaned_data", None) or {}
    token = cleaned.pop(FIELD, "") or ""
    if token:
        form.once_token = token
    return getattr(form, "once_token", "")


def claim(token: str) -> str | None:
    """Record `token` in the current transaction. Returns the address the first POST with it
    led to, or None: this POST is the first (or the first created nothing), and holds the
    token's row until its transaction ends."""
    try:
        with transaction.atomic():
            SubmittedForm.objects.create(token=token)
        return None
    except IntegrityError:
        pass  # another POST had it: its transaction has ended, read what it did
    row = SubmittedForm.objects.select_for_update().get(token=token)
    return row.url or None


def replay(request, form):
    """Call once the form is valid, before creating: a redirection to what the first POST with
    this form's token created, or None to go on and create."""
    token = _token(form)
    if not token:
        return None
    url = claim(token)
    if url is None:
        return None
    messages.info(request, REPLAYED)
    return redirect(url)


def done(form, response):
    """Record where the first POST led (`response`, a redirection), and return it."""
    token = getattr(form, "once_token", "")
    if token and getattr(response, "url", ""):
        SubmittedForm.objects.filter(token=token).update(url=response.url[:500])
    return response


def purge(*, older_than: timedelta = KEEP) -> int:
    """Delete the tokens older than `older_than`; returns how many. For the periodic jobs."""
    deleted, _ = SubmittedForm.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted


class AlreadyExists(ValidationError):
    """The object the form would create exists already: `existing`, shown at `url` if the
    person may see it (the message then links to it)."""

    def __init__(self, message: str, *, existing, url: str = "", field: str | None = None):
        self.existing = existing
        self.url = url
        text = message
        if url:  # one span: DSFR error texts are flex boxes, which would drop the space
            text = format_html('<span>{} <a href="{}">Le voir</a>.</span>', message, url)
        super().__init__({field: [text]} if field else text)


def check_unique(existing, *, message: str, url=None, field: str | None = None) -> None:
    """Raise `AlreadyExists` if `existing()` finds the row a uniqueness of the database would
    refuse (`url(row)`: its page). Call before `full_clean`, whose message has no link."""
    found = existing()
    if found is not None:
        raise AlreadyExists(message, existing=found, url=url(found) if url else "", field=field)


def save_unique(instance, *, existing, message: str, url=None, field: str | None = None):
    """Save `instance` in a savepoint. If a uniqueness of the database refuses it (someone
    created the same row meanwhile), raise `AlreadyExists` for that row instead of a 500."""
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        check_unique(existing, message=message, url=url, field=field)
        raise
    return instance
