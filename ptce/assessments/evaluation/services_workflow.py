"""State changes of an evaluation: one service per move of `workflow.WORKFLOW`.

Each checks the permission, reads the current state again (locked row), refuses a move that is
not in the table with a French message, checks what the move needs, then writes the
`EvaluationTransition` log row (who, when, from, to, why).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ptce.core.invalidation import cohorts, invalidate, pole_activity_changed

from ..models import ConsolidatedScore, Evaluation, EvaluationTransition, Rater
from .services import ensure_manager, refresh_state_locked, send_rater_invitation
from .workflow import VALIDATED, WORKFLOW


def _move(*, evaluation: Evaluation, name: str, by, reason: str = "", check=None):
    ensure_manager(by, evaluation)
    current = refresh_state_locked(evaluation)
    target = WORKFLOW.check_move(current, name).target
    if check is not None:
        check(evaluation)
    EvaluationTransition.objects.create(
        evaluation=evaluation,
        from_state=current,
        to_state=target,
        by=by,
        reason=(reason or "").strip(),
    )
    evaluation.state = target
    fields = ["state"]
    if target == VALIDATED:
        evaluation.validated_at = timezone.now()
        fields.append("validated_at")
    evaluation.save(update_fields=fields)
    pole_activity_changed(region_code=evaluation.pole.region_id)
    if VALIDATED in (current, target):
        # The cached cohort medians count each pole's latest validated evaluation.
        invalidate(cohorts(evaluation.referentiel_id))
    return evaluation


@transaction.atomic
def evaluation_open(*, evaluation: Evaluation, by, reason: str = "") -> Evaluation:
    """brouillon → ouverte; raters not yet invited receive the link to their sheet.

    No rater is required: a workshop on paper may have only paper sheets, entered later."""
    _move(evaluation=evaluation, name="open", by=by, reason=reason)
    waiting = evaluation.raters.filter(invited_at__isnull=True, entered_by__isnull=True).exclude(
        email=""
    )
    for rater in waiting.select_related("evaluation__pole"):
        send_rater_invitation(rater=rater, by=by)
    return evaluation


def _has_a_submitted_sheet(evaluation: Evaluation) -> None:
    if not Rater.objects.filter(evaluation=evaluation, submitted_at__isnull=False).exists():
        raise ValidationError(
            "Aucune feuille n’a encore été envoyée : attendez au moins une feuille (ou saisissez "
            "une feuille papier) avant de consolider."
        )


@transaction.atomic
def evaluation_start_consolidation(*, evaluation: Evaluation, by, reason: str = "") -> Evaluation:
    """ouverte → consolidation: sheets close; drafts not sent are left out of the statistics."""
    return _move(
        evaluation=evaluation,
        name="start_consolidation",
        by=by,
        reason=reason,
        check=_has_a_submitted_sheet,
    )


@transaction.atomic
def evaluation_reopen(*, evaluation: Evaluation, by, reason: str = "") -> Evaluation:
    """consolidation → ouverte, for late sheets; what was consolidated so far is kept."""
    return _move(evaluation=evaluation, name="reopen", by=by, reason=reason)


def _is_ready_to_validate(evaluation: Evaluation) -> None:
    """A validated evaluation needs a synthesis and at least one agreed score.

    Criteria without an agreed score stay « non retenue » (the group could not agree, or nobody
    scored it); they are shown as such in the results, not as a zero."""
    problems = []
    if not evaluation.synthesis.strip():
        problems.append("rédigez la synthèse")
    if not ConsolidatedScore.objects.filter(evaluation=evaluation, score__isnull=False).exists():
        problems.append("enregistrez au moins une note retenue")
    if problems:
        raise ValidationError(
            "Avant de valider, " + " et ".join(problems) + " (page « Consolidation »)."
        )


@transaction.atomic
def evaluation_validate(*, evaluation: Evaluation, by, reason: str = "") -> Evaluation:
    """consolidation → validée: the evaluation is locked for good."""
    return _move(
        evaluation=evaluation,
        name="validate",
        by=by,
        reason=reason,
        check=_is_ready_to_validate,
    )


SERVICES = {
    "open": evaluation_open,
    "start_consolidation": evaluation_start_consolidation,
    "reopen": evaluation_reopen,
    "validate": evaluation_validate,
}


def evaluation_transition(*, evaluation: Evaluation, target: str, by, reason: str = ""):
    """Run the move from the current state to `target` (as chosen on the evaluation page)."""
    transition = WORKFLOW.check_target(evaluation.state, target)
    return SERVICES[transition.name](evaluation=evaluation, by=by, reason=reason)
