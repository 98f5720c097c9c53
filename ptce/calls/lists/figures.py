"""Figures of the calls: applications, laureates and selection rate per phase.

An application counts once it has been received, that is submitted (drafts never count),
withdrawn ones included: the State announces « 16 lauréats parmi 76 candidatures
réceptionnées » and the withdrawn are shown apart (« dont 3 retirées »), never left out of the
denominator. Public figures are counts only, never a non-laureate's name.
"""

from django.db.models import Count, Q, QuerySet

from ..models import Application, ApplicationState, Call, Phase
from ..workflow import PENDING_STATES
from .delays import delays_by_phase, percentile  # noqa: F401 — `percentile` read from here too

COUNTED = Q(applications__first_submitted_at__isnull=False)


def selection_rate_label(laureates: int, applications: int) -> str:
    """« 16 lauréats parmi 76 candidatures réceptionnées (21 %) »."""
    if not applications:
        return "Aucune candidature déposée"
    rate = round(100 * laureates / applications)
    laureate_word = "lauréat" if laureates <= 1 else "lauréats"
    received = "candidature réceptionnée" if applications <= 1 else "candidatures réceptionnées"
    return f"{laureates} {laureate_word} parmi {applications} {received} ({rate} %)"


def withdrawn_label(withdrawn: int) -> str:
    """« dont 3 retirées », or "" when none was withdrawn."""
    if not withdrawn:
        return ""
    return f"dont {withdrawn} retirée" if withdrawn == 1 else f"dont {withdrawn} retirées"


def selection_by_phase(region=None) -> list[dict]:
    """One row per phase of a published call, in one query: call, year, phase number and name,
    applications, laureates, rate (percent, rounded, None without applications) and label.
    `region` (a Region or its code) restricts to the poles of that région."""
    counted = COUNTED
    if region is not None:
        code = getattr(region, "code", region)
        counted &= Q(applications__region__code=code)
    laureate = counted & Q(applications__state=ApplicationState.LAUREATE)
    withdrawn = counted & Q(applications__state=ApplicationState.WITHDRAWN)
    rows = (
        Phase.objects.filter(call__is_published=True)
        .annotate(
            n_applications=Count("applications", filter=counted, distinct=True),
            n_laureates=Count("applications", filter=laureate, distinct=True),
            n_withdrawn=Count("applications", filter=withdrawn, distinct=True),
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
            "n_withdrawn",
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
                "withdrawn": row["n_withdrawn"],
                "laureates": laureates,
                "rate": round(100 * laureates / applications) if applications else None,
                "label": selection_rate_label(laureates, applications),
                "withdrawn_label": withdrawn_label(row["n_withdrawn"]),
            }
        )
    return result


# --- Figures of one call, for the instruction (scoped to the viewer's régions) -------------

NO_REGION = "Région non renseignée"
NO_SECTOR = "Sans filière"


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
    """Per phase of `call`: applications (withdrawn included, and counted apart), laureates,
    rate label, by région and by sector, median and 90th percentile days to the decision (the
    instruction's, complement waits left out, and the total: `delays`), and the pending
    ones by state. `applications` is the viewer's scope (see `selectors`): a fixed number
    of queries whatever the number of applications."""
    counted = applications.filter(phase__call=call, first_submitted_at__isnull=False)
    laureate = Q(state=ApplicationState.LAUREATE)
    counts = {"n_applications": Count("pk", distinct=True)}
    counts["n_laureates"] = Count("pk", filter=laureate, distinct=True)
    counts["n_withdrawn"] = Count("pk", filter=Q(state=ApplicationState.WITHDRAWN), distinct=True)
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
    delays = delays_by_phase(counted)
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
        total = totals.get(phase.pk, {"n_applications": 0, "n_laureates": 0, "n_withdrawn": 0})
        phase_delays = delays.get(phase.pk, {})
        result.append(
            {
                "phase": phase,
                "applications": total["n_applications"],
                "withdrawn": total["n_withdrawn"],
                "laureates": total["n_laureates"],
                "label": selection_rate_label(total["n_laureates"], total["n_applications"]),
                "withdrawn_label": withdrawn_label(total["n_withdrawn"]),
                "by_region": by_region.get(phase.pk, []),
                "by_sector": by_sector.get(phase.pk, []),
                "decided": phase_delays.get("decided", 0),
                "median_days": phase_delays.get("median_days"),
                "p90_days": phase_delays.get("p90_days"),
                "total_median_days": phase_delays.get("total_median_days"),
                "total_p90_days": phase_delays.get("total_p90_days"),
                "pending": pending.get(phase.pk, []),
                "pending_total": sum(row["count"] for row in pending.get(phase.pk, [])),
            }
        )
    return result
