"""Who may import what: the national cell and the admins import poles, and organisations into
any pole; a pole's coordination imports its own pole's members."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from ptce.core.access import user_scope
from ptce.poles.access import pole_access

from .models import ImportRun


def can_import_poles(user) -> bool:
    scope = user_scope(user)
    return scope.is_national or scope.is_admin


def can_import_members(user, pole) -> bool:
    access = pole_access(user, pole)
    return not access.archived and (access.can_manage or access.is_national)


def can_see_run(user, run: ImportRun) -> bool:
    if run.pole_id is not None:
        return can_import_members(user, run.pole)
    return can_import_poles(user)


def get_run_for_user(request, pk: int) -> ImportRun:
    """The run, or 404 for whoever may not import what it imports."""
    run = get_object_or_404(
        ImportRun.objects.select_related("pole", "pole__region", "created_by"), pk=pk
    )
    if not can_see_run(request.user, run):
        raise Http404("Import introuvable.")
    return run
