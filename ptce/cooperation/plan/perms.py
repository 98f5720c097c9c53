"""Who may see or change a pole's needs, topics, matrix and action plan (join requests:
`join.perms`).

Built on `ptce.poles.perms`: anyone with a role in the pole proposes needs and topics and marks
the matrix; coordinators (and admins) manage everything; instructors of the pole's région read;
the public sees only the summary the pole publishes.
"""

from django.core.exceptions import PermissionDenied

from ptce.poles import perms as pole_perms
from ptce.poles.access import pole_access
from ptce.poles.models import Pole


def can_read(user, pole: Pole) -> bool:
    """Needs, topics, matrix, plan, actions and their exports."""
    return pole_perms.can_view_internal(user, pole)


def can_propose(user, pole: Pole) -> bool:
    """Propose a need or a topic, mark the matrix: any person with a role in the pole."""
    access = pole_access(user, pole)
    return access.can_manage or access.can_contribute


def can_manage(user, pole: Pole) -> bool:
    """Objectives, actions, and every need or topic."""
    return pole_perms.can_manage(user, pole)


def can_edit_proposal(user, proposal) -> bool:
    """A need or a topic: coordinators edit all, a person of the pole edits their own."""
    pole = proposal.pole
    if can_manage(user, pole):
        return True
    return proposal.proposed_by_id == user.pk and pole_access(user, pole).can_contribute


def get_pole_for_user(request, slug: str, *, need: str = "read") -> Pole:
    """The pole, 404 to whoever may not know it, 403 to whoever may not do `need`.

    `need` is "read", "propose" or "manage".
    """
    if need == "manage":
        return pole_perms.get_pole_for_user(request, slug, need="manage")
    pole = pole_perms.get_pole_for_user(request, slug, need="internal")
    if need == "propose" and not can_propose(request.user, pole):
        raise PermissionDenied("Seules les personnes du pôle peuvent proposer ou modifier cela.")
    return pole
