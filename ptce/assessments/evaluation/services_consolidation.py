"""Writes of the consolidation: agreed scores, the synthesis and the action plan."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ptce.core.versioning import check_version

from ..models import ActionItem, ConsolidatedScore, Criterion, Evaluation
from .services import ensure_manager, ensure_writable
from .workflow import CONSOLIDATION_STATES

CONSOLIDATION_REFUSAL = "Les notes retenues s’enregistrent quand l’évaluation est en consolidation."


def _check(evaluation: Evaluation, scores: dict, action_items: list) -> dict[str, Criterion]:
    criteria = {
        c.letter: c for c in Criterion.objects.filter(referentiel=evaluation.referentiel_id)
    }
    letters = set(scores) | {item.get("letter") for item in action_items if item.get("letter")}
    unknown = sorted(letters - set(criteria), key=str)
    if unknown:
        raise ValidationError(
            f"Critère inconnu dans ce référentiel : {', '.join(map(str, unknown))}."
        )
    for letter, values in scores.items():
        score = values.get("score")
        if score is not None and not (type(score) is int and 1 <= score <= 5):
            raise ValidationError(
                f"Critère {letter} : la note retenue doit être un nombre entier de 1 à 5, ou "
                "rester vide."
            )
    for position, item in enumerate(action_items, start=1):
        if not (item.get("what") or "").strip():
            raise ValidationError(f"Action {position} : décrivez ce qu’il faut améliorer.")
    return criteria


@transaction.atomic
def consolidation_save(
    *,
    evaluation: Evaluation,
    scores: dict,
    synthesis: str,
    action_items: list,
    by,
    version: int | None = None,
) -> Evaluation:
    """Record what the group agreed.

    `scores`: `{letter: {"score": 1–5 or None, "comment": str}}` (None: no agreed score);
    `action_items`: `[{"letter": "A" or None, "what": str, "who": str, "due_on": date|None}]`,
    which replaces the whole plan. The view proposes the median as the agreed score
    (`CriterionStats.default_agreed_score`). `version`: the evaluation's version the page was
    loaded from: a stale tab gets `EditConflict` and writes nothing."""
    ensure_manager(by, evaluation)
    ensure_writable(evaluation, states=CONSOLIDATION_STATES, refusal=CONSOLIDATION_REFUSAL)
    check_version(evaluation, version)
    criteria = _check(evaluation, scores, action_items)
    existing = {
        row.criterion_id: row for row in ConsolidatedScore.objects.filter(evaluation=evaluation)
    }
    to_create, to_update = [], []
    for letter, values in scores.items():
        criterion = criteria[letter]
        row = existing.get(criterion.pk) or ConsolidatedScore(
            evaluation=evaluation, criterion=criterion
        )
        row.score = values.get("score")
        row.comment = (values.get("comment") or "").strip()
        row.full_clean(exclude=["evaluation", "criterion"], validate_unique=False)
        (to_update if row.pk else to_create).append(row)
    ConsolidatedScore.objects.bulk_create(to_create)
    if to_update:
        ConsolidatedScore.objects.bulk_update(to_update, ["score", "comment"])
    items = []
    for item in action_items:
        action = ActionItem(
            evaluation=evaluation,
            criterion=criteria.get(item.get("letter")) if item.get("letter") else None,
            what=item["what"].strip(),
            who=(item.get("who") or "").strip(),
            due_on=item.get("due_on"),
        )
        action.full_clean(exclude=["evaluation", "criterion"])
        items.append(action)
    ActionItem.objects.filter(evaluation=evaluation).delete()
    ActionItem.objects.bulk_create(items)
    evaluation.synthesis = (synthesis or "").strip()
    evaluation.save(update_fields=["synthesis", "version"])
    return evaluation
