"""The follow-up list as CSV, with the list's filters: one row per agreement, its totals and
alerts (through the one export writer; a fixed number of queries)."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.views.decorators.http import require_GET

from ptce.core.exports import csv_response

from . import selectors
from .forms import FilterForm

HEADER = [
    "Pôle",
    "Région",
    "Appel",
    "État",
    "Accordé (€)",
    "Versé (€)",
    "Reste à verser (€)",
    "Prochaine échéance",
    "Montant de la prochaine échéance (€)",
    "Rapports à examiner",
    "Alertes",
]


def _row(view) -> list:
    agreement, totals, upcoming = view.agreement, view.totals, view.next_instalment
    alerts = len(view.unmet) + len(view.gaps) + len(view.late_reports)
    return [
        agreement.application.pole.name,
        agreement.application.region.name if agreement.application.region else "",
        agreement.application.phase.call.name,
        agreement.get_state_display(),
        totals.granted if totals.granted is not None else "",
        totals.paid,
        totals.remaining if totals.remaining is not None else "",
        upcoming.due_date.isoformat() if upcoming else "",
        upcoming.amount if upcoming else "",
        len(view.to_review),
        alerts,
    ]


@require_GET
def follow_up_export(request):
    if not selectors.can_follow_up(request.user):
        raise PermissionDenied("Réservé aux instructeurs et à la cellule nationale.")
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    agreements = selectors.filtered(
        selectors.follow_up_scope(request.user),
        state=filters.get("state", ""),
        call=filters.get("call"),
        region=filters.get("region"),
    )
    # Built before the response streams: the generator would query after the view returned.
    rows = [_row(view) for view in selectors.follow_up_rows(agreements)]
    return csv_response(f"conventions-{timezone.localdate():%Y-%m-%d}.csv", HEADER, rows)
