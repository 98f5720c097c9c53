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

from ptce.poles import perms as pole_perms
from ptce.poles.models import Membership, PolePerson


def person_in_pole(user, pole) -> PolePerson | None:
    """The user's role row in the pole (with its membership), read once per request."""
    if not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_pole_people", {})
    if pole.pk not in cache:
        cache[pole.pk] = (
            PolePerson.objects.filter(pole=pole, user=user)
            .select_related("membership")
            .only("id", "role", "membership__id", "membership__left_on")
            .first()
        )
    return cache[pole.pk]


def can_view_life(user, pole) -> bool:
    """Resources, meetings (with minutes and attachments) and the network."""
    return pole_perms.can_view_internal(user, pole)


def can_manage_life(user, pole) -> bool:
    """Create and edit meetings, manage every resource, read the animation alerts."""
    return pole_perms.can_manage(user, pole)


def own_membership(user, pole) -> Membership | None:
    """The current member organisation the user acts for in this pole, if any."""
    person = person_in_pole(user, pole)
    if person is None or person.membership is None or person.membership.left_on is not None:
        return None
    return person.membership


def resource_memberships(user, pole, *, keep_id=None):
    """The member organisations the user may publish a resource for: all current ones for a
    coordinator, their own organisation for a member, none otherwise. `keep_id`: the one a
    resource being edited already has, kept as a choice even if it has left since."""
    allowed = Q(left_on__isnull=True)
    if not can_manage_life(user, pole):
        membership = own_membership(user, pole)
        allowed = Q(pk=membership.pk) if membership else Q(pk__in=[])
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
    return can_manage_life(user, pole) or own_membership(user, pole) is not None


def can_edit_resource(user, resource) -> bool:
    """Coordinators edit every resource; people edit what they or their organisation published."""
    pole = resource.pole
    if can_manage_life(user, pole):
        return True
    if not user.is_authenticated or pole_perms.role_in_pole(user, pole) is None:
        return False
    if resource.created_by_id == user.pk:
        return True
    membership = own_membership(user, pole)
    return membership is not None and membership.pk == resource.membership_id


def can_view_animation_summary(user) -> bool:
    """The regional summary of animation: instructors (their régions) and admins (all)."""
    return user.is_authenticated and user.is_active and (user.is_instructor or user.is_superuser)


def summary_regions(user):
    """None for « every région » (admins, the national cell), else the instructor's régions."""
    if user.is_superuser or user.is_national_instructor:
        return None
    return user.instructor_regions.all()


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)
