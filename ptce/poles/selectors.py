"""Reads on poles: directory, people, places, invitations, an organisation's poles."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from ptce.territories.text import normalize

from .history import pole_history  # noqa: F401  (re-exported for views)
from .models import Membership, Place, Pole, PolePerson


def directory_poles(*, region=None, departement=None, sector=None, stage=None, q=""):
    poles = (
        Pole.objects.published()
        .select_related("region")
        .prefetch_related("sectors")
        # A correlated count, not a join grouped over every membership: the page's rows only
        # compute it, and the paginator's COUNT drops it (issue #18: 117 ms at 2,000 poles).
        .annotate(member_count=_current_member_count())
        .order_by("name")
    )
    if region:
        poles = poles.filter(region=region)
    if departement:
        poles = poles.filter(covered_departements=departement)
    if sector:
        poles = poles.filter(sectors=sector)
    if stage:
        poles = poles.filter(stage=stage)
    if q:
        words = normalize(q).split()
        for word in words:
            poles = poles.filter(Q(name__icontains=word) | Q(search_name__contains=word))
    return poles


def _current_member_count():
    counted = (
        Membership.objects.filter(pole=OuterRef("pk"), left_on__isnull=True)
        .order_by()
        .values("pole")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def current_memberships(pole):
    return (
        Membership.objects.current()
        .filter(pole=pole)
        .select_related("organisation__commune__departement")
        .order_by("organisation__name")
    )


def pole_people(pole):
    return (
        PolePerson.objects.filter(pole=pole)
        .select_related("user", "membership__organisation")
        .order_by("role", "user__last_name", "user__email")
    )


def pole_pending_invitations(pole):
    return pole.invitations.filter(accepted_at__isnull=True).select_related(
        "membership__organisation", "invited_by"
    )


def pole_places(pole):
    return Place.objects.filter(pole=pole).select_related("commune__departement")


def organisation_memberships(organisation, visible_pole) -> list[Membership]:
    """The organisation's current memberships whose pole `visible_pole(pole)` accepts, in one
    query whatever their number."""
    memberships = (
        Membership.objects.current()
        .filter(organisation=organisation)
        .select_related("pole")
        .order_by("pole__search_name", "pole__name", "pk")
    )
    return [membership for membership in memberships if visible_pole(membership.pole)]


def registry_visibility(pole) -> Q:
    """What a pole's coordinator may find in the shared registry: organisations of published
    poles, of their own pole, or of no pole yet; never those known only to unpublished poles."""
    memberships = Membership.objects.filter(organisation=OuterRef("pk"))
    return ~Exists(memberships) | Exists(
        memberships.filter(Q(pole__is_published=True) | Q(pole=pole))
    )
