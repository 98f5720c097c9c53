"""Reads for steps 2 and 3: needs, topics, the matrix, the action plan, outcomes (per pole and
national) and the public summary. Each in a fixed number of queries, whatever the number of
rows. Step 1 (join requests, emerging poles) is in `join.selectors`."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Sum
from django.db.models.functions import Coalesce

from ptce.poles.models import Membership

from ..models import (
    ActionFunding,
    CooperationAction,
    FundingSource,
    StrategicObjective,
    TerritoryNeed,
    Topic,
    TopicNeedLink,
)

ZERO = Decimal("0")

# --- Step 2 --------------------------------------------------------------------------------


def pole_needs(pole):
    return (
        TerritoryNeed.objects.filter(pole=pole)
        .select_related("proposed_by")
        .annotate(
            topic_count=Count("topic_links", distinct=True),
            action_count=Count("actions", distinct=True),
        )
        .order_by("title")
    )


def pole_topics(pole):
    return (
        Topic.objects.filter(pole=pole)
        .select_related("proposed_by")
        .annotate(
            need_count=Count("need_links", distinct=True),
            action_count=Count("actions", distinct=True),
        )
        .order_by("title")
    )


@dataclass(frozen=True)
class Matrix:
    topics: list
    needs: list
    strengths: dict  # (topic_id, need_id) -> 1..3

    def rows(self):
        """[(topic, [(need, strength or None), …]), …] in display order."""
        return [
            (topic, [(need, self.strengths.get((topic.pk, need.pk))) for need in self.needs])
            for topic in self.topics
        ]


def topic_need_matrix(pole) -> Matrix:
    return Matrix(
        topics=list(Topic.objects.filter(pole=pole).order_by("title", "pk")),
        needs=list(TerritoryNeed.objects.filter(pole=pole).order_by("title", "pk")),
        strengths={
            (topic_id, need_id): strength
            for topic_id, need_id, strength in TopicNeedLink.objects.filter(
                topic__pole=pole
            ).values_list("topic_id", "need_id", "strength")
        },
    )


# --- Step 3 --------------------------------------------------------------------------------


def pole_actions(pole, *, public_only: bool = False):
    actions = (
        CooperationAction.objects.filter(pole=pole)
        .select_related("lead__organisation", "objective", "topic")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Membership.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            ),
            Prefetch("needs", queryset=TerritoryNeed.objects.order_by("title")),
            Prefetch("fundings", queryset=ActionFunding.objects.order_by("source")),
        )
        .order_by("start_date", "title", "pk")
    )
    return actions.filter(is_public=True) if public_only else actions


def action_plan(pole) -> dict:
    """Objectives → their actions of the plan, the plan's actions without objective, and the
    actions kept outside the plan. Five queries."""
    actions = list(pole_actions(pole))
    objectives = list(StrategicObjective.objects.filter(pole=pole).order_by("position", "pk"))
    by_objective = {objective.pk: [] for objective in objectives}
    unassigned, outside = [], []
    for action in actions:
        if not action.in_action_plan:
            outside.append(action)
        elif action.objective_id in by_objective:
            by_objective[action.objective_id].append(action)
        else:
            unassigned.append(action)
    return {
        "objectives": [(objective, by_objective[objective.pk]) for objective in objectives],
        "unassigned": unassigned,
        "outside": outside,
        "actions": actions,
    }


# --- Outcomes ------------------------------------------------------------------------------


def _outcomes(actions) -> dict:
    """Totals over `actions` (a queryset) in two aggregate queries."""
    totals = actions.aggregate(
        action_count=Count("pk"),
        jobs_created_etp=Coalesce(Sum("jobs_created_etp"), ZERO),
        jobs_kept_etp=Coalesce(Sum("jobs_kept_etp"), ZERO),
        activities_created=Coalesce(Sum("activities_created"), 0),
        turnover=Coalesce(Sum("turnover"), ZERO),
    )
    labels = dict(FundingSource.choices)
    funding = [
        {"source": row["source"], "label": labels.get(row["source"], row["source"]), **row}
        for row in ActionFunding.objects.filter(action__in=actions.values("pk"))
        .values("source")
        .annotate(total=Sum("amount"))
        .order_by("-total", "source")
    ]
    totals["funding_by_source"] = funding
    totals["funding_total"] = sum((row["total"] for row in funding), ZERO)
    return totals


def pole_outcomes(pole, *, public_only: bool = False) -> dict:
    """Jobs created and kept (ETP), activities, turnover and funding by source of the pole's
    actions (public ones only for the public page)."""
    actions = CooperationAction.objects.filter(pole=pole)
    if public_only:
        actions = actions.filter(is_public=True)
    return _outcomes(actions)


def national_outcomes() -> dict:
    """The same totals over the public actions of every published pole, with one line per
    région (for « Le PTCE en chiffres »). Three queries."""
    actions = CooperationAction.objects.filter(pole__is_published=True, is_public=True)
    totals = _outcomes(actions)
    totals["by_region"] = list(
        actions.values("pole__region__code", "pole__region__name")
        .annotate(
            action_count=Count("pk"),
            jobs_created_etp=Coalesce(Sum("jobs_created_etp"), ZERO),
            jobs_kept_etp=Coalesce(Sum("jobs_kept_etp"), ZERO),
            activities_created=Coalesce(Sum("activities_created"), 0),
            turnover=Coalesce(Sum("turnover"), ZERO),
        )
        .order_by("pole__region__name")
    )
    return totals


# --- Public summary ------------------------------------------------------------------------


def public_summary(pole) -> dict:
    """What the pole's public page shows of its cooperation: public actions (title, type,
    status, number of participants) with their outcomes, and public needs. Never contacts,
    people or minutes. Four queries."""
    actions = list(
        CooperationAction.objects.filter(pole=pole, is_public=True)
        .annotate(participant_count=Count("participants", distinct=True))
        .order_by("start_date", "title", "pk")
        .only("pk", "title", "action_type", "status", "start_date", "end_date", "ess_statute")
    )
    needs = list(
        TerritoryNeed.objects.filter(pole=pole, is_public=True)
        .order_by("title")
        .only("pk", "title", "theme", "is_covered_elsewhere")
    )
    return {
        "actions": actions,
        "needs": needs,
        "outcomes": pole_outcomes(pole, public_only=True),
    }
