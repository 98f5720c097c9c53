"""Figures of the calls: applications, laureates and selection rate per phase.

An application counts once it has been submitted (drafts never count) unless the applicant
withdrew it; public figures are counts only, never a non-laureate's name.
"""

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet

from ..models import DECISION_STATES, Application, ApplicationState, Call, Phase
from ..workflow import PENDING_STATES

COUNTED = Q(applications__first_submitted_at__isnull=False) & ~Q(
    applications__state=ApplicationState.WITHDRAWN
)


def selection_rate_label(laureates: int, applications: int) -> str:
    """« 16 lauréats parmi 76 candidatures (21 %) »."""
    if not applications:
        return "Aucune candidature déposée"
    rate = round(100 * laureates / applications)
    laureate_word = "lauréat" if laureates <= 1 else "lauréats"
    application_word = "candidature" if applications <= 1 else "candidatures"
    return f"{laureates} {laureate_word} parmi {applications} {application_word} ({rate} %)"


def selection_by_phase(region=None) -> list[dict]:
    """One row per phase of a published call, in one query: call, year, phase number and name,
    applications, laureates, rate (percent, rounded, None without applications) and label.
    `region` (a Region or its code) restricts to the poles of that région."""
    counted = COUNTED
    if region is not None:
        code = getattr(region, "code", region)
        counted &= Q(applications__region__code=code)
    laureate = counted & Q(applications__state=ApplicationState.LAUREATE)
    rows = (
        Phase.objects.filter(call__is_published=True)
        .annotate(
            n_applications=Count("applications", filter=counted, distinct=True),
            n_laureates=Count("applications", filter=laureate, distinct=True),
        )
        .order_by("call__year", "call__name", "number")
        .values(
            "call__name",
            "call__slug",
            "call__year",
            "number",
            "name",
            "n_applications",
            "n_laureates",
        )
    )
    result = []
    for row in rows:
        applications, laureates = row["n_applications"], row["n_laureates"]
        result.append(
            {
                "call": row["call__name"],
                "call_slug": row["call__slug"],
                "year": row["call__year"],
                "phase": row["number"],
                "phase_name": row["name"],
                "applications": applications,
                "laureates": laureates,
                "rate": round(100 * laureates / applications) if applications else None,
                "label": selection_rate_label(laureates, applications),
            }
        )
    return result


# --- Figures of one call, for the instruction (scoped to the viewer's régions) -------------

NO_REGION = "Région non renseignée"
NO_SECTOR = "Sans filière"


def percentile(values: list[float], fraction: float) -> float | None:
    """The `fraction` percentile of `values`, linear between the closest ranks (None if empty)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _days(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _breakdown(rows, key) -> dict[int, list[dict]]:
    """{phase pk: [{name, applications, laureates, label}]} from grouped count rows."""
    result: dict[int, list[dict]] = {}
    for row in rows:
        result.setdefault(row["phase_id"], []).append(
            {
                "name": row[key] or (NO_REGION if key == "region__name" else NO_SECTOR),
                "applications": row["n_applications"],
                "laureates": row["n_laureates"],
                "label": selection_rate_label(row["n_laureates"], row["n_applications"]),
            }
        )
    return result


def call_figures(call: Call, applications: QuerySet[Application]) -> list[dict]:
    """Per phase of `call`: applications, laureates, rate label, by région and by sector,
    median and 90th percentile days from the first submission to the decision, and the pending
    ones by state. `applications` is the viewer's scope (see `selectors`): a fixed number
    of queries whatever the number of applications."""
    counted = applications.filter(phase__call=call, first_submitted_at__isnull=False).exclude(
        state=ApplicationState.WITHDRAWN
    )
    laureate = Q(state=ApplicationState.LAUREATE)
    counts = {"n_applications": Count("pk", distinct=True)}
    counts["n_laureates"] = Count("pk", filter=laureate, distinct=True)
    totals = {
        row["phase_id"]: row for row in counted.order_by().values("phase_id").annotate(**counts)
    }
    by_region = _breakdown(
        counted.order_by()
        .values("phase_id", "region__name")
        .annotate(**counts)
        .order_by("phase_id", "-n_applications", "region__name"),
        "region__name",
    )
    by_sector = _breakdown(
        counted.order_by()
        .values("phase_id", "pole__sectors__name")
        .annotate(**counts)
        .order_by("phase_id", "-n_applications", "pole__sectors__name"),
        "pole__sectors__name",
    )
    duration = ExpressionWrapper(
        F("decided_at") - F("first_submitted_at"), output_field=DurationField()
    )
    durations: dict[int, list[float]] = {}
    decided = counted.filter(state__in=DECISION_STATES, decided_at__isnull=False)
    for phase_id, delay in decided.annotate(delay=duration).values_list("phase_id", "delay"):
        durations.setdefault(phase_id, []).append(delay.total_seconds() / 86400)
    labels = dict(ApplicationState.choices)
    pending: dict[int, list[dict]] = {}
    pending_rows = (
        counted.filter(state__in=PENDING_STATES)
        .order_by()
        .values("phase_id", "state")
        .annotate(n=Count("pk"))
        .order_by("phase_id", "state")
    )
    for row in pending_rows:
        pending.setdefault(row["phase_id"], []).append(
            {"state": row["state"], "label": labels[row["state"]], "count": row["n"]}
        )
    result = []
    for phase in call.phases.order_by("number"):
        total = totals.get(phase.pk, {"n_applications": 0, "n_laureates": 0})
        delays = durations.get(phase.pk, [])
        result.append(
            {
                "phase": phase,
                "applications": total["n_applications"],
                "laureates": total["n_laureates"],
                "label": selection_rate_label(total["n_laureates"], total["n_applications"]),
                "by_region": by_region.get(phase.pk, []),
                "by_sector": by_sector.get(phase.pk, []),
                "decided": len(delays),
                "median_days": _days(percentile(delays, 0.5)),
                "p90_days": _days(percentile(delays, 0.9)),
                "pending": pending.get(phase.pk, []),
                "pending_total": sum(row["count"] for row in pending.get(phase.pk, [])),
            }
        )
    return result
