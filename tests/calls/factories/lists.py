"""Applications at a given point of their life, for the lists, exports and figures."""

import datetime

from django.utils import timezone

from ptce.calls.models import DECISION_STATES, ApplicationState
from tests.calls.factories import ApplicationFactory
from tests.poles.factories import PoleFactory

# Who gets the instruction-side pages (logged in; anonymous visitors are sent to log in).
INSTRUCTION_ONLY = [
    ("outsider", 403),
    ("member", 403),
    ("coordinator", 403),
    ("other_coordinator", 403),
    ("instructor", 200),
    ("other_instructor", 200),
    ("national_instructor", 200),
    ("admin_user", 200),
]


def at(year, month, day, hour=10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def filed(
    phase,
    *,
    pole=None,
    state=ApplicationState.SUBMITTED,
    submitted=None,
    decided=None,
    **pole_fields,
):
    """An application of `pole` (a new one in the given région… otherwise) to `phase`, first
    submitted at `submitted`, decided at `decided` for a decision state."""
    submitted = submitted or at(2022, 3, 1)
    if pole is None:
        pole = PoleFactory(**pole_fields)
    if state in DECISION_STATES and decided is None:
        decided = submitted + datetime.timedelta(days=30)
    return ApplicationFactory(
        phase=phase,
        pole=pole,
        state=state,
        first_submitted_at=submitted,
        submitted_at=submitted,
        decided_at=decided if state in DECISION_STATES else None,
    )
