"""Reads of the evaluation workflow: lists, raters and their sheets, the consolidation table;
and the scores shared with the results (`answer_stats`, `previous_validated`).

Every function runs a fixed number of queries, whatever the number of raters.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from ptce.core.models import User

from ..models import (
    ActionItem,
    Answer,
    ConsolidatedScore,
    Criterion,
    Evaluation,
    EvaluationState,
    LevelDescriptor,
    Rater,
)
from ..referentiel.selectors import grid, objectives_structure
from . import perms
from .stats import CriterionStats, evaluation_stats, objective_means


def answer_stats(evaluation: Evaluation, criteria: list[Criterion]) -> list[CriterionStats]:
    """Per-criterion statistics of the submitted sheets (drafts do not count)."""
    pairs = Answer.objects.filter(
        rater__evaluation=evaluation, rater__submitted_at__isnull=False
    ).values_list("criterion__letter", "score")
    return evaluation_stats([c.letter for c in criteria], list(pairs))


def consolidated_scores(evaluation: Evaluation) -> dict[str, int | None]:
    return dict(
        ConsolidatedScore.objects.filter(evaluation=evaluation).values_list(
            "criterion__letter", "score"
        )
    )


def previous_validated(evaluation: Evaluation) -> Evaluation | None:
    """The pole's validated evaluation before this one, on the same référentiel version."""
    return (
        Evaluation.objects.filter(
            pole=evaluation.pole,
            referentiel=evaluation.referentiel,
            state=EvaluationState.VALIDATED,
            created_at__lt=evaluation.created_at,
        )
        .exclude(pk=evaluation.pk)
        .order_by("-created_at")
        .first()
    )


def evaluations_for(user, pole) -> list[Evaluation]:
    """What the list shows: everything to coordinators and admins; to the others (members,
    instructors) the validated evaluations and those they are raters of."""
    evaluations = Evaluation.objects.filter(pole=pole).annotate(
        rater_count=Count("raters", distinct=True),
        submitted_count=Count(
            "raters", filter=Q(raters__submitted_at__isnull=False), distinct=True
        ),
    )
    if not perms.can_manage_evaluations(user, pole):
        evaluations = evaluations.filter(
            Q(state=EvaluationState.VALIDATED) | Q(raters__user=user)
        ).distinct()
    evaluations = list(evaluations.order_by("-created_at", "-pk")[:200])
    mine = (
        set(
            Rater.objects.filter(evaluation__in=evaluations, user=user).values_list(
                "evaluation_id", flat=True
            )
        )
        if user.is_authenticated and evaluations
        else set()
    )
    manages = perms.can_manage_evaluations(user, pole)
    sees_internal = perms.can_see_evaluation_list(user, pole)
    for evaluation in evaluations:
        evaluation.is_mine = evaluation.pk in mine
        evaluation.results_visible = perms.results_visible(
            evaluation.state,
            manages=manages,
            sees_internal=sees_internal,
            is_rater=evaluation.is_mine,
        )
    return evaluations


def sheets_to_fill(user) -> list[Rater]:
    """The signed-in person's sheets waiting for them (for the dashboard « À faire »)."""
    if not user.is_authenticated:
        return []
    return list(
        Rater.objects.filter(
            user=user, submitted_at__isnull=True, evaluation__state=EvaluationState.OPEN
        )
        .select_related("evaluation__pole")
        .order_by("evaluation__deadline", "pk")[:20]
    )


def raters_with_status(evaluation: Evaluation) -> list[Rater]:
    """Raters with how many criteria they answered and how many files they attached."""
    return list(
        evaluation.raters.select_related("user", "entered_by")
        .annotate(
            answered=Count("answers", distinct=True),
            file_count=Count("answers__files", distinct=True),
        )
        .order_by("name", "pk")
    )


def candidate_members(evaluation: Evaluation):
    """People of the pole who are not yet raters of this evaluation (for the « add » list)."""
    return (
        User.objects.filter(pole_roles__pole=evaluation.pole_id)
        .exclude(rater_sheets__evaluation=evaluation)
        .order_by("last_name", "first_name", "email")
        .distinct()
    )


def transitions_log(evaluation: Evaluation):
    return list(evaluation.transitions.select_related("by"))


def levels(referentiel) -> list[LevelDescriptor]:
    return list(LevelDescriptor.objects.filter(referentiel=referentiel).order_by("level"))


def sheet_answers(rater: Rater) -> dict[str, Answer]:
    """{letter: Answer} of one rater, with their files."""
    answers = (
        Answer.objects.filter(rater=rater).select_related("criterion").prefetch_related("files")
    )
    return {answer.criterion.letter: answer for answer in answers}


@dataclass
class SheetRow:
    criterion: Criterion
    answer: Answer | None


def sheet_rows(criteria: list[Criterion], answers: dict[str, Answer]) -> list[SheetRow]:
    return [SheetRow(criterion, answers.get(criterion.letter)) for criterion in criteria]


@dataclass
class ConsolidationRow:
    criterion: Criterion
    stats: CriterionStats
    agreed: int | None
    comment: str
    is_saved: bool


@dataclass
class Consolidation:
    criteria: list[Criterion]
    rows: list[ConsolidationRow]
    raters: list[Rater]
    scores_by_rater: list[tuple[Rater, list]]
    objective_means: list[tuple[str, float | None]]
    actions: list[ActionItem]
    divergent_count: int


def _score_label(scores: dict, rater_id: int, letter: str) -> str:
    if (rater_id, letter) not in scores:
        return "—"
    score = scores[(rater_id, letter)]
    return "NSP" if score is None else str(score)


def consolidation(evaluation: Evaluation) -> Consolidation:
    """Per criterion: the statistics of the sent sheets, the agreed score (saved, or the median
    rounded half up by default) and every rater's score; per general objective, the mean."""
    criteria = grid(evaluation.referentiel)
    stats = answer_stats(evaluation, criteria)
    saved = {
        row.criterion_id: row for row in ConsolidatedScore.objects.filter(evaluation=evaluation)
    }
    raters = list(evaluation.raters.filter(submitted_at__isnull=False).order_by("name", "pk"))
    scores = {}
    for rater_id, letter, score in Answer.objects.filter(
        rater__evaluation=evaluation, rater__submitted_at__isnull=False
    ).values_list("rater_id", "criterion__letter", "score"):
        scores[(rater_id, letter)] = score
    rows = []
    for criterion, criterion_stats in zip(criteria, stats, strict=True):
        row = saved.get(criterion.pk)
        rows.append(
            ConsolidationRow(
                criterion=criterion,
                stats=criterion_stats,
                agreed=row.score if row else criterion_stats.default_agreed_score,
                comment=row.comment if row else "",
                is_saved=row is not None,
            )
        )
    agreed = {row.criterion.letter: row.agreed for row in rows}
    return Consolidation(
        criteria=criteria,
        rows=rows,
        raters=raters,
        scores_by_rater=[
            (rater, [_score_label(scores, rater.pk, c.letter) for c in criteria])
            for rater in raters
        ],
        objective_means=objective_means(agreed, objectives_structure(criteria)),
        actions=list(ActionItem.objects.filter(evaluation=evaluation).select_related("criterion")),
        divergent_count=sum(1 for s in stats if s.is_divergent),
    )
