"""An instructor's saved filters of the list: what a saved filter holds, its reads and writes.

A saved filter is the list's query string (its filter form and tab, never the page), kept under
a name the instructor chooses, unique for them whatever the case; at most `MAX_SAVED_FILTERS`
each. Only its owner sees, renames or deletes it (404 for anyone else).
"""

from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse

from ptce.core.once import check_unique, save_unique
from ptce.core.versioning import check_version

from ..models import MAX_SAVED_FILTERS, SavedFilter
from . import queues
from .forms import ApplicationFilterForm

QUERYSTRING_MAX = 1000


def list_url(saved_filter: SavedFilter) -> str:
    url = reverse("calls:instruction_list")
    return f"{url}?{saved_filter.querystring}" if saved_filter.querystring else url


def for_user(user) -> list[SavedFilter]:
    """The user's saved filters, by name (one query)."""
    return list(SavedFilter.objects.filter(user_id=user.pk).order_by("name", "pk"))


def mark_current(rows: list[SavedFilter], params: dict) -> list[SavedFilter]:
    """Set `is_current` on the saved filter the list shows now (no query)."""
    current = urlencode(sorted(params.items()))
    for row in rows:
        row.is_current = row.querystring == current
    return rows


def get_saved_filter_for_user(request, pk: int) -> SavedFilter:
    """The person's own saved filter; 404 for another's (its existence is not told)."""
    saved_filter = get_object_or_404(SavedFilter, pk=pk)
    if saved_filter.user_id != request.user.pk:
        raise Http404("Filtre introuvable.")
    return saved_filter


def normalized_querystring(user, querystring: str) -> str:
    """The list's query string reduced to its valid filters and tab, in a stable order; bad
    filters are refused with the list's own French messages."""
    params = QueryDict(querystring or "", mutable=False)
    form = ApplicationFilterForm(params, user=user)
    if not form.is_valid():
        messages = [m for errors in form.errors.values() for m in errors]
        raise ValidationError("Ces filtres ne sont pas valides : " + " ".join(messages))
    kept = form.active_filters()
    tab = params.get("onglet")
    if tab in queues.BY_KEY:
        kept["onglet"] = tab
    normalized = urlencode(sorted(kept.items()))
    if len(normalized) > QUERYSTRING_MAX:
        raise ValidationError("Ces filtres sont trop longs pour être enregistrés.")
    return normalized


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Donnez un nom à ce filtre."})
    if len(name) > 100:
        raise ValidationError({"name": "Le nom tient en 100 caractères au plus."})
    return name


def _same_name(user, name: str, *, exclude=None):
    def existing():
        rows = SavedFilter.objects.filter(user_id=user.pk, name__iexact=name)
        if exclude is not None:
            rows = rows.exclude(pk=exclude.pk)
        return rows.first()

    return existing


def _taken(name: str) -> str:
    return f"Vous avez déjà un filtre nommé « {name} »."


@transaction.atomic
def saved_filter_create(*, user, name: str, querystring: str) -> SavedFilter:
    name = _clean_name(name)
    querystring = normalized_querystring(user, querystring)
    # The user's row is the lock of their filters: two parallel saves do not pass the cap.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if SavedFilter.objects.filter(user_id=user.pk).count() >= MAX_SAVED_FILTERS:
        raise ValidationError(
            f"Vous avez déjà {MAX_SAVED_FILTERS} filtres enregistrés : supprimez-en un d’abord."
        )
    existing = _same_name(user, name)
    check_unique(existing, message=_taken(name), url=list_url, field="name")
    saved_filter = SavedFilter(user=user, name=name, querystring=querystring)
    return save_unique(saved_filter, existing=existing, message=_taken(name), url=list_url)


@transaction.atomic
def saved_filter_rename(
    *, saved_filter: SavedFilter, by, name: str, version: int | None = None
) -> SavedFilter:
    if saved_filter.user_id != by.pk:
        raise Http404("Filtre introuvable.")
    name = _clean_name(name)
    check_version(saved_filter, version)
    existing = _same_name(by, name, exclude=saved_filter)
    check_unique(existing, message=_taken(name), url=list_url, field="name")
    saved_filter.name = name
    return save_unique(saved_filter, existing=existing, message=_taken(name), url=list_url)


@transaction.atomic
def saved_filter_delete(*, saved_filter: SavedFilter, by) -> None:
    """Deleting a filter already deleted (a second tab) changes nothing."""
    if saved_filter.user_id != by.pk:
        raise Http404("Filtre introuvable.")
    SavedFilter.objects.filter(pk=saved_filter.pk, user_id=by.pk).delete()


def describe(user, querystring: str) -> list[str]:
    """What a saved filter keeps, in words: « Onglet : Tous », « État : En instruction »…"""
    params = QueryDict(querystring or "")
    words = []
    if params.get("onglet") in queues.BY_KEY:
        words.append(f"Onglet : {queues.BY_KEY[params['onglet']].label}")
    form = ApplicationFilterForm(params, user=user)
    if not form.is_valid():
        return words
    for name in form.active_filters():
        field, value = form.fields[name], form.cleaned_data[name]
        if value is True:
            words.append(str(field.label))
        elif hasattr(field, "label_from_instance"):
            words.append(f"{field.label} : {field.label_from_instance(value)}")
        else:
            words.append(f"{field.label} : {dict(field.choices).get(value, value)}")
    return words
