"""« Le PTCE en chiffres »: the key figures of the published poles, by aggregate queries.

Every figure is a COUNT or a SUM grouped in the database (never a Python loop over model
rows); Python only folds the few aggregated rows (one per région, stage, family…) into the
documented shape. Unpublished poles are never counted. Counts only: no pole is named except
through the calls' names, no person, no contact.

`national_figures(region=None)` costs about twelve queries uncached, none cached; the value is
cached with `ptce.public.cache.cached` (invalidated on every save of the data behind it).
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, ExtractYear

from ptce.assessments.cohort import (
    COHORT_MIN_POLES,
    latest_validated_evaluations,
    median_group,
)
from ptce.assessments.models import ConsolidatedScore, Referentiel
from ptce.assessments.selectors import grid, objectives_structure
from ptce.calls.figures import selection_by_phase
from ptce.calls.models import Application, ApplicationState
from ptce.cooperation.models import ActionType, CooperationAction
from ptce.organisations.models import FAMILY_LABELS, family
from ptce.poles.models import Membership, Pole, PoleForm, Sector, Stage
from ptce.territories.models import Region

from .cache import cached

NO_FORM = "Non renseignée"
NO_REGION = "Région non renseignée"
ZERO = Decimal("0")


def national_figures(region=None) -> dict:
    """The key figures of the published poles, nationally or for one région (a `Region` or
    its code; an unknown code raises `Region.DoesNotExist`). JSON-serialisable, cached.

    Keys (stable: the API serves this dict at /api/v1/chiffres):
    - ``region``: ``{"code", "name"}`` of the région asked for, or ``None`` (national);
    - ``poles``: ``{"total"}`` published poles;
    - ``by_region``: ``[{"code", "name", "count"}]`` every région (only the one asked for
      when filtered), by name;
    - ``by_stage``: ``[{"stage", "label", "count"}]`` every stage, in order;
    - ``by_form``: ``[{"form", "label", "count"}]`` every form, then ``form`` ``""`` (« Non
      renseignée ») when some poles have none;
    - ``by_sector``: ``[{"slug", "name", "count"}]`` every filière (a pole may have several);
    - ``members``: current member organisations of published poles, each counted once:
      ``{"total", "ess", "non_ess", "ess_share" (percent, one decimal, or None),
      "by_family": [{"family", "label", "count"}]}`` (the art. 9 families, fixed order);
    - ``outcomes``: public cooperation actions of published poles: ``{"action_count",
      "jobs_created_etp", "jobs_kept_etp", "activities_created", "by_region": [{"code",
      "name", "action_count", "jobs_created_etp", "jobs_kept_etp", "activities_created"}]}``
      (ETP as floats);
    - ``actions_by_type``: ``[{"type", "label", "count"}]`` every action type, in order;
    - ``calls``: one row per phase of a published call (see
      `ptce.calls.figures.selection_by_phase`): ``{"call", "call_slug", "year", "phase",
      "phase_name", "applications", "laureates", "rate", "label"}``;
    - ``median_profile``: ``None`` below 5 contributing poles, else ``{"referentiel",
      "pole_count", "objectives": [{"title", "criteria": [{"letter", "label",
      "median"}]}]}`` (median of the latest validated evaluation of each published pole, default
      référentiel; a criterion's median is None when fewer than 5 poles scored it);
    - ``by_creation_year``: ``[{"year", "count"}]`` every year from the first to the last;
    - ``recognitions_by_year``: ``[{"year", "count"}]`` poles laureate of a recognition phase,
      by year of the decision, every year from the first to the last.
    """
    code = getattr(region, "code", region) or None
    return cached("figures", lambda: _compute(code), code or "national")


def _compute(code: str | None) -> dict:
    region = Region.objects.only("code", "name").get(code=code) if code else None
    poles = Pole.objects.published()
    if region is not None:
        poles = poles.filter(region=region)
    by_stage = _by_stage(poles)
    return {
        "region": {"code": region.code, "name": region.name} if region else None,
        "poles": {"total": sum(row["count"] for row in by_stage)},
        "by_region": _by_region(region),
        "by_stage": by_stage,
        "by_form": _by_form(poles),
        "by_sector": _by_sector(region),
        "members": _members(region),
        "outcomes": _outcomes(region),
        "actions_by_type": _actions_by_type(region),
        "calls": selection_by_phase(code),
        "median_profile": median_profile(region),
        "by_creation_year": _every_year(
            poles.filter(creation_year__isnull=False)
            .values("creation_year")
            .annotate(count=Count("pk"))
            .order_by("creation_year")
            .values_list("creation_year", "count")
        ),
        "recognitions_by_year": _recognitions_by_year(region),
    }


def _published(prefix: str, region) -> Q:
    """Published poles (of `region`) seen through the relation `prefix` (e.g. "pole__")."""
    condition = Q(**{f"{prefix}is_published": True})
    if region is not None:
        condition &= Q(**{f"{prefix}region": region})
    return condition


def _by_region(region) -> list[dict]:
    regions = Region.objects.all() if region is None else Region.objects.filter(pk=region.pk)
    return list(
        regions.annotate(count=Count("poles", filter=_published("poles__", None)))
        .order_by("name")
        .values("code", "name", "count")
    )


def _by_stage(poles) -> list[dict]:
    counts = dict(
        poles.order_by().values("stage").annotate(n=Count("pk")).values_list("stage", "n")
    )
    return [
        {"stage": stage.value, "label": stage.label, "count": counts.get(stage.value, 0)}
        for stage in Stage
    ]


def _by_form(poles) -> list[dict]:
    counts = dict(poles.order_by().values("form").annotate(n=Count("pk")).values_list("form", "n"))
    rows = [
        {"form": form.value, "label": form.label, "count": counts.get(form.value, 0)}
        for form in PoleForm
    ]
    if counts.get(""):
        rows.append({"form": "", "label": NO_FORM, "count": counts[""]})
    return rows


def _by_sector(region) -> list[dict]:
    return list(
        Sector.objects.annotate(count=Count("pole", filter=_published("pole__", region)))
        .order_by("position", "name")
        .values("slug", "name", "count")
    )


def _members(region) -> dict:
    """Distinct organisations with a current membership of a published pole, by family. An
    organisation has one legal category, so the distinct counts per group add up."""
    rows = (
        Membership.objects.current()
        .filter(_published("pole__", region))
        .order_by()
        .values("organisation__legal_category", "organisation__ess_quality")
        .annotate(n=Count("organisation", distinct=True))
        .values_list("organisation__legal_category", "organisation__ess_quality", "n")
    )
    by_family: dict[str, int] = defaultdict(int)
    for legal_category, ess_quality, count in rows:
        by_family[family(legal_category, ess_quality)] += count
    total = sum(by_family.values())
    ess = by_family["ess"]
    return {
        "total": total,
        "ess": ess,
        "non_ess": total - ess,
        "ess_share": round(100 * ess / total, 1) if total else None,
        "by_family": [
            {"family": key, "label": label, "count": by_family[key]}
            for key, label in FAMILY_LABELS.items()
        ],
    }


def _public_actions(region):
    """The actions counted by `ptce.cooperation.selectors.national_outcomes`: public actions
    of published poles (here optionally of one région)."""
    return CooperationAction.objects.filter(_published("pole__", region), is_public=True)


OUTCOME_SUMS = {
    "action_count": Count("pk"),
    "jobs_created_etp": Coalesce(Sum("jobs_created_etp"), ZERO),
    "jobs_kept_etp": Coalesce(Sum("jobs_kept_etp"), ZERO),
    "activities_created": Coalesce(Sum("activities_created"), 0),
}


def _outcomes(region) -> dict:
    rows = list(
        _public_actions(region)
        .values("pole__region__code", "pole__region__name")
        .annotate(**OUTCOME_SUMS)
        .order_by("pole__region__name")
    )
    by_region = [
        {
            "code": row["pole__region__code"],
            "name": row["pole__region__name"] or NO_REGION,
            "action_count": row["action_count"],
            "jobs_created_etp": float(row["jobs_created_etp"]),
            "jobs_kept_etp": float(row["jobs_kept_etp"]),
            "activities_created": row["activities_created"],
        }
        for row in rows
    ]
    return {
        "action_count": sum(row["action_count"] for row in rows),
        "jobs_created_etp": float(sum((row["jobs_created_etp"] for row in rows), ZERO)),
        "jobs_kept_etp": float(sum((row["jobs_kept_etp"] for row in rows), ZERO)),
        "activities_created": sum(row["activities_created"] for row in rows),
        "by_region": by_region,
    }


def _actions_by_type(region) -> list[dict]:
    counts = dict(
        _public_actions(region)
        .order_by()
        .values("action_type")
        .annotate(n=Count("pk"))
        .values_list("action_type", "n")
    )
    return [
        {"type": kind.value, "label": kind.label, "count": counts.get(kind.value, 0)}
        for kind in ActionType
    ]


def median_profile(region=None) -> dict | None:
    """The median ECARTS profile of the published poles (of `region`) on the default
    référentiel, or None when fewer than `COHORT_MIN_POLES` poles contribute. Three queries
    (two when there is no default référentiel or too few poles)."""
    referentiel = Referentiel.objects.filter(is_default=True).first()
    if referentiel is None:
        return None
    evaluations = latest_validated_evaluations(referentiel).filter(_published("pole__", region))
    rows = list(
        ConsolidatedScore.objects.filter(evaluation__in=evaluations).values_list(
            "evaluation__pole_id", "criterion__letter", "score"
        )
    )
    group = median_group("national", "national", "Médiane nationale", rows)
    if group is None:
        return None
    criteria = grid(referentiel)
    statements = {criterion.letter: criterion.statement for criterion in criteria}
    return {
        "referentiel": referentiel.code,
        "pole_count": group.pole_count,
        "objectives": [
            {
                "title": title,
                "criteria": [
                    {
                        "letter": letter,
                        "label": statements[letter],
                        "median": group.medians.get(letter),
                    }
                    for letter in letters
                ],
            }
            for title, letters in objectives_structure(criteria)
        ],
    }


def _recognitions_by_year(region) -> list[dict]:
    return _every_year(
        Application.objects.filter(
            _published("pole__", region),
            state=ApplicationState.LAUREATE,
            phase__is_recognition=True,
            phase__call__is_published=True,
            decided_at__isnull=False,
        )
        .annotate(year=ExtractYear("decided_at"))
        .order_by()
        .values("year")
        .annotate(count=Count("pole", distinct=True))
        .order_by("year")
        .values_list("year", "count")
    )


def _every_year(pairs) -> list[dict]:
    """[{"year", "count"}] from (year, count) pairs, with the missing years in between at 0."""
    counts = dict(pairs)
    if not counts:
        return []
    return [
        {"year": year, "count": counts.get(year, 0)} for year in range(min(counts), max(counts) + 1)
    ]


__all__ = ["COHORT_MIN_POLES", "median_profile", "national_figures"]
