"""Who may see or change an organisation's record, which depends on the poles it belongs to.
Views and templates ask these predicates.

- See: platform admins, instructors (of any région: they look organisations up while
  instructing), and anyone with a role (coordinator or member) in a pole where the
  organisation is a current member.
- Change (and decide on a proposed change, `ptce.organisations.services_proposals`): platform
  admins, instructors (of any région), the organisation's representatives (people acting for
  it in a pole, `PolePerson.membership` a current membership of the organisation), and the
  coordinators of the one pole it is a current member of. A record shared by several poles is
  not theirs alone: their coordinators, like anyone else who may see it, propose a change.

Anyone else gets a 404, not a 403, so that the registry does not reveal who is in it.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from ptce.core.access import user_scope
from ptce.organisations.models import Organisation

from .models import Membership, PersonRole, PolePerson


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
    scope = user_scope(user)
    if scope.is_admin or scope.is_instructor:
        return True
    if not roles_through_memberships(user, organisation):
        return False  # neither a representative nor a coordinator of one of its poles
    cache = user.__dict__.setdefault("_organisation_editable", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = organisations_owned_by(user).filter(pk=organisation.pk).exists()
    return cache[organisation.pk]


def organisations_owned_by(user):
    """The organisations a person who is neither admin nor instructor may change: those they
    represent, and those whose only pole they coordinate (a queryset, for one query or as a
    subquery)."""
    represented = Membership.objects.current().filter(people__user=user).values("organisation")
    coordinated = (
        Membership.objects.current()
        .filter(pole__people__user=user, pole__people__role=PersonRole.COORDINATOR)
        .values("organisation")
    )
    single_pole = (
        Organisation.objects.filter(pk__in=coordinated)
        .annotate(poles=Count("memberships", filter=Q(memberships__left_on__isnull=True)))
        .filter(poles=1)
        .values("pk")
    )
    return Organisation.objects.filter(Q(pk__in=represented) | Q(pk__in=single_pole))


def organisations_decided_by(user):
    """The organisations whose proposed changes are shown to the user in « Mon espace »: every
    one for an admin or the national cell, those of the poles of their régions for a regional
    instructor (all may decide, but each sees their own), `organisations_owned_by` otherwise."""
    scope = user_scope(user)
    if scope.is_admin or scope.is_national:
        return Organisation.objects.all()
    owned = organisations_owned_by(user)
    if not scope.is_instructor:
        return owned
    in_regions = Membership.objects.current().filter(pole__region__in=scope.region_ids)
    return Organisation.objects.filter(
        Q(pk__in=owned.values("pk")) | Q(pk__in=in_regions.values("organisation"))
    )


def organisation_deciders(organisation: Organisation) -> str:
    """Who may accept a change proposed on the organisation, in French (two queries)."""
    deciders = []
    if PolePerson.objects.filter(
        membership__organisation=organisation, membership__left_on__isnull=True
    ).exists():
        deciders.append("ses représentants")
    poles = list(
        Membership.objects.current()
        .filter(organisation=organisation)
        .values_list("pole__name", flat=True)[:2]
    )
    if len(poles) == 1:
        deciders.append(f"la coordination du pôle « {poles[0]} »")
    deciders.append("les instructeurs de l’État")
    return ", ".join(deciders[:-1]) + " ou " + deciders[-1] if len(deciders) > 1 else deciders[0]


def organisation_owner_emails(organisation: Organisation) -> list[str]:
    """The addresses to tell of a change proposed on the organisation: those who own its record
    (`organisations_owned_by`: its representatives, the coordination of its only pole). The
    instructors, who may decide too, find every proposal in « Mon espace » instead (two
    queries)."""
    current = Membership.objects.current().filter(organisation=organisation)
    people = PolePerson.objects.filter(membership__in=current, user__is_active=True)
    pole_ids = list(current.values_list("pole_id", flat=True)[:2])
    if len(pole_ids) == 1:
        people = people | PolePerson.objects.filter(
            pole_id=pole_ids[0], role=PersonRole.COORDINATOR, user__is_active=True
        )
    return sorted(set(people.values_list("user__email", flat=True)))


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
            "Cette fiche est partagée : seuls ses représentants, la coordination de son pôle "
            "lorsqu’elle n’est membre que d’un seul, les instructeurs et les administrateurs "
            "peuvent la modifier. Proposez plutôt une modification."
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
