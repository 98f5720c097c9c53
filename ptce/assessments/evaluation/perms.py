"""Who may see or change an evaluation. Views and templates ask these, never re-code them."""

from django.http import Http404

from ptce.poles import perms as pole_perms

from ..models import Evaluation, EvaluationState, Rater


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
    return results_visible(
        evaluation.state,
        manages=False,
        sees_internal=evaluation.state == EvaluationState.VALIDATED
        and pole_perms.can_view_internal(user, evaluation.pole),
        is_rater=evaluation.state in {EvaluationState.CONSOLIDATION, EvaluationState.VALIDATED}
        and rater_for(user, evaluation) is not None,
    )


def results_visible(state: str, *, manages: bool, sees_internal: bool, is_rater: bool) -> bool:
    """The rule of `can_view_results` from facts already known (for lists, without queries)."""
    if manages:
        return True
    if state == EvaluationState.VALIDATED and sees_internal:
        return True
    return state in {EvaluationState.CONSOLIDATION, EvaluationState.VALIDATED} and is_rater


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


def can_see_evaluation_list(user, pole) -> bool:
    """The list of a pole's evaluations: whoever sees its internal space (members, instructors of
    its région, coordinators, admins); each sees only what `selectors` lets through."""
    return pole_perms.can_view_internal(user, pole)


def can_download_evidence(user, evidence) -> bool:
    """An evidence file: the pole's coordinators and admins, the rater who attached it, and once
    the evaluation is validated whoever may read its results."""
    rater = evidence.answer.rater
    evaluation = rater.evaluation
    if not user.is_authenticated:
        return False
    if can_manage_evaluations(user, evaluation.pole):
        return True
    if rater.user_id is not None and rater.user_id == user.pk:
        return True
    return evaluation.state == EvaluationState.VALIDATED and can_view_results(user, evaluation)


def get_evaluation_for_user(request, slug: str, pk: int, *, need: str = "manage") -> Evaluation:
    """The pole's evaluation, with the pole rules of `get_pole_for_user` (404 to strangers, 403 to
    read-only viewers); `need` is "internal" or "manage"."""
    pole = pole_perms.get_pole_for_user(request, slug, need=need)
    evaluation = (
        Evaluation.objects.select_related("referentiel", "created_by")
        .filter(pk=pk, pole=pole)
        .first()
    )
    if evaluation is None:
        raise Http404("Évaluation introuvable.")
    evaluation.pole = pole
    return evaluation
