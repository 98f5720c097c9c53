"""Who may see or change a pole. Views and templates ask these predicates, never re-code them.

They read `PoleAccess`, computed once per request and pole (`access.py`).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .access import pole_access
from .models import Pole


def role_in_pole(user, pole: Pole) -> str | None:
    return pole_access(user, pole).role


def is_instructor_for(user, pole: Pole) -> bool:
    return pole_access(user, pole).instructs


def is_coordinator(user, pole: Pole) -> bool:
    return pole_access(user, pole).is_coordinator


def can_view_internal(user, pole: Pole) -> bool:
    """The internal space: members, coordinators, instructors of the région, admins."""
    return pole_access(user, pole).can_view_internal


def can_view_public_page(user, pole: Pole) -> bool:
    return pole.is_published or can_view_internal(user, pole)


def can_manage(user, pole: Pole) -> bool:
    return pole_access(user, pole).can_manage


def can_create_pole(user) -> bool:
    return user.is_authenticated and user.is_active


def get_pole_for_user(request, slug: str, *, need: str = "view") -> Pole:
    """The pole, or 404 for whoever may not even know it exists, 403 for a read-only viewer.

    `need` is "view" (public page), "internal" or "manage".
    """
    pole = get_object_or_404(Pole.objects.select_related("region", "carrier"), slug=slug)
    user = request.user
    if not can_view_public_page(user, pole):
        raise Http404("Pôle introuvable.")
    if need == "internal" and not can_view_internal(user, pole):
        raise PermissionDenied("Cet espace est réservé aux membres du pôle.")
    if need == "manage" and not can_manage(user, pole):
        raise PermissionDenied("Seuls les coordinateurs du pôle peuvent faire cela.")
    return pole
