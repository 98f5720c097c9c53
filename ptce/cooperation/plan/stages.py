"""The stage tracker: where a pole stands on each of the three key steps, and what is missing.

Computed from data (members, join requests, needs, topics, matrix, objectives, actions, the
art. 9 checklist), never typed in. `pole_stages` reads the counts in one query, plus the
memberships and the art. 9 checklist when the caller does not already have them.
"""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from ptce.poles.models import Membership, Pole

from ..compliance import pole_compliance
from ..models import (
    ActionStatus,
    CooperationAction,
    JoinRequest,
    JoinRequestStatus,
    StrategicObjective,
    TerritoryNeed,
    Topic,
    TopicNeedLink,
)

DONE, IN_PROGRESS, TODO = "fait", "en_cours", "a_faire"
STATE_LABELS = {DONE: "Fait", IN_PROGRESS: "En cours", TODO: "À faire"}
STATE_BADGES = {DONE: "success", IN_PROGRESS: "info", TODO: "new"}
MIN_MEMBERS = 3  # an ESS enterprise, another enterprise and a local authority (art. 9)


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    state: str
    done: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    url: str = ""

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def badge(self) -> str:
        return STATE_BADGES[self.state]


def _count(queryset, pole_path: str):
    """A correlated COUNT subquery on `queryset`'s rows belonging to the outer pole."""
    counted = (
        queryset.filter(**{pole_path: OuterRef("pk")})
        .order_by()
        .values(pole_path)
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def stage_counts(pole) -> dict:
    """How many of each thing the tracker looks at, in one query."""
    in_plan = CooperationAction.objects.filter(in_action_plan=True).exclude(
        status=ActionStatus.ABANDONED
    )
    counts = {
        "pending_requests": _count(
            JoinRequest.objects.filter(status=JoinRequestStatus.PENDING), "pole"
        ),
        "needs": _count(TerritoryNeed.objects.all(), "pole"),
        "topics": _count(Topic.objects.all(), "pole"),
        "links": _count(TopicNeedLink.objects.all(), "topic__pole"),
        "linked_needs": _count(TerritoryNeed.objects.filter(topic_links__isnull=False), "pole"),
        "objectives": _count(StrategicObjective.objects.all(), "pole"),
        "plan_actions": _count(in_plan, "pole"),
        "answered_needs": _count(TerritoryNeed.objects.filter(actions__isnull=False), "pole"),
    }
    # Prefixed: some names (needs, topics) are also relations of Pole.
    row = (
        Pole.objects.filter(pk=pole.pk)
        .annotate(**{f"count_{name}": value for name, value in counts.items()})
        .values(*(f"count_{name}" for name in counts))
        .get()
    )
    return {name: row[f"count_{name}"] for name in counts}


def _state(missing: list[str], started: bool) -> str:
    if not missing:
        return DONE
    return IN_PROGRESS if started else TODO


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


def _step_volunteers(pole, counts, organisations) -> Step:
    done, missing = [], []
    members = len(organisations)
    if members:
        plural = "s" if members > 1 else ""
        done.append(f"{members} organisation{plural} membre{plural}")
    if members < MIN_MEMBERS:
        missing.append(
            f"{members} organisation(s) membre(s) : il en faut au moins {MIN_MEMBERS} "
            "(ESS, entreprises, collectivités)"
        )
    if any(o.is_ess for o in organisations):
        done.append("au moins une entreprise de l’ESS membre")
    else:
        missing.append("aucune entreprise de l’ESS membre")
    if any(o.family == "collectivite" for o in organisations):
        done.append("au moins une collectivité membre")
    else:
        missing.append("aucune collectivité membre")
    pending = counts["pending_requests"]
    if pending:
        missing.append(f"{_plural(pending, 'demande')} d’adhésion en attente de réponse")
    return Step(
        1,
        "Réunir les volontaires",
        _state(missing, bool(members or pending)),
        done,
        missing,
        reverse("cooperation:join_requests", args=[pole.slug]),
    )


def _step_co_construction(pole, counts) -> Step:
    done, missing = [], []
    if counts["needs"]:
        done.append(_plural(counts["needs"], "besoin") + " du territoire recensé(s)")
    else:
        missing.append("aucun besoin du territoire recensé")
    if counts["topics"]:
        done.append(_plural(counts["topics"], "sujet") + " à co-construire")
    else:
        missing.append("aucun sujet à co-construire proposé")
    if counts["links"]:
        done.append(f"{counts['linked_needs']} besoin(s) relié(s) à un sujet dans la matrice")
        unlinked = counts["needs"] - counts["linked_needs"]
        if unlinked:
            missing.append(f"{unlinked} besoin(s) relié(s) à aucun sujet")
    else:
        missing.append("aucun besoin relié à un sujet")
    return Step(
        2,
        "Co-construire : sujets et besoins du territoire",
        _state(missing, bool(counts["needs"] or counts["topics"])),
        done,
        missing,
        reverse("cooperation:matrix", args=[pole.slug]),
    )


def _step_action_plan(pole, counts, compliance) -> Step:
    done, missing = [], []
    if counts["objectives"]:
        done.append(_plural(counts["objectives"], "objectif stratégique"))
    else:
        missing.append("aucun objectif stratégique")
    if counts["plan_actions"]:
        done.append(_plural(counts["plan_actions"], "action") + " au plan d’action")
    else:
        missing.append("aucune action inscrite au plan d’action")
    if counts["answered_needs"]:
        done.append(f"{counts['answered_needs']} besoin(s) relié(s) à une action")
    else:
        missing.append("aucun besoin relié à une action")
    if compliance.is_compliant:
        done.append("conforme à la définition de l’article 9")
    else:
        labels = ", ".join(check.label.lower() for check in compliance.missing)
        missing.append(f"article 9 : à compléter ({labels})")
    return Step(
        3,
        "Plan d’action et candidature",
        _state(missing, bool(counts["objectives"] or counts["plan_actions"])),
        done,
        missing,
        reverse("cooperation:plan", args=[pole.slug]),
    )


def pole_stages(pole, *, memberships=None, compliance=None) -> list[Step]:
    """The three steps of `pole`. Pass the current `memberships` (organisation and commune
    loaded) and the art. 9 `compliance` when already at hand, to save their queries."""
    if memberships is None:
        memberships = list(
            Membership.objects.current()
            .filter(pole=pole)
            .select_related("organisation__commune__departement")
        )
    if compliance is None:
        covered = set(pole.covered_departements.values_list("code", flat=True))
        compliance = pole_compliance(pole, memberships, covered)
    counts = stage_counts(pole)
    organisations = [m.organisation for m in memberships]
    return [
        _step_volunteers(pole, counts, organisations),
        _step_co_construction(pole, counts),
        _step_action_plan(pole, counts, compliance),
    ]
