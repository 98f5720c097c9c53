"""The coordinator's agreement space under the pole's address, read-only: what is due next,
what was paid, the committees. Its coordinators, the instruction of its région, the national
cell and admins see it; other people 403 (404 for a pole they may not know)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from ptce.calls.perms import is_admin
from ptce.core.access import user_scope
from ptce.poles.perms import get_pole_for_user, is_coordinator

from . import selectors


def pole_agreements(request, slug):
    pole = get_pole_for_user(request, slug)
    user = request.user
    if not (
        is_admin(user)
        or is_coordinator(user, pole)
        or user_scope(user).instructs_region(pole.region_id)
    ):
        raise PermissionDenied("Cet espace est réservé à la coordination du pôle.")
    return render(
        request,
        "awards/pole.html",
        {"pole": pole, "rows": selectors.pole_agreements(pole)},
    )
