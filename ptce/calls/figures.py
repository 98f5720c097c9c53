"""Figures of the calls: applications, laureates and selection rate per phase.

An application counts once it has been submitted (drafts never count) unless the applicant
withdrew it; public figures are counts only, never a non-laureate's name.
"""

from django.db.models import Count, Q

from .models import ApplicationState, Phase

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
        counted &= Q(applications__pole__region__code=code)
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
