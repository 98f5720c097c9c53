"""`PoleAccess`: what one person may do in one pole, computed once per request and pole.

Every perms module (poles, organisations, cooperation, assessments, calls) asks this object
instead of querying roles itself: one query for the person's role in the pole, one for an
instructor's régions (`ptce.core.access`), whatever the number of predicates a page asks.
"""

from dataclasses import dataclass

from ptce.core.access import user_scope

from .models import PersonRole, PolePerson


@dataclass(frozen=True)
class PoleAccess:
    role: str | None  # PersonRole, or None for no role in the pole
    membership_id: int | None  # the current member organisation the person acts for
    is_admin: bool
    instructs: bool  # instructor of the pole's région, or the national cell
    is_national: bool
    archived: bool = False  # an archived pole is read-only for everyone (`archiving.py`)

    @property
    def is_coordinator(self) -> bool:
        return self.role == PersonRole.COORDINATOR

    @property
    def has_role(self) -> bool:
        return self.role is not None

    @property
    def can_view_internal(self) -> bool:
        """The members' space: members, coordinators, instructors of the région, admins."""
        return self.is_admin or self.has_role or self.instructs

    @property
    def can_manage(self) -> bool:
        return not self.archived and (self.is_admin or self.is_coordinator)

    @property
    def can_contribute(self) -> bool:
        """Propose a need, a topic, a resource…: a person with a role in a pole not archived."""
        return not self.archived and self.has_role


def pole_access(user, pole) -> PoleAccess:
    scope = user_scope(user)
    if not scope.is_authenticated:
        return PoleAccess(None, None, False, False, False)
    cache = user.__dict__.setdefault("_pole_access", {})
    if pole.pk not in cache:
        person = (
            PolePerson.objects.filter(user=user, pole_id=pole.pk)
            .values_list("role", "membership_id", "membership__left_on")
            .first()
        )
        role, membership_id, left_on = person or (None, None, None)
        if left_on is not None:
            membership_id = None  # the organisation has left the pole
        cache[pole.pk] = PoleAccess(
            role=role,
            membership_id=membership_id,
            is_admin=scope.is_admin,
            instructs=scope.instructs_region(pole.region_id),
            is_national=scope.is_national,
            archived=pole.archived_at is not None,
        )
    return cache[pole.pk]
