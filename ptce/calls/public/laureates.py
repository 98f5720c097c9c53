"""The laureates named on the public call pages: the first few of each phase on the call's page,
all of one phase, a page at a time, on the phase's laureates page.

Only published poles are named; the others are counted (`hidden_laureates_label`), so that a
list never looks complete when it is not. Every read is bounded: at ten times France a call has
~1,000 laureates, and reading them all made the call's page three times slower (issue #18).
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from ..models import Application, ApplicationState

# The laureates a phase shows on the call's page; the rest are on the phase's laureates page.
SHOWN_PER_PHASE = 30
# The laureates per page of a phase's laureates page.
PAGE_SIZE = 50

SLUG_PLACEHOLDER = "slug-du-pole"
ORDER = ("pole__name", "pk")


@dataclass(frozen=True)
class LaureatePole:
    name: str
    url: str


@dataclass(frozen=True)
class LaureateCounts:
    named: int = 0  # published poles, listed
    hidden: int = 0  # poles not published, counted only


def hidden_laureates_label(count: int) -> str:
    """« 1 lauréat n’est pas nommé : son pôle n’est pas publié. », or "" when none is hidden."""
    if not count:
        return ""
    if count == 1:
        return "1 lauréat n’est pas nommé ici : son pôle n’a pas publié sa fiche."
    return f"{count} lauréats ne sont pas nommés ici : leurs pôles n’ont pas publié leur fiche."


def _laureates(**filters):
    return Application.objects.filter(state=ApplicationState.LAUREATE, **filters)


def _named(**filters):
    return _laureates(pole__is_published=True, **filters)


def laureate_poles(rows) -> list[LaureatePole]:
    """(name, slug) rows as links. One `reverse` for them all, not one `{% url %}` each: at a
    thousand laureates, two thirds of the page's rendering."""
    pole_url = reverse("poles:detail", args=[SLUG_PLACEHOLDER])
    return [LaureatePole(name, pole_url.replace(SLUG_PLACEHOLDER, slug)) for name, slug in rows]


def laureate_counts(**filters) -> dict[int, LaureateCounts]:
    """{phase id: counts} of the laureates matching `filters` (`phase__call=call`, `phase=…`);
    one aggregate query."""
    rows = (
        _laureates(**filters)
        .order_by()
        .values("phase_id")
        .annotate(
            named=Count("pk", filter=Q(pole__is_published=True)),
            hidden=Count("pk", filter=Q(pole__is_published=False)),
        )
    )
    return {row["phase_id"]: LaureateCounts(row["named"], row["hidden"]) for row in rows}


def first_laureates(call, limit: int) -> dict[int, list[LaureatePole]]:
    """{phase id: its first `limit` named laureates, by pole name}; one query whatever the
    number of phases or laureates (a row number per phase, on SQLite as on PostgreSQL)."""
    rows = (
        _named(phase__call=call)
        .annotate(rank=Window(RowNumber(), partition_by=F("phase_id"), order_by=ORDER))
        .filter(rank__lte=limit)
        .order_by("phase_id", *ORDER)
        .values_list("phase_id", "pole__name", "pole__slug")
    )
    by_phase: dict[int, list] = {}
    for phase_id, name, slug in rows:
        by_phase.setdefault(phase_id, []).append((name, slug))
    return {phase_id: laureate_poles(pairs) for phase_id, pairs in by_phase.items()}


def phase_laureates(phase):
    """The phase's named laureates, (name, slug) rows by pole name: to paginate, never read
    whole."""
    return _named(phase=phase).order_by(*ORDER).values_list("pole__name", "pole__slug")
