"""Instruction delays of decided applications: the total (first submission → decision) and the
delay the administration is answerable for, which leaves out the time spent waiting for the
applicant's complements (from « complément demandé » to the complement's deposit).

Both are read in two queries whatever the number of applications: the decided applications'
dates, then the transitions into and out of « complément demandé ».
"""

import datetime

from django.db.models import Q, QuerySet

from ..models import DECISION_STATES, ApplicationState, ApplicationTransition

DAY = 86400


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


def complement_waits(application_ids) -> dict[int, datetime.timedelta]:
    """{application pk: time spent in « complément demandé »}: each stay runs from the move into
    that state to the next move out of it (a stay still open is not counted: the file is not
    decided then)."""
    waits: dict[int, datetime.timedelta] = {}
    opened: dict[int, datetime.datetime] = {}
    complement = ApplicationState.COMPLEMENT
    rows = (
        ApplicationTransition.objects.filter(application_id__in=application_ids)
        .filter(Q(from_state=complement) | Q(to_state=complement))
        .order_by("at", "pk")
        .values_list("application_id", "from_state", "to_state", "at")
    )
    for application_id, from_state, to_state, at in rows:
        if to_state == complement:
            opened[application_id] = at
        elif from_state == complement and application_id in opened:
            stay = at - opened.pop(application_id)
            waits[application_id] = waits.get(application_id, datetime.timedelta()) + stay
    return waits


def delays_by_phase(applications: QuerySet) -> dict[int, dict]:
    """{phase pk: {decided, median_days, p90_days, total_median_days, total_p90_days}}: the
    instruction delay (complement waits left out) and the total delay of the decided ones among
    `applications`."""
    decided = list(
        applications.filter(
            state__in=DECISION_STATES, decided_at__isnull=False, first_submitted_at__isnull=False
        )
        .order_by()
        .values_list("pk", "phase_id", "first_submitted_at", "decided_at")
    )
    waits = complement_waits([row[0] for row in decided]) if decided else {}
    totals: dict[int, list[float]] = {}
    instruction: dict[int, list[float]] = {}
    for pk, phase_id, submitted, decided_at in decided:
        total = decided_at - submitted
        totals.setdefault(phase_id, []).append(total.total_seconds() / DAY)
        own = total - waits.get(pk, datetime.timedelta())
        instruction.setdefault(phase_id, []).append(own.total_seconds() / DAY)
    return {
        phase_id: {
            "decided": len(values),
            "median_days": _days(percentile(instruction[phase_id], 0.5)),
            "p90_days": _days(percentile(instruction[phase_id], 0.9)),
            "total_median_days": _days(percentile(values, 0.5)),
            "total_p90_days": _days(percentile(values, 0.9)),
        }
        for phase_id, values in totals.items()
    }
