"""What waits in the poles app: poles to verify (instructors), pole records to update
(coordinators). See `ptce/core/todo.py`."""

import datetime

from django.urls import reverse
from django.utils import timezone

from ptce.core.access import user_scope
from ptce.core.todo import TodoItem, plural

from .models import Pole, Verification

STALE_AFTER_DAYS = 365
LIMIT = 100


def poles_to_verify(user) -> list[TodoItem]:
    """Declared poles of the instructor's régions (all for the national cell), one query."""
    scope = user_scope(user)
    if not scope.is_instructor:
        return []
    poles = Pole.objects.active().filter(verification=Verification.DECLARED)
    if not scope.is_national:
        poles = poles.filter(region__in=scope.region_ids)
    slugs = list(poles.order_by("created_at", "pk").values_list("slug", flat=True)[:LIMIT])
    if not slugs:
        return []
    url = (
        reverse("poles:verification", args=[slugs[0]])
        if len(slugs) == 1
        else reverse("core:dashboard") + "#poles-a-verifier"
    )
    return [TodoItem(len(slugs), plural(len(slugs), "pôle à vérifier", "pôles à vérifier"), url)]


def records_to_update(poles, *, now=None) -> list[TodoItem]:
    """The coordinated poles whose record has not changed for a year (no query)."""
    limit = (now or timezone.now()) - datetime.timedelta(days=STALE_AFTER_DAYS)
    return [
        TodoItem(
            1,
            "1 fiche de pôle à mettre à jour",
            reverse("poles:edit", args=[pole.slug]),
            detail=f"{pole.name} : pas de modification depuis le "
            f"{timezone.localtime(pole.updated_at):%d/%m/%Y}",
        )
        for pole in poles
        if pole.updated_at and pole.updated_at < limit
    ]
