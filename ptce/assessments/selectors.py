"""Reads shared by the evaluation workflow and the results: the grid and the scores."""

from .models import Answer, ConsolidatedScore, Criterion, Evaluation, EvaluationState
from .stats import CriterionStats, evaluation_stats


def grid(referentiel) -> list[Criterion]:
    """The criteria A–I with their objectives, in one query."""
    return list(
        Criterion.objects.filter(referentiel=referentiel)
        .select_related("principal_objective__general_objective")
        .order_by("letter")
    )


def objectives_structure(criteria: list[Criterion]) -> list[tuple[str, list[str]]]:
    """[(general objective title, [letters])], in the référentiel's order."""
    structure: dict[int, tuple[str, list[str]]] = {}
    for criterion in sorted(
        criteria,
        key=lambda c: (c.principal_objective.general_objective.position, c.letter),
    ):
        general = criterion.principal_objective.general_objective
        structure.setdefault(general.pk, (general.title, []))[1].append(criterion.letter)
    return list(structure.values())


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
