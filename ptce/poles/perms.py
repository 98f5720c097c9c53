"""Who may see or change a pole. Views and templates ask these predicates, never re-code them.

A pole's role for a user is read once per request and cached on the user object.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import PersonRole, Pole


def _is_admin(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_superuser


def role_in_pole(user, pole: Pole) -> str | None:
    if not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_pole_roles", {})
    if pole.pk not in cache:
        cache[pole.pk] = pole.people.filter(user=user).values_list("role", flat=True).first()
    return cache[pole.pk]


def is_instructor_for(user, pole: Pole) -> bool:
    if not (user.is_authenticated and user.is_instructor):
        return False
    if user.is_national_instructor:
        return True
    return pole.region_id is not None and user.instructor_regions.filter(pk=pole.region_id).exists()


def is_coordinator(user, pole: Pole) -> bool:
    return role_in_pole(user, pole) == PersonRole.COORDINATOR


def can_view_internal(user, pole: Pole) -> bool:
    """The internal space: members, coordinators, instructors of the région, admins."""
    return _is_admin(user) or role_in_pole(user, pole) is not None or is_instructor_for(user, pole)


def can_view_public_page(user, pole: Pole) -> bool:
    return pole.is_published or can_view_internal(user, pole)


def can_manage(user, pole: Pole) -> bool:
    return _is_admin(user) or is_coordinator(user, pole)


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
