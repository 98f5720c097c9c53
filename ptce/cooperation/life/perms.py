"""Who may see or change the life of a pole: shared resources, meetings and their minutes, the
animation indicators and the cooperation network. Built on `ptce.poles.perms`; views and
templates ask these predicates, never re-code them.

- people of the pole (members and coordinators) propose resources and read meetings;
- coordinators (and admins) manage meetings, every resource and see the animation alerts;
- instructors of the pole's région read (resources, meetings, minutes, network);
- the public sees none of it.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from ptce.core.access import user_scope
from ptce.poles import perms as pole_perms
from ptce.poles.access import pole_access
from ptce.poles.models import Membership


def can_view_life(user, pole) -> bool:
    """Resources, meetings (with minutes and attachments) and the network."""
    return pole_perms.can_view_internal(user, pole)


def can_manage_life(user, pole) -> bool:
    """Create and edit meetings, manage every resource, read the animation alerts."""
    return pole_perms.can_manage(user, pole)


def own_membership_id(user, pole) -> int | None:
    """The current member organisation the user acts for in this pole, if any."""
    return pole_access(user, pole).membership_id


def resource_memberships(user, pole, *, keep_id=None):
    """The member organisations the user may publish a resource for: all current ones for a
    coordinator, their own organisation for a member, none otherwise. `keep_id`: the one a
    resource being edited already has, kept as a choice even if it has left since."""
    allowed = Q(left_on__isnull=True)
    if not can_manage_life(user, pole):
        membership_id = own_membership_id(user, pole)
        allowed = Q(pk=membership_id) if membership_id else Q(pk__in=[])
    if keep_id is not None:
        allowed |= Q(pk=keep_id)
    return (
        Membership.objects.filter(pole=pole)
        .filter(allowed)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def can_propose_resource(user, pole) -> bool:
    """Any person with a role in the pole acting for a member organisation, and coordinators."""
    access = pole_access(user, pole)
    return can_manage_life(user, pole) or (
        access.can_contribute and access.membership_id is not None
    )


def can_edit_resource(user, resource) -> bool:
    """Coordinators edit every resource; people edit what they or their organisation published."""
    pole = resource.pole
    if can_manage_life(user, pole):
        return True
    access = pole_access(user, pole)
    if not access.can_contribute:
        return False
    if resource.created_by_id == user.pk:
        return True
    return access.membership_id is not None and access.membership_id == resource.membership_id


def can_view_animation_summary(user) -> bool:
    """The regional summary of animation: instructors (their régions) and admins (all)."""
    scope = user_scope(user)
    return scope.is_instructor or scope.is_admin


def summary_regions(user):
    """None for « every région » (admins, the national cell), else the instructor's régions."""
    scope = user_scope(user)
    if scope.is_admin or scope.is_national:
        return None
    return user.instructor_regions.all()  # a subquery: no query of its own


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)
