"""The laureate badges of a pole: the calls and phases it won, for its public page."""

from typing import NamedTuple

from ..models import Application, ApplicationState
from ..models.calls import call_title


class LaureateBadge(NamedTuple):
    call: str
    year: int
    phase: str

    @property
    def call_title(self) -> str:
        return call_title(self.call, self.year)


def laureate_badges(pole) -> list[LaureateBadge]:
    """(call name, year, phase name) of each phase the pole won, oldest call first; one query.
    Only published calls: the badges are public."""
    rows = (
        Application.objects.filter(
            pole=pole, state=ApplicationState.LAUREATE, phase__call__is_published=True
        )
        .order_by("phase__call__year", "phase__call__name", "phase__number")
        .values_list("phase__call__name", "phase__call__year", "phase__name")
    )
    return [LaureateBadge(*row) for row in rows]
