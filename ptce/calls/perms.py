"""Who may see or change an application. Views and templates ask these predicates.

- the applicant side: the pole's coordinators see their pole's applications; the author and the
  invited co-editors (coordinators of the pole) change the answers while they are editable;
- instructors of the pole's région see and instruct it; the national cell sees every
  application and decides; platform admins may do everything;
- an expert reaches only the application of their opinion, through their personal link,
  until it is revoked (see `selectors.opinion_for_token`), never through these predicates.
Confidential opinions, annotations and scores are for the instruction only.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from ptce.core.access import user_scope
from ptce.poles.perms import is_coordinator

from .models import Application


def is_admin(user) -> bool:
    return user_scope(user).is_admin


def is_national(user) -> bool:
    scope = user_scope(user)
    return scope.is_admin or scope.is_national


def can_instruct(user, application: Application) -> bool:
    """Regional instruction (and the national cell, which sees all)."""
    return is_admin(user) or user_scope(user).instructs_region(application.instruction_region_id)


def can_decide(user, application: Application) -> bool:
    return is_national(user)


def is_applicant(user, application: Application) -> bool:
    return is_coordinator(user, application.pole)


def can_edit_answers(user, application: Application) -> bool:
    """Author or co-editor, still a coordinator of the pole (the state is checked by services)."""
    if not is_applicant(user, application) or application.pole.archived_at is not None:
        return False
    if application.created_by_id == user.pk:
        return True
    return application.co_editors.filter(pk=user.pk).exists()


def can_view(user, application: Application) -> bool:
    return is_applicant(user, application) or can_instruct(user, application)


def can_apply(user, pole) -> bool:
    """An archived pole applies no more (its files stay readable)."""
    return pole.archived_at is None and (is_admin(user) or is_coordinator(user, pole))


def get_application_for_user(request, pk: int, *, need: str = "view") -> Application:
    """The application, or 404 for whoever may not know it exists, 403 for a read-only viewer.

    `need` is "view", "edit" (the applicant's answers), "instruct" or "decide".
    """
    application = get_object_or_404(
        Application.objects.select_related("phase__call", "pole__region", "region"), pk=pk
    )
    user = request.user
    if not can_view(user, application):
        raise Http404("Candidature introuvable.")
    if need == "edit" and not can_edit_answers(user, application):
        raise PermissionDenied("Seuls l’auteur et les co-rédacteurs modifient la candidature.")
    if need == "instruct" and not can_instruct(user, application):
        raise PermissionDenied("Réservé aux instructeurs de la région.")
    if need == "decide" and not can_decide(user, application):
        raise PermissionDenied("Réservé à la cellule nationale.")
    return application


def can_manage_calls(user) -> bool:
    """The call editor and the régions' instructor accounts: the national cell (and platform
    admins); a région's instructor instructs, but builds no call."""
    return is_national(user)
