"""Reads of the instruction: the instruction page, the expert's opinion by token, the message
thread. Each runs a constant number of queries (the national ranking is in `lists/selectors.py`)."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q

from ptce.core.tokens import token_hash

from ..decision.selectors import letter_status
from ..models import Application, Opinion, Score, ScoringCriterion


@dataclass
class GridRow:
    criterion: ScoringCriterion
    score: object = None  # Score or None


@dataclass
class Grid:
    rows: list = field(default_factory=list)
    total: int = 0
    maximum: int = 0
    scored: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.total / self.maximum) if self.maximum and self.scored else None


def grid(application: Application) -> Grid:
    """The phase's scoring grid with this application's scores and the weighted total."""
    scores = {s.criterion_id: s for s in application.scores.select_related("scored_by")}
    result = Grid()
    for criterion in application.phase.criteria.all():
        score = scores.get(criterion.pk)
        result.rows.append(GridRow(criterion=criterion, score=score))
        result.maximum += criterion.max_score * criterion.weight
        if score is not None:
            result.total += score.value * criterion.weight
            result.scored += 1
    return result


def assignable_instructors(application: Application):
    """Active instructors of the pole's région, then the national cell."""
    users = get_user_model().objects.filter(is_active=True, is_instructor=True)
    scope = Q(is_national_instructor=True)
    if application.instruction_region_id is not None:
        scope |= Q(instructor_regions__pk=application.instruction_region_id)
    return (
        users.filter(scope)
        .distinct()
        .order_by("is_national_instructor", "last_name", "first_name", "email")
    )


def instruction_page(application: Application) -> dict:
    """Everything the instruction page shows besides the answers, in a fixed number of queries."""
    return {
        "history": list(application.transitions.select_related("by")),
        "annotations": list(application.annotations.select_related("author")),
        "opinions": list(application.opinions.select_related("requested_by")),
        "grid": grid(application),
        "assigned": list(application.assigned_to.order_by("last_name", "first_name", "email")),
        "assignable": assignable_instructors(application),  # the assignment form's choices
        "message_count": application.messages.count(),
        # The trace of scores and proposals replaced since (the page shows the latest above).
        "score_history": list(
            Score.history.filter(application_id=application.pk)
            .select_related("scored_by", "criterion")
            .order_by("-history_date", "-history_id")[:100]
        ),
        "proposal_records": list(application.proposal_records.select_related("by")[:50]),
        "decision_letter": letter_status(application),
    }


def opinion_for_token(token: str) -> Opinion | None:
    """The live (not revoked) opinion behind an expert's link, or None."""
    if not token or len(token) > 100:
        return None
    return (
        Opinion.objects.select_related("application__phase__call", "application__pole__region")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .first()
    )


def thread(application: Application) -> list:
    return list(application.messages.select_related("author"))


def shared_opinions(application: Application) -> list:
    """The opinions the applicant may read: answered, not confidential, not revoked."""
    return list(
        application.opinions.filter(
            is_confidential=False, answered_at__isnull=False, revoked_at__isnull=True
        )
    )
