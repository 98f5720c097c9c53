"""Reads of the saved searches: a person's own, one of theirs (404 for anyone else's), the
directory's address of one."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from ..models import SavedSearch


def for_user(user) -> list[SavedSearch]:
    """The person's saved searches, newest first (one query)."""
    return list(SavedSearch.objects.filter(owner_id=user.pk).order_by("-created_at", "-pk"))


def has_alert_on(user) -> bool:
    return SavedSearch.objects.filter(owner_id=user.pk, alert=True).exists()


def get_saved_search_for_user(request, pk: int) -> SavedSearch:
    """The person's own saved search; 404 for another's (its existence is not told)."""
    search = get_object_or_404(SavedSearch, pk=pk)
    if search.owner_id != request.user.pk:
        raise Http404("Recherche introuvable.")
    return search


def directory_url(search: SavedSearch) -> str:
    url = reverse("poles:directory")
    return f"{url}?{search.query}" if search.query else url
