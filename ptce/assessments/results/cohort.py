"""Cohort benchmark: medians of the agreed scores of other poles, never one pole's scores.

Each pole counts once, with its latest validated evaluation of the same référentiel version.
A group (national, a région, a filière) is shown only when at least `COHORT_MIN_POLES` poles
contribute, and a criterion's median only when that many poles have an agreed score for it.
The output holds labels, counts and medians: no pole identifier, name or score.

Queries: one aggregate (`group_medians`) over each pole's latest evaluation (found through a
window, ROW_NUMBER, which SQLite and PostgreSQL both run). SQLite has no median: the database
counts the scores by criterion and value (1 to 5) and Python takes the median from the counts.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Value,
    Window,
)
from django.db.models.functions import RowNumber

from ptce.core import invalidation, jobs
from ptce.poles.models import Pole, Sector
from ptce.territories.models import Region

from ..models import ConsolidatedScore, Evaluation, EvaluationState, Referentiel

COHORT_MIN_POLES = 5


@dataclass(frozen=True)
class CohortMedians:
    scope: str  # "national", "region" or "filiere"
    key: str  # "national", the région's code or the filière's slug
    label: str
    pole_count: int
    medians: dict[str, float | None]

    @property
    def param(self) -> str:
        """The value of `?cohorte=` that picks this group for the radar."""
        return self.scope if self.scope != "filiere" else f"filiere-{self.key}"


def latest_validated_evaluations(referentiel):
    """Each pole's latest validated evaluation of this référentiel version (a queryset of
    `pk`s). Ranked by one window over the validated evaluations (one sort), not a correlated
    subquery per evaluation: 4,000 of them at ten times France."""
    return (
        Evaluation.objects.filter(referentiel=referentiel, state=EvaluationState.VALIDATED)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("pole_id")],
                order_by=[
                    F("validated_at").desc(nulls_last=True),
                    F("created_at").desc(),
                    F("pk").desc(),
                ],
            )
        )
        .filter(rank=1)
        .values("pk")
    )


def histogram_median(counts: dict[int, int]) -> float | None:
    """The median of the scores counted in `counts` ({score: how many}), as
    `statistics.median` gives it for the list they stand for: the middle value, or the mean
    of the middle two. None when nothing is counted."""
    total = sum(counts.values())
    if not total:
        return None
    middle = {(total - 1) // 2, total // 2}  # 0-based ranks of the middle value(s)
    values, seen = [], 0
    for score in sorted(counts):
        values += [score] * sum(seen <= rank < seen + counts[score] for rank in middle)
        seen += counts[score]
    return float(sum(values) / len(values))


def group_medians(evaluations, groups) -> list[CohortMedians]:
    """The medians of each group big enough, in `groups`' order.

    evaluations: a queryset of evaluation `pk`s, one per pole (`latest_validated_evaluations`);
    groups: (scope, key, label, lookups) where lookups are `Evaluation` lookups choosing the
    group's evaluations, e.g. ``{"pole__region": region}`` (None: every evaluation). One query
    whatever the number of poles and groups: the scores counted by criterion, value and group
    (at most 9 × 5 rows), and each group's contributing poles; the medians come from those
    counts. Reading the ~18,000 scores into Python instead was most of a results page at ten
    times France."""
    if not groups:
        return []
    names = [f"group_{index}" for index in range(len(groups))]

    def per_group(field, prefix=""):
        return {
            name: Count(field, filter=Q(**{prefix + k: v for k, v in (lookups or {}).items()}))
            for name, (*_, lookups) in zip(names, groups, strict=True)
        }

    # A score left blank counts for no group, nor does its pole if it has no other score.
    counts = (
        ConsolidatedScore.objects.filter(evaluation__in=evaluations, score__isnull=False)
        .order_by()
        .values_list("criterion__letter", "score")
        .annotate(**per_group("pk", prefix="evaluation__"))
    )
    # One more row, in the same query: each group's contributing poles (one evaluation each),
    # under no letter.
    scored = ConsolidatedScore.objects.filter(evaluation=OuterRef("pk"), score__isnull=False)
    poles_row = (
        Evaluation.objects.filter(Exists(scored), pk__in=evaluations)
        .order_by()
        .annotate(no_letter=Value("", CharField()), no_score=Value(0, IntegerField()))
        .values_list("no_letter", "no_score")
        .annotate(**per_group("pk"))
    )
    histograms = {name: defaultdict(dict) for name in names}
    poles = dict.fromkeys(names, 0)
    for letter, score, *by_group in counts.union(poles_row, all=True):
        for name, count in zip(names, by_group, strict=True):
            if not letter:
                poles[name] = count
            elif count:
                histograms[name][letter][score] = count
    result = []
    for name, (scope, key, label, _) in zip(names, groups, strict=True):
        if poles[name] < COHORT_MIN_POLES:
            continue
        medians = {
            letter: histogram_median(counted) if sum(counted.values()) >= COHORT_MIN_POLES else None
            for letter, counted in sorted(histograms[name].items())
        }
        result.append(CohortMedians(scope, key, label, poles[name], medians))
    return result


def cohort_medians(referentiel, *, region=None, sectors=()) -> list[CohortMedians]:
    """National medians, then the région's, then each filière's; only groups big enough.

    Cached per référentiel version and cohort in the shared cache (issue #18): a validation
    renews the référentiel's scope; a pole's région or filières changing renews `POLES`. Once
    computed, a change is recomputed by a job (`refresh_cohort_medians`): the medians of 2,000
    poles cost 25 ms of SQL at ten times France, and a pole's page may show the previous ones
    for the job's duration."""
    region_code = region.pk if region else None
    slugs = sorted(sector.slug for sector in sectors)
    return invalidation.cached(
        "cohorts",
        lambda: _cohort_medians(referentiel, region=region, sectors=sectors),
        referentiel.pk,
        region_code or "-",
        ",".join(slugs),
        scopes=(invalidation.cohorts(referentiel.pk), invalidation.POLES),
        refresh=lambda: jobs.enqueue_on_commit(_refresh_job(), referentiel.pk, region_code, slugs),
    )


def refresh_cohort_medians(referentiel_id, region_code, sector_slugs) -> None:
    """Recompute the medians of one cohort (the job `cohort_medians_refresh`)."""
    referentiel = Referentiel.objects.filter(pk=referentiel_id).first()
    if referentiel is None:  # deleted since: nothing to show it to
        return
    region = Region.objects.filter(pk=region_code).first() if region_code else None
    sectors = list(Sector.objects.filter(slug__in=sector_slugs))
    with invalidation.refreshing():
        cohort_medians(referentiel, region=region, sectors=sectors)


def _refresh_job():
    from ..tasks import cohort_medians_refresh  # the job module imports this one

    return cohort_medians_refresh


def _cohort_medians(referentiel, *, region=None, sectors=()) -> list[CohortMedians]:
    groups = [("national", "national", "Médiane nationale", None)]
    if region is not None:
        groups.append(("region", region.code, f"Médiane {region.name}", {"pole__region": region}))
    for sector in sectors:
        # An uncorrelated `IN (subquery)`: PostgreSQL hashes the filière's poles once, where a
        # correlated EXISTS would be looked up for each of ~18,000 scores.
        poles = Pole.sectors.through.objects.filter(sector_id=sector.pk).values("pole_id")
        groups.append(
            (
                "filiere",
                sector.slug,
                f"Médiane filière {sector.name}",
                {"pole_id__in": poles},
            )
        )
    return group_medians(latest_validated_evaluations(referentiel), groups)


def pick(groups: list[CohortMedians], param: str | None) -> CohortMedians | None:
    """The group chosen with `?cohorte=`, else the first one (national when big enough)."""
    return next((group for group in groups if group.param == param), None) or (
        groups[0] if groups else None
    )
