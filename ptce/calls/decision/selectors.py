"""Reads of the decision letter."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from ..models import DECISION_STATES, Application, DecisionLetter

# How long after a decision its missing letter is said to be « en cours » (the job retries for
# about half an hour). A decision older than that without a letter predates the letters (or its
# job failed, which the admin sees): nothing is said.
PENDING = datetime.timedelta(hours=24)


@dataclass(frozen=True)
class LetterStatus:
    letter: DecisionLetter | None
    pending: bool


def letter_for(application: Application) -> DecisionLetter | None:
    """The application's letter: None with no decision (no query) or while it is being built."""
    if application.state not in DECISION_STATES:
        return None
    return DecisionLetter.objects.filter(application=application).first()


def letter_status(application: Application) -> LetterStatus | None:
    """What the file says of its letter; None with no decision (no query)."""
    if application.state not in DECISION_STATES:
        return None
    letter = letter_for(application)
    decided_at = application.decided_at
    recent = decided_at is not None and timezone.now() - decided_at < PENDING
    return LetterStatus(letter=letter, pending=letter is None and recent)
