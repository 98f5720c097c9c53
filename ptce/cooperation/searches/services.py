"""A person's saved searches of the directory: save one, rename it, switch its weekly alert on
or off, delete it, and switch the alert off from the email's link (no login).

A saved search is the directory's query string written one way (`DirectoryQuery.canonical`),
unique for its owner (a double click saves it once); at most `MAX_SAVED_SEARCHES` each.
"""

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone

from ptce.core.tokens import signed_token, signed_value
from ptce.core.versioning import check_version
from ptce.poles.directory_query import directory_query

from ..models import MAX_SAVED_SEARCHES, SavedSearch

UNSUBSCRIBE_SALT = "ptce.saved-search.unsubscribe"
UNSUBSCRIBE_ALL_SALT = "ptce.saved-search.unsubscribe-all"
MAX_QUERY = 500
MAX_NAME = 200  # the model's: a name made from a long search fits, so does its rename


class AlreadySaved(ValidationError):
    def __init__(self, existing: SavedSearch):
        self.existing = existing
        super().__init__(f"Cette recherche est déjà enregistrée sous le nom « {existing.name} ».")


def _existing(owner, query: str) -> SavedSearch | None:
    return SavedSearch.objects.filter(owner_id=owner.pk, query=query).first()


@transaction.atomic
def saved_search_create(*, owner, querystring: str, alert: bool) -> SavedSearch:
    """Save the directory's search `querystring` for `owner`. Raises `AlreadySaved` when they
    saved it already, `ValidationError` (in French) for a place not found or the limit."""
    query = directory_query(QueryDict(str(querystring or "")[:2000]))
    if query.near.errors:
        messages = [m for errors in query.near.errors.values() for m in errors]
        raise ValidationError(" ".join(messages))
    canonical = query.canonical()
    if len(canonical) > MAX_QUERY:
        raise ValidationError("Cette recherche est trop longue pour être enregistrée.")
    # The owner's row is the lock of their searches: two parallel saves do not pass the cap.
    get_user_model().objects.select_for_update().filter(pk=owner.pk).first()
    if existing := _existing(owner, canonical):
        raise AlreadySaved(existing)
    if SavedSearch.objects.filter(owner_id=owner.pk).count() >= MAX_SAVED_SEARCHES:
        raise ValidationError(
            f"Vous avez déjà {MAX_SAVED_SEARCHES} recherches enregistrées : supprimez-en une "
            "d’abord."
        )
    search = SavedSearch(
        owner=owner,
        name=query.describe()[:200],
        query=canonical,
        alert=bool(alert),
        alert_from=timezone.now() if alert else None,
    )
    try:
        with transaction.atomic():
            search.save()
    except IntegrityError:  # saved meanwhile by a parallel request
        if existing := _existing(owner, canonical):
            raise AlreadySaved(existing) from None
        raise
    return search


@transaction.atomic
def saved_search_rename(*, search: SavedSearch, name: str, version: int | None) -> SavedSearch:
    """Rename the search (spaces trimmed, runs of them made one). Raises `EditConflict` if it
    changed since `version` was read (another tab), `ValidationError` in French for a bad
    name. Names need not be unique: the key of a search is its query."""
    # Runs of spaces become one; non-breaking spaces are French typography, kept.
    name = re.sub(r"[^\S\xa0\u202f]+", " ", name or "").strip()
    if not name:
        raise ValidationError({"name": "Donnez un nom à cette recherche."})
    if len(name) > MAX_NAME:
        raise ValidationError({"name": f"Le nom tient en {MAX_NAME} caractères au plus."})
    check_version(search, version)
    search.name = name
    search.save(update_fields=["name", "version"])
    return search


def saved_search_set_alert(*, search: SavedSearch, alert: bool) -> SavedSearch:
    """Switch the weekly alert on (what is new counts from now) or off; the same value twice
    changes nothing."""
    alert = bool(alert)
    if search.alert == alert:
        return search
    search.alert = alert
    search.alert_from = timezone.now() if alert else None
    SavedSearch.objects.filter(pk=search.pk).update(alert=alert, alert_from=search.alert_from)
    return search


def saved_search_delete(*, search: SavedSearch) -> None:
    """Deleting a search already deleted (a second tab) changes nothing."""
    SavedSearch.objects.filter(pk=search.pk).delete()


def unsubscribe_token(search: SavedSearch) -> str:
    return signed_token(search.pk, salt=UNSUBSCRIBE_SALT)


def unsubscribe_all_token(owner) -> str:
    """The alert email's List-Unsubscribe link: it stops that email, so every alert of its
    recipient (one email gathers all their searches)."""
    return signed_token(owner.pk, salt=UNSUBSCRIBE_ALL_SALT)


def owner_for_unsubscribe(token: str):
    """The person of a List-Unsubscribe link, None for a wrong token or a deleted account."""
    pk = signed_value(token, salt=UNSUBSCRIBE_ALL_SALT)
    if not isinstance(pk, int):
        return None
    return get_user_model().objects.filter(pk=pk).first()


def saved_search_alerts_stop(*, owner) -> int:
    """Switch off every alert of `owner`; the number switched off (0 the second time)."""
    return SavedSearch.objects.filter(owner_id=owner.pk, alert=True).update(
        alert=False, alert_from=None
    )


def search_for_unsubscribe(token: str) -> SavedSearch | None:
    """The saved search of an email's « ne plus recevoir » link, None for a wrong token or a
    search deleted since."""
    pk = signed_value(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(pk, int):
        return None
    return SavedSearch.objects.filter(pk=pk).first()
