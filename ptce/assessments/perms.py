"""Who may see or change an evaluation. Views and templates ask these, never re-code them."""

from ptce.poles import perms as pole_perms

from .models import Evaluation, EvaluationState, Rater


def can_manage_evaluations(user, pole) -> bool:
    """Open, configure, consolidate and validate: the pole's coordinators and admins."""
    return pole_perms.can_manage(user, pole)


def rater_for(user, evaluation: Evaluation) -> Rater | None:
    if not user.is_authenticated:
        return None
    return evaluation.raters.filter(user=user).first()


def can_view_results(user, evaluation: Evaluation) -> bool:
    """Consolidated results: managers always; raters once consolidation starts; members and
    instructors of the région once validated."""
    if can_manage_evaluations(user, evaluation.pole):
        return True
    if evaluation.state == EvaluationState.VALIDATED and pole_perms.can_view_internal(
        user, evaluation.pole
    ):
        return True
    return (
        evaluation.state
        in {
            EvaluationState.CONSOLIDATION,
            EvaluationState.VALIDATED,
        }
        and rater_for(user, evaluation) is not None
    )


def is_public(evaluation: Evaluation) -> bool:
    """The public sees a validated radar only when the coordinator published it."""
    return (
        evaluation.state == EvaluationState.VALIDATED
        and evaluation.is_public
        and evaluation.pole.is_published
    )


def can_view_individual_sheets(user, evaluation: Evaluation) -> bool:
    """Each rater's answers (not only the consolidation): coordinators and admins, never the
    other raters before consolidation (no anchoring)."""
    return can_manage_evaluations(user, evaluation.pole)
