"""Validated evaluations built directly in the database, for the results and export tests."""

from datetime import timedelta

from django.utils import timezone

from ptce.assessments.models import (
    ActionItem,
    Answer,
    ConsolidatedScore,
    Evaluation,
    EvaluationState,
    Rater,
)
from ptce.core.invalidation import cohorts, invalidate
from tests.assessments.factories import EvaluationFactory, load_default_referentiel

LETTERS = "ABCDEFGHI"


def validated_evaluation(
    pole,
    agreed,
    *,
    raters=(),
    days_ago=0,
    is_public=False,
    state=EvaluationState.VALIDATED,
    referentiel=None,
    title=None,
    synthesis="Le pôle est bien ancré ; la stratégie reste à piloter.",
):
    """An evaluation of `pole` with agreed scores `agreed` ("543…" or a dict letter → score,
    "-" or None for no score) and one submitted sheet per item of `raters` (same format, or a
    dict letter → (score, observation, improvement))."""
    referentiel = referentiel or load_default_referentiel()
    when = timezone.now() - timedelta(days=days_ago)
    evaluation = EvaluationFactory(
        pole=pole,
        referentiel=referentiel,
        state=state,
        validated_at=when if state == EvaluationState.VALIDATED else None,
        is_public=is_public,
        synthesis=synthesis,
        **({"title": title} if title else {}),
    )
    Evaluation.objects.filter(pk=evaluation.pk).update(created_at=when)
    evaluation.refresh_from_db()
    criteria = {c.letter: c for c in referentiel.criteria.all()}
    ConsolidatedScore.objects.bulk_create(
        ConsolidatedScore(
            evaluation=evaluation,
            criterion=criteria[letter],
            score=score,
            comment=f"Accord trouvé sur {letter}.",
        )
        for letter, score in _scores(agreed).items()
    )
    if state == EvaluationState.VALIDATED:
        # Written in bulk: what `evaluation_validate` does to the cached cohort medians.
        invalidate(cohorts(referentiel.pk))
    for number, sheet in enumerate(raters, start=1):
        rater = Rater.objects.create(
            evaluation=evaluation,
            name=f"Camille Évaluatrice {number}",
            email=f"camille{number}@exemple.fr",
            submitted_at=when,
        )
        Answer.objects.bulk_create(
            Answer(
                rater=rater,
                criterion=criteria[letter],
                score=value[0] if isinstance(value, tuple) else value,
                observation=value[1] if isinstance(value, tuple) else "",
                improvement=value[2] if isinstance(value, tuple) else "",
            )
            for letter, value in _scores(sheet).items()
        )
    return evaluation


def _scores(value):
    if isinstance(value, dict):
        return value
    return {
        letter: None if char == "-" else int(char)
        for letter, char in zip(LETTERS, value, strict=True)
    }


def add_action(evaluation, letter, what, who="Coordination", due_on=None):
    criterion = evaluation.referentiel.criteria.get(letter=letter) if letter else None
    return ActionItem.objects.create(
        evaluation=evaluation, criterion=criterion, what=what, who=who, due_on=due_on
    )
