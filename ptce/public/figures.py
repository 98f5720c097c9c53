"""« Le PTCE en chiffres »: the key figures of the published poles, by aggregate queries.

Every figure is a COUNT or a SUM grouped in the database (never a Python loop over model
rows); Python only folds the few aggregated rows (one per région, stage, family…) into the
documented shape. Unpublished poles are never counted. Counts only: no pole is named except
through the calls' names, no person, no contact.

`national_figures(region=None)` costs ten queries uncached (nine for a région, plus one for
the cached list of régions), none cached; the value is cached with
`ptce.public.cache.cached`, under the scopes of the figures (`cache.figures_data_scopes`); once
computed, a change makes a job recompute them (`refresh_figures`) while visitors get the
previous figures for the job's duration.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce, ExtractYear

from ptce.assessments.models import Referentiel
from ptce.assessments.referentiel.selectors import grid, objectives_structure
from ptce.assessments.results.cohort import (
    COHORT_MIN_POLES,
    group_medians,
    latest_validated_evaluations,
)
from ptce.awards.selectors import money_by_year_and_region
from ptce.calls.lists.figures import selection_by_phase
from ptce.calls.models import Application, ApplicationState
from ptce.cooperation.models import ActionType, CooperationAction
from ptce.core import invalidation
from ptce.core.invalidation import TERRITORIES
from ptce.core.jobs import enqueue_on_commit
from ptce.organisations.models import FAMILY_LABELS, Organisation, family
from ptce.poles.models import Membership, Pole, PoleForm, Sector, Stage
from ptce.territories.models import Region

from .cache import cached, figures_data_scopes

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
      `ptce.calls.lists.figures.selection_by_phase`): ``{"call", "call_slug", "year", "phase",
      "phase_name", "applications", "laureates", "rate", "label", "withdrawn",
      "withdrawn_label"}`` (applications received, withdrawn ones included);
    - ``median_profile``: ``None`` below 5 contributing poles, else ``{"referentiel",
      "pole_count", "objectives": [{"title", "criteria": [{"letter", "label",
      "median"}]}]}`` (median of the latest validated evaluation of each published pole, default
      référentiel; a criterion's median is None when fewer than 5 poles scored it);
    - ``by_creation_year``: ``[{"year", "count"}]`` every year from the first to the last;
    - ``recognitions_by_year``: ``[{"year", "count"}]`` poles laureate of a recognition phase,
      by year of the decision, every year from the first to the last;
    - ``awards_money``: ``[{"year", "region", "granted", "paid"}]`` the State's support
      agreements (signed or later): euros granted by year of signature and paid by year of
      payment, per région (see `ptce.awards.selectors.money_by_year_and_region`).
    """
    code = getattr(region, "code", region) or None
    # ~15 aggregates over every published pole, 50,000 memberships and 18,000 scores at ten
    # times France (70 ms): once computed, a change is recomputed by a job, not by a visitor.
    return cached(
        "figures",
        lambda: _compute(code),
        code or "national",
        scopes=figures_data_scopes(code),
        refresh=lambda: enqueue_on_commit(refresh_figures_job(), code),
    )


def refresh_figures(code: str | None) -> None:
    """Recompute the figures of a région (None: France entière), then say so to the responses
    built from the previous ones (the job `ptce.public.tasks.figures_refresh`)."""
    with invalidation.refreshing():
        national_figures(code)
    invalidation.invalidate(invalidation.figures_computed(code))


def refresh_figures_job():
    from .tasks import figures_refresh  # the job module imports this one

    return figures_refresh


def region_choices() -> list[tuple[str, str]]:
    """Every région as (code, name), by name (the database's order): the filter's choices and
    the rows of ``by_region``, in one cached query."""
    return cached(
        "regions",
        lambda: list(Region.objects.order_by("name").values_list("code", "name")),
        scopes=(TERRITORIES,),
    )


def _compute(code: str | None) -> dict:
    regions = region_choices()
    names = dict(regions)
    if code and code not in names:
        raise Region.DoesNotExist(f"Aucune région ne porte le code « {code} ».")
    region = Region(code=code, name=names[code]) if code else None
    poles = Pole.objects.published()
    if region is not None:
        poles = poles.filter(region=region)
    counts = _pole_counts(poles)
    by_stage = [
        {"stage": stage.value, "label": stage.label, "count": counts["stage"].get(stage.value, 0)}
        for stage in Stage
    ]
    return {
        "region": {"code": region.code, "name": region.name} if region else None,
        "poles": {"total": sum(row["count"] for row in by_stage)},
        "by_region": _by_region(poles, regions, region, sum(counts["stage"].values())),
        "by_stage": by_stage,
        "by_form": _by_form(counts["form"]),
        "by_sector": _by_sector(region),
        "members": _members(region),
        **_actions(region),
        "calls": selection_by_phase(code),
        "median_profile": median_profile(region),
        "by_creation_year": _every_year(counts["year"].items()),
        "recognitions_by_year": _recognitions_by_year(region),
        "awards_money": money_by_year_and_region(code),
    }


def _published(prefix: str, region) -> Q:
    """Published poles (of `region`) seen through the relation `prefix` (e.g. "pole__")."""
    condition = Q(**{f"{prefix}is_published": True})
    if region is not None:
        condition &= Q(**{f"{prefix}region": region})
    return condition


def _pole_counts(poles) -> dict[str, dict]:
    """The published poles counted by stage, form and year of creation, in one query (one
    row per year, stage and form: a few dozen rows whatever the number of poles)."""
    by_stage: dict[str, int] = defaultdict(int)
    by_form: dict[str, int] = defaultdict(int)
    by_year: dict[int, int] = defaultdict(int)
    rows = (
        poles.order_by()
        .values("creation_year", "stage", "form")
        .annotate(n=Count("pk"))
        .values_list("creation_year", "stage", "form", "n")
    )
    for year, stage, form, count in rows:
        by_stage[stage] += count
        by_form[form] += count
        if year is not None:
            by_year[year] += count
    return {"stage": by_stage, "form": by_form, "year": dict(sorted(by_year.items()))}


def _by_region(poles, regions, region, total: int) -> list[dict]:
    """Every région by name with its published poles, or only the one asked for (its
    `total`, already counted: no query)."""
    if region is not None:
        return [{"code": region.code, "name": region.name, "count": total}]
    counts = dict(
        poles.order_by().values("region").annotate(n=Count("pk")).values_list("region", "n")
    )
    return [{"code": code, "name": name, "count": counts.get(code, 0)} for code, name in regions]


def _by_form(counts: dict[str, int]) -> list[dict]:
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
    # The organisations with such a membership (a semi-join), counted once each: a
    # COUNT(DISTINCT) over every membership sorted 50,000 rows on disk at ten times France.
    members = Membership.objects.current().filter(
        _published("pole__", region), organisation=OuterRef("pk")
    )
    rows = (
        Organisation.objects.filter(Exists(members))
        .order_by()
        .values("legal_category", "ess_quality")
        .annotate(n=Count("pk"))
        .values_list("legal_category", "ess_quality", "n")
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
    """The actions counted by `ptce.cooperation.plan.selectors.national_outcomes`: public actions
    of published poles (here optionally of one région)."""
    return CooperationAction.objects.filter(_published("pole__", region), is_public=True)


OUTCOME_SUMS = {
    "action_count": Count("pk"),
    "jobs_created_etp": Coalesce(Sum("jobs_created_etp"), ZERO),
    "jobs_kept_etp": Coalesce(Sum("jobs_kept_etp"), ZERO),
    "activities_created": Coalesce(Sum("activities_created"), 0),
}


TYPE_COUNTS = {
    f"type_{n}": Count("pk", filter=Q(action_type=v)) for n, v in enumerate(ActionType.values)
}


def _actions(region) -> dict:
    """``outcomes`` and ``actions_by_type`` from one query: the sums by région, with a count
    per action type."""
    rows = list(
        _public_actions(region)
        .values("pole__region__code", "pole__region__name")
        .annotate(**OUTCOME_SUMS, **TYPE_COUNTS)
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
    outcomes = {
        "action_count": sum(row["action_count"] for row in rows),
        "jobs_created_etp": float(sum((row["jobs_created_etp"] for row in rows), ZERO)),
        "jobs_kept_etp": float(sum((row["jobs_kept_etp"] for row in rows), ZERO)),
        "activities_created": sum(row["activities_created"] for row in rows),
        "by_region": by_region,
    }
    by_type = [
        {"type": kind.value, "label": kind.label, "count": sum(row[name] for row in rows)}
        for kind, name in zip(ActionType, TYPE_COUNTS, strict=True)
    ]
    return {"outcomes": outcomes, "actions_by_type": by_type}


def median_profile(region=None) -> dict | None:
    """The median ECARTS profile of the published poles (of `region`) on the default
    référentiel, or None when fewer than `COHORT_MIN_POLES` poles contribute. Three queries
    (two when there is no default référentiel or too few poles)."""
    referentiel = Referentiel.objects.filter(is_default=True).first()
    if referentiel is None:
        return None
    evaluations = latest_validated_evaluations(referentiel).filter(_published("pole__", region))
    groups = group_medians(evaluations, [("national", "national", "Médiane nationale", None)])
    if not groups:
        return None
    (group,) = groups
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


__all__ = ["COHORT_MIN_POLES", "median_profile", "national_figures", "region_choices"]
