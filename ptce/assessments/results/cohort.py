"""Cohort benchmark: medians of the agreed scores of other poles, never one pole's scores.

Each pole counts once, with its latest validated evaluation of the same référentiel version.
A group (national, a région, a filière) is shown only when at least `COHORT_MIN_POLES` poles
contribute, and a criterion's median only when that many poles have an agreed score for it.
The output holds labels, counts and medians: no pole identifier, name or score.

Queries: one for the scores (latest evaluation per pole through a window, ROW_NUMBER, which
SQLite and PostgreSQL both run), one for the poles' filières when filières are asked for. The
median itself is computed in Python (SQLite has no median) over that bounded list: one row per
pole and criterion.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import F, Window
from django.db.models.functions import RowNumber

from ptce.core import invalidation
from ptce.poles.models import Pole

from ..evaluation.stats import cohort_median
from ..models import ConsolidatedScore, Evaluation, EvaluationState

COHORT_MIN_POLES = 5
CACHE_TIMEOUT = 60 * 60


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


def median_group(scope, key, label, rows) -> CohortMedians | None:
    """rows: (pole, letter, score) of one group; None below the threshold."""
    poles = set()
    by_letter: dict[str, list[int]] = defaultdict(list)
    for pole, letter, score in rows:
        if score is not None:
            poles.add(pole)
            by_letter[letter].append(score)
    if len(poles) < COHORT_MIN_POLES:
        return None
    medians = {
        letter: cohort_median(scores) if len(scores) >= COHORT_MIN_POLES else None
        for letter, scores in sorted(by_letter.items())
    }
    return CohortMedians(scope, key, label, len(poles), medians)


def cohort_medians(referentiel, *, region=None, sectors=()) -> list[CohortMedians]:
    """National medians, then the région's, then each filière's; only groups big enough.

    Cached per référentiel version and cohort in the shared cache: every results page read
    ~17,000 scores at ten times France (issue #18). A validation renews the référentiel's
    scope; a pole's région or filières changing renews `POLES`."""
    scopes = (invalidation.cohorts(referentiel.pk), invalidation.POLES)
    digest, _ = invalidation.state(scopes)
    slugs = ",".join(sorted(sector.slug for sector in sectors))
    key = f"ptce:cohorts:{digest}:{referentiel.pk}:{region.pk if region else '-'}:{slugs}"
    groups = cache.get(key)
    if groups is None:
        groups = _cohort_medians(referentiel, region=region, sectors=sectors)
        cache.set(key, groups, CACHE_TIMEOUT)
    return groups


def _cohort_medians(referentiel, *, region=None, sectors=()) -> list[CohortMedians]:
    # A score left blank counts for no group (`median_group`): not read at all. The loops below
    # run over ~18,000 rows at ten times France: plain tuples and local values only.
    rows = list(
        ConsolidatedScore.objects.filter(
            evaluation__in=latest_validated_evaluations(referentiel), score__isnull=False
        ).values_list(
            "evaluation__pole_id", "evaluation__pole__region_id", "criterion__letter", "score"
        )
    )
    groups = [
        median_group(
            "national",
            "national",
            "Médiane nationale",
            [(pole, letter, score) for pole, _, letter, score in rows],
        )
    ]
    if region is not None:
        code = region.pk
        groups.append(
            median_group(
                "region",
                region.code,
                f"Médiane {region.name}",
                [(pole, letter, score) for pole, reg, letter, score in rows if reg == code],
            )
        )
    if sectors:
        # Every pole of these filières, not `pole_id IN (…)` the contributing ones: a list of
        # 2,000 ids at ten times France, for a few hundred rows either way.
        poles_of = defaultdict(set)
        for pole, sector in Pole.sectors.through.objects.filter(
            sector_id__in=[sector.pk for sector in sectors]
        ).values_list("pole_id", "sector_id"):
            poles_of[sector].add(pole)
        for sector in sectors:
            members = poles_of[sector.pk]
            groups.append(
                median_group(
                    "filiere",
                    sector.slug,
                    f"Médiane filière {sector.name}",
                    [(pole, letter, score) for pole, _, letter, score in rows if pole in members],
                )
            )
    return [group for group in groups if group is not None]


def pick(groups: list[CohortMedians], param: str | None) -> CohortMedians | None:
    """The group chosen with `?cohorte=`, else the first one (national when big enough)."""
    return next((group for group in groups if group.param == param), None) or (
        groups[0] if groups else None
    )
