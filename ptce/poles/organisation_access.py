"""Who may see or change an organisation's record, which depends on the poles it belongs to.
Views and templates ask these predicates.

- See: platform admins, instructors (of any région: they look organisations up while
  instructing), and anyone with a role (coordinator or member) in a pole where the
  organisation is a current member.
- Change: platform admins, and coordinators of a pole where the organisation is a current
  member.

Anyone else gets a 404, not a 403, so that the registry does not reveal who is in it.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from ptce.core.access import user_scope
from ptce.organisations.models import Organisation

from .models import PersonRole, PolePerson


def roles_through_memberships(user, organisation: Organisation) -> frozenset[str]:
    """The user's roles in the poles where the organisation is a current member (one query,
    cached on the user object for the request)."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    cache = user.__dict__.setdefault("_organisation_roles", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = frozenset(
            PolePerson.objects.filter(
                user=user,
                pole__memberships__organisation=organisation,
                pole__memberships__left_on__isnull=True,
            ).values_list("role", flat=True)
        )
    return cache[organisation.pk]


def can_view_organisation(user, organisation: Organisation) -> bool:
    scope = user_scope(user)
    return (
        scope.is_admin or scope.is_instructor or bool(roles_through_memberships(user, organisation))
    )


def can_edit_organisation(user, organisation: Organisation) -> bool:
    return user_scope(user).is_admin or PersonRole.COORDINATOR in roles_through_memberships(
        user, organisation
    )


def get_organisation_for_user(request, pk: int, *, need: str = "view") -> Organisation:
    """The organisation, or 404 for whoever may not know it exists, 403 for a read-only viewer.

    `need` is "view" or "edit".
    """
    organisation = get_object_or_404(
        Organisation.objects.select_related("commune__departement"), pk=pk
    )
    if not can_view_organisation(request.user, organisation):
        raise Http404("Organisation introuvable.")
    if need == "edit" and not can_edit_organisation(request.user, organisation):
        raise PermissionDenied(
            "Seuls les coordinateurs d’un pôle dont elle est membre peuvent modifier la fiche "
            "de cette organisation."
        )
    return organisation


def pole_visibility(user):
    """A predicate `visible(pole)` telling whether the user may know a pole exists, answered
    with at most two queries whatever the number of poles asked about.

    Same rule as `ptce.poles.perms.can_view_public_page` (published, or the user has a role in
    it, is an instructor of its région or a platform admin), computed in bulk: keep them in step.
    """
    scope = user_scope(user)
    if scope.is_admin or scope.is_national:
        return lambda pole: True
    if not scope.is_authenticated:
        return lambda pole: pole.is_published
    own_poles = set(PolePerson.objects.filter(user=user).values_list("pole_id", flat=True))
    # Read now, so that the query count does not depend on the poles asked about.
    regions = scope.region_ids
    return lambda pole: (
        pole.is_published
        or pole.pk in own_poles
        or (scope.is_instructor and (scope.is_national or pole.region_id in regions))
    )
