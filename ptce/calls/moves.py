"""State changes of an application: every move of `workflow.TRANSITIONS` goes through `move`.

`move` checks that `by` may make the move (its actor), reads the state again under lock,
refuses a move that is not in the table with a French message, writes the
`ApplicationTransition` log row and the dates the move sets. A laureate of a recognition phase
moves its pole to the stage « Reconnu par l’État ». After the transaction commits, the other side
is told by email (`notifications`) and the change is posted to the partners' webhook
(`tasks.queue_state_change`: written in the transaction, sent by a background job); a decision's
letter is built by a job, which emails the decision with it (`tasks.queue_decision_letter`).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ptce.core.invalidation import pole_activity_changed, pole_changed
from ptce.core.workflow import Transition
from ptce.poles.models import Stage

from . import notifications, perms, tasks
from .models import DECISION_STATES, Application, ApplicationState, ApplicationTransition
from .workflow import APPLICANT, INSTRUCTOR, NATIONAL, WORKFLOW

ACTOR_CHECKS = {
    APPLICANT: (
        perms.can_edit_answers,
        "Seuls l’auteur et les co-rédacteurs du pôle peuvent faire cela.",
    ),
    INSTRUCTOR: (perms.can_instruct, "Réservé aux instructeurs de la région du pôle."),
    NATIONAL: (perms.can_decide, "Seule la cellule nationale prend la décision."),
}


def may_move(user, application: Application, transition: Transition) -> bool:
    allowed, _ = ACTOR_CHECKS[transition.actor]
    return allowed(user, application)


def lock_state(application: Application) -> str:
    """The state as stored now, the row locked until the end of the transaction."""
    current = (
        Application.objects.select_for_update()
        .values_list("state", flat=True)
        .get(pk=application.pk)
    )
    application.state = current
    return current


@transaction.atomic
def move(*, application: Application, name: str, by, motivation: str = "") -> Transition:
    current = lock_state(application)
    transition = WORKFLOW.check_move(current, name)
    allowed, refusal = ACTOR_CHECKS[transition.actor]
    if not allowed(by, application):
        raise PermissionDenied(refusal)
    motivation = (motivation or "").strip()
    if transition.needs_motivation and not motivation:
        raise ValidationError("Indiquez la motivation : elle est transmise au porteur.")
    log = ApplicationTransition.objects.create(
        application=application,
        from_state=current,
        to_state=transition.target,
        by=by,
        motivation=motivation,
    )
    now = timezone.now()
    application.state = transition.target
    fields = ["state", "updated_at"]
    if transition.target == ApplicationState.SUBMITTED:
        application.submitted_at = now
        fields.append("submitted_at")
        if application.first_submitted_at is None:
            application.first_submitted_at = now
            # The instruction's région is frozen here: a later move of the pole's territory
            # does not choose another instructor (only the national cell moves the file).
            application.region_id, application.departement_id = instruction_place(application.pole)
            fields += ["first_submitted_at", "region", "departement"]
    if transition.target in DECISION_STATES:
        application.decided_at = now
        application.decision_motivation = motivation
        fields += ["decided_at", "decision_motivation"]
    application.save(update_fields=fields)
    if transition.target == ApplicationState.LAUREATE and application.phase.is_recognition:
        pole = application.pole
        if pole.stage != Stage.RECOGNISED:
            pole.stage = Stage.RECOGNISED
            pole.save(update_fields=["stage", "search_name", "updated_at"])
            pole_changed(pole)
    pole_activity_changed(region_code=application.region_id)
    notifications.transition_notify(
        application=application, transition=transition, by=by, motivation=motivation
    )
    tasks.queue_state_change(
        application=application, from_state=current, to_state=transition.target, at=log.at
    )
    if transition.target in DECISION_STATES:
        tasks.queue_decision_letter(application=application)
    return transition


def instruction_place(pole) -> tuple:
    """The pole's région and its main département in it (the first by code), as ids."""
    departement = (
        pole.covered_departements.filter(region_id=pole.region_id).order_by("code").first()
    )
    return pole.region_id, departement.pk if departement else None
