"""Reads on poles: directory, people, places, invitations, an organisation's poles."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from .history import pole_history  # noqa: F401  (re-exported for views)
from .models import Membership, Place, Pole, PolePerson
from .near import poles_by_distance
from .search import pole_ids, search_words


def directory_poles(
    *, region=None, departement=None, sector=None, stage=None, q="", origin=None, radius_km=None
):
    """The published poles of the directory: by name; with `q`, those the search finds, most
    relevant first (`search.py`, forgiving); with an `origin` (« près de »), those within
    `radius_km`, nearest first, each with its `distance_km`. A queryset without `q` nor
    `origin`, else a `RankedPoles` that reads only the poles of the page shown."""
    poles = Pole.objects.published()
    if region:
        poles = poles.filter(region=region)
    if departement:
        poles = poles.filter(covered_departements=departement)
    if sector:
        poles = poles.filter(sectors=sector)
    if stage:
        poles = poles.filter(stage=stage)
    words = search_words(q) if q else []  # a query too short to search is no filter
    if not words and origin is None:
        return _listed(poles).order_by("name", "pk")
    if words:
        found = pole_ids(q, words)
        poles = poles.filter(pk__in=found)
    listed = _listed(Pole.objects.all())
    if origin is not None:
        return RankedPoles(listed, poles_by_distance(poles, origin, radius_km))
    kept = set(poles.values_list("pk", flat=True))
    return RankedPoles(listed, [(pk, None) for pk in found if pk in kept])


def _listed(poles):
    """What a card of the directory shows."""
    return (
        poles.select_related("region")
        .prefetch_related("sectors")
        # A correlated count, not a join grouped over every membership: the page's rows only
        # compute it, and the paginator's COUNT drops it (issue #18: 117 ms at 2,000 poles).
        .annotate(member_count=current_member_count())
    )


class RankedPoles:
    """Poles in a given order, each with its `distance_km` (None without « près de »), for a
    paginator: only the poles of the page sliced are read (with the listing's annotations)."""

    def __init__(self, poles, ranked: list[tuple[int, float | None]]):
        self._poles, self._ranked = poles, ranked

    def count(self) -> int:
        return len(self._ranked)

    def __len__(self) -> int:
        return len(self._ranked)

    def ids(self) -> list[int]:
        """The poles' ids, in order (no query)."""
        return [pk for pk, _ in self._ranked]

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ranked = self._ranked[index]
        found = self._poles.in_bulk([pk for pk, _ in ranked])
        poles = []
        for pk, km in ranked:
            if pk in found:
                found[pk].distance_km = km
                poles.append(found[pk])
        return poles


def current_member_count():
    """A pole's current member organisations, as a subquery (of the rows shown only). Counting
    the organisations, not the rows' keys, lets PostgreSQL read only the index of
    `one_current_membership_per_organisation` (pole, organisation; current ones)."""
    counted = (
        Membership.objects.filter(pole=OuterRef("pk"), left_on__isnull=True)
        .order_by()
        .values("pole")
        .annotate(n=Count("organisation"))
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
