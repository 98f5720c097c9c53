"""Suggest matches between offers and requests of shared resources.

An offer and a request match when they are of the same category, both still available, with
availability periods that overlap (a missing date means « no limit » on that side), and when
they come from two different organisations. Matches inside the pole come first, then with
neighbouring published poles in the same département, then in the same région. Each match is
explained in French.

`find_matches` is pure (tested on small known data); `suggest_matches` reads the database in
two queries, whatever the number of resources and poles, and returns at most `limit` matches.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from ptce.core.dates import jour
from ptce.poles.models import Pole, Verification

from ..models import ActionType, ResourceCategory, ResourceKind, SharedResource

SAME_POLE, SAME_DEPARTEMENT, SAME_REGION = 0, 1, 2
PROXIMITY_LABELS = {
    SAME_POLE: "dans le pôle",
    SAME_DEPARTEMENT: "pôle voisin dans le même département",
    SAME_REGION: "pôle voisin dans la même région",
}
MATCH_LIMIT = 30
# At most this many resources are read on each side (the newest first).
CANDIDATE_LIMIT = 300
ACTION_TYPE_FOR_CATEGORY = {
    ResourceCategory.SKILLS: ActionType.POOL_SKILLS,
    ResourceCategory.FUNDING: ActionType.POOL_FUNDING,
}


@dataclass(frozen=True)
class Match:
    offer: SharedResource
    request: SharedResource
    proximity: int
    starts: datetime.date | None
    ends: datetime.date | None

    @property
    def proximity_label(self) -> str:
        return PROXIMITY_LABELS[self.proximity]

    @property
    def is_neighbour(self) -> bool:
        return self.proximity != SAME_POLE

    @property
    def dates_label(self) -> str:
        if self.starts and self.ends:
            return f"disponible aux mêmes dates (du {_day(self.starts)} au {_day(self.ends)})"
        if self.starts:
            return f"disponible aux mêmes dates (à partir du {_day(self.starts)})"
        if self.ends:
            return f"disponible aux mêmes dates (jusqu’au {_day(self.ends)})"
        return "disponible sans limite de dates"

    @property
    def explanation(self) -> str:
        category = ResourceCategory(self.offer.category).label.lower()
        return f"même catégorie ({category}), {self.dates_label}, {self.proximity_label}"

    @property
    def action_title(self) -> str:
        return f"Mutualisation : {self.offer.title}"[:200]

    @property
    def action_type(self) -> str:
        return ACTION_TYPE_FOR_CATEGORY.get(self.offer.category, ActionType.POOL_RESOURCES)


def _day(value: datetime.date) -> str:
    return jour(value)


def overlap(a_from, a_until, b_from, b_until):
    """The common period of two availabilities as (start, end), None bounds meaning « open »;
    None when they do not overlap."""
    starts = max((d for d in (a_from, b_from) if d), default=None)
    ends = min((d for d in (a_until, b_until) if d), default=None)
    if starts and ends and starts > ends:
        return None
    return starts, ends


def _sort_key(match: Match):
    dated = 0 if (match.starts or match.ends) else 1
    newest = max(match.offer.created_at, match.request.created_at)
    return (match.proximity, dated, -newest.timestamp(), match.offer.pk, match.request.pk)


def find_matches(own, neighbours, proximity_of_pole: dict, *, today, limit=MATCH_LIMIT):
    """Matches between the pole's resources (`own`) and its own or its neighbours' ones.

    `proximity_of_pole` maps a neighbouring pole's id to SAME_DEPARTEMENT or SAME_REGION.
    Pairs inside the pole are counted once; expired or inactive resources never match."""

    def usable(resource):
        return resource.is_active and not (
            resource.available_until and resource.available_until < today
        )

    own = [r for r in own if usable(r)]
    others = [r for r in neighbours if usable(r)]
    offers = [r for r in own if r.kind == ResourceKind.OFFER]
    requests = [r for r in own if r.kind == ResourceKind.REQUEST]
    pairs = [(offer, request, SAME_POLE) for offer in offers for request in requests]
    for other in others:
        proximity = proximity_of_pole.get(other.pole_id)
        if proximity is None:
            continue
        mine = requests if other.kind == ResourceKind.OFFER else offers
        for resource in mine:
            pair = (other, resource) if other.kind == ResourceKind.OFFER else (resource, other)
            pairs.append((*pair, proximity))
    matches = []
    for offer, request, proximity in pairs:
        if offer.category != request.category:
            continue
        if offer.membership.organisation_id == request.membership.organisation_id:
            continue
        common = overlap(
            offer.available_from,
            offer.available_until,
            request.available_from,
            request.available_until,
        )
        if common is None:
            continue
        matches.append(Match(offer, request, proximity, *common))
    matches.sort(key=_sort_key)
    return matches[:limit]


def _available(queryset, today):
    return (
        queryset.filter(is_active=True)
        .filter(Q(available_until__isnull=True) | Q(available_until__gte=today))
        .select_related("membership__organisation", "pole")
        .order_by("-created_at", "-pk")
    )


def suggest_matches(pole: Pole, *, today=None, limit=MATCH_LIMIT) -> list[Match]:
    """Ranked, explained suggestions for the pole, in two queries. Only between verified poles:
    a pole nobody has verified yet sees nothing of its neighbours' resources, and only the
    published (hence verified) ones are offered."""
    if pole.verification != Verification.VERIFIED:
        return []
    today = today or timezone.localdate()
    own = list(_available(SharedResource.objects.filter(pole=pole), today)[:CANDIDATE_LIMIT])
    if not own:
        return []
    wanted = {
        (ResourceKind.REQUEST if r.kind == ResourceKind.OFFER else ResourceKind.OFFER, r.category)
        for r in own
    }
    kinds_and_categories = Q()
    for kind, category in wanted:
        kinds_and_categories |= Q(kind=kind, category=category)
    my_departements = Pole.covered_departements.through.objects.filter(pole_id=pole.pk).values(
        "departement_id"
    )
    same_departement = Pole.covered_departements.through.objects.filter(
        pole_id=OuterRef("pole_id"), departement_id__in=my_departements
    )
    neighbourhood = Q(Exists(same_departement))
    if pole.region_id:
        neighbourhood |= Q(pole__region_id=pole.region_id)
    neighbours = list(
        _available(SharedResource.objects.exclude(pole=pole), today)
        .filter(kinds_and_categories, neighbourhood, pole__is_published=True)
        .annotate(same_departement=Exists(same_departement))[:CANDIDATE_LIMIT]
    )
    proximity = {
        r.pole_id: SAME_DEPARTEMENT if r.same_departement else SAME_REGION for r in neighbours
    }
    return find_matches(own, neighbours, proximity, today=today, limit=limit)


def action_create_base_url(pole: Pole) -> str:
    """The pole's action form."""
    return reverse("cooperation:action_add", args=[pole.slug])


def action_url(base_url: str | None, match: Match) -> str | None:
    """The action form pre-filled with the match's title, type and, inside the pole, the two
    member organisations as participants."""
    if base_url is None:
        return None
    params = [("titre", match.action_title), ("type", match.action_type)]
    if not match.is_neighbour:
        params += [
            ("participants", match.offer.membership_id),
            ("participants", match.request.membership_id),
        ]
    return f"{base_url}?{urlencode(params)}"
