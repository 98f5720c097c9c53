"""A person's saved searches of the directory: save one, switch its weekly alert on or off,
delete it, and switch the alert off from the email's link (no login).

A saved search is the directory's query string written one way (`DirectoryQuery.canonical`),
unique for its owner (a double click saves it once); at most `MAX_SAVED_SEARCHES` each.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone

from ptce.core.tokens import signed_token, signed_value
from ptce.poles.directory_query import directory_query

from ..models import MAX_SAVED_SEARCHES, SavedSearch

UNSUBSCRIBE_SALT = "ptce.saved-search.unsubscribe"
MAX_QUERY = 500


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


def search_for_unsubscribe(token: str) -> SavedSearch | None:
    """The saved search of an email's « ne plus recevoir » link, None for a wrong token or a
    search deleted since."""
    pk = signed_value(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(pk, int):
        return None
    return SavedSearch.objects.filter(pk=pk).first()
