"""Writes of the instruction: assignment, annotations, expert opinions, scores, the région's
proposal, the national decision, and the message thread between applicant and instruction.

Every write checks who makes it (`perms`) and the application's state
(`workflow.INSTRUCTION_STATES`: déposée, en instruction, complément demandé), runs in one
transaction and refuses bad input with a French `ValidationError`.

Expert opinions: the expert gets a personal link carrying a random token; only its SHA-256 is
stored. A reminder sends a new link (the token cannot be read back), so the previous link stops
working; revoking kills the link. The expert answers once: the answer is then final and shown
read-only on their page (a correction goes through a new request).
"""

import logging
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from ptce.core.access import user_scope
from ptce.core.tokens import new_token
from ptce.core.versioning import lock_part_version

from .. import notifications, perms
from ..models import (
    DECISION_STATES,
    Annotation,
    Application,
    ApplicationState,
    Message,
    Opinion,
    ProposalRecord,
    Score,
)
from ..moves import ACTOR_CHECKS, lock_state, move
from ..workflow import INSTRUCTION_STATES, NATIONAL

logger = logging.getLogger(__name__)

DECISIONS = {
    "decide_laureate": ApplicationState.LAUREATE,
    "decide_rejected": ApplicationState.REJECTED,
    "decide_closed": ApplicationState.CLOSED,
}


def _require_instruction(by, application: Application) -> None:
    if not perms.can_instruct(by, application):
        raise PermissionDenied("Réservé aux instructeurs de la région du pôle.")
    if lock_state(application) not in INSTRUCTION_STATES:
        raise ValidationError(
            f"Cette candidature est « {application.get_state_display()} » : l’instruction "
            "n’est pas ouverte."
        )


def _text(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message)
    return value


def may_be_assigned(user, application: Application) -> bool:
    """An active instructor of the pole's région, or of the national cell."""
    return user_scope(user).instructs_region(application.instruction_region_id)


# --- Assignment and annotations --------------------------------------------------------------


@transaction.atomic
def instructor_assign(*, application: Application, instructor, by) -> None:
    _require_instruction(by, application)
    if not may_be_assigned(instructor, application):
        raise ValidationError(
            {
                "instructor": "Seul un instructeur de la région du pôle ou de la cellule nationale "
                "peut être affecté."
            }
        )
    application.assigned_to.add(instructor)


@transaction.atomic
def instructor_unassign(*, application: Application, instructor, by) -> None:
    _require_instruction(by, application)
    application.assigned_to.remove(instructor)


@transaction.atomic
def annotation_add(*, application: Application, by, body: str) -> Annotation:
    _require_instruction(by, application)
    body = _text(body, "Écrivez l’annotation.")
    return Annotation.objects.create(application=application, author=by, body=body)


# --- Expert opinions -------------------------------------------------------------------------


@transaction.atomic
def opinion_request(
    *,
    application: Application,
    by,
    expert_name: str,
    expert_email: str,
    question: str,
    is_confidential: bool = True,
) -> tuple[Opinion, str]:
    """Ask a named expert; the link is emailed after commit. Returns the opinion and the token
    (shown to nobody else: only its hash is stored)."""
    _require_instruction(by, application)
    errors = {}
    expert_name = (expert_name or "").strip()
    expert_email = (expert_email or "").strip().lower()
    question = (question or "").strip()
    if not expert_name:
        errors["expert_name"] = "Indiquez le nom de l’expert."
    try:
        validate_email(expert_email)
    except ValidationError:
        errors["expert_email"] = "Saisissez une adresse électronique valide."
    if not question:
        errors["question"] = "Posez la question à l’expert."
    if errors:
        raise ValidationError(errors)
    token, hashed = new_token()
    opinion = Opinion.objects.create(
        application=application,
        expert_name=expert_name,
        expert_email=expert_email,
        question=question,
        is_confidential=is_confidential,
        token_hash=hashed,
        requested_by=by,
    )
    notifications.opinion_request_notify(opinion=opinion, token=token)
    return opinion, token


def _locked_opinion(opinion: Opinion, by) -> Opinion:
    _require_instruction(by, opinion.application)
    opinion = Opinion.objects.select_for_update().get(pk=opinion.pk)
    if opinion.revoked_at is not None:
        raise ValidationError("Cette demande d’avis est révoquée.")
    return opinion


@transaction.atomic
def opinion_remind(*, opinion: Opinion, by) -> tuple[Opinion, str]:
    """Email the expert again with a new link (the previous one stops working)."""
    application = opinion.application
    opinion = _locked_opinion(opinion, by)
    opinion.application = application
    if opinion.answered_at is not None:
        raise ValidationError("L’expert a déjà répondu : inutile de le relancer.")
    token, opinion.token_hash = new_token()
    opinion.reminded_at = timezone.now()
    opinion.reminder_count += 1
    opinion.save(update_fields=["token_hash", "reminded_at", "reminder_count"])
    notifications.opinion_request_notify(opinion=opinion, token=token, reminder=True)
    return opinion, token


@transaction.atomic
def opinion_revoke(*, opinion: Opinion, by) -> Opinion:
    """The expert's link stops working at once; an answer already given is kept."""
    application = opinion.application
    opinion = _locked_opinion(opinion, by)
    opinion.application = application
    opinion.revoked_at = timezone.now()
    opinion.save(update_fields=["revoked_at"])
    return opinion


@transaction.atomic
def opinion_answer(*, opinion: Opinion, body: str) -> Opinion:
    """The expert's answer, through their link (the view found `opinion` by its token)."""
    application = opinion.application
    locked = Opinion.objects.select_for_update().get(pk=opinion.pk)
    if locked.revoked_at is not None:
        raise ValidationError("Cette demande d’avis a été révoquée.")
    if locked.answered_at is not None:
        raise ValidationError("Vous avez déjà donné votre avis : il ne peut plus être modifié.")
    if lock_state(application) not in INSTRUCTION_STATES:
        raise ValidationError("L’instruction de cette candidature est terminée.")
    locked.body = _text(body, "Écrivez votre avis.")
    locked.answered_at = timezone.now()
    locked.save(update_fields=["body", "answered_at"])
    locked.application = application
    notifications.opinion_answered_notify(opinion=locked)
    return locked


# --- Scores, proposal, decision --------------------------------------------------------------


# The parts of `Application.versions` the instruction edits (`core.versioning.lock_part_version`).
SCORES_PART, PROPOSAL_PART = "notes", "proposition"


@transaction.atomic
def scores_save(
    *,
    application: Application,
    by,
    values: dict,
    comments: dict | None = None,
    clear=(),
    version: int | None = None,
):
    """`values` maps criterion pk → score (0..max_score); a criterion left empty (None) keeps
    its score as it is: only the criteria in `clear` lose theirs. `version`: the grid's version
    the page was loaded from: if another instructor changed a score since, `EditConflict` and
    nothing is written. Every earlier value stays in the scores' history. Returns the scores
    written."""
    _require_instruction(by, application)
    comments = comments or {}
    clear = {int(pk) for pk in clear}
    criteria = {c.pk: c for c in application.phase.criteria.all()}
    errors, clean = {}, {}
    for pk in set(values) | clear:
        criterion = criteria.get(int(pk))
        if criterion is None:
            errors["__all__"] = "Ce critère n’appartient pas à la grille de cette phase."
            continue
        value = values.get(pk)
        try:
            value = None if value in (None, "") else int(value)
        except (TypeError, ValueError):
            value = -1
        if value is not None and not 0 <= value <= criterion.max_score:
            errors[f"criterion_{pk}"] = (
                f"La note de « {criterion.label} » va de 0 à {criterion.max_score}."
            )
        elif value is not None and criterion.pk in clear:
            errors[f"criterion_{pk}"] = (
                f"« {criterion.label} » : effacez la note ou saisissez-en une, pas les deux."
            )
        clean[criterion.pk] = value
    if errors:
        raise ValidationError(errors)
    locked = lock_part_version(Application, pk=application.pk, part=SCORES_PART, expected=version)
    existing = {s.criterion_id: s for s in Score.objects.filter(application=application)}
    saved, changed = [], False
    for pk, value in clean.items():
        score = existing.get(pk)
        if pk in clear:
            if score is not None:
                score.delete()
                changed = True
            continue
        if value is None:
            continue
        comment = (comments.get(pk) or "").strip()
        if score is not None and (score.value, score.comment) == (value, comment):
            continue
        score = score or Score(application=application, criterion_id=pk)
        score.value, score.comment, score.scored_by = value, comment, by
        score.save()
        saved.append(score)
        changed = True
    if changed:  # a save that changes nothing does not make the other pages stale
        locked.save(update_fields=["versions", "updated_at"])
    return saved


@transaction.atomic
def proposal_make(
    *, application: Application, by, proposal: str, motivation: str, version: int | None = None
) -> None:
    """The région proposes lauréate / non retenue / classée sans suite; the national cell is
    told after commit. `version`: the proposal's version the page was loaded from: a colleague's
    proposal made since is not replaced unknowingly (`EditConflict`)."""
    _require_instruction(by, application)
    if application.state != ApplicationState.INSTRUCTION:
        raise ValidationError("Une proposition se fait sur une candidature « En instruction ».")
    if proposal not in DECISION_STATES:
        raise ValidationError({"proposal": "Choisissez lauréate, non retenue ou sans suite."})
    locked = lock_part_version(Application, pk=application.pk, part=PROPOSAL_PART, expected=version)
    application.versions = locked.versions
    application.proposal = proposal
    application.proposal_motivation = _text(motivation, "Motivez la proposition.")
    application.proposed_by = by
    application.proposed_at = timezone.now()
    application.save(
        update_fields=[
            "proposal",
            "proposal_motivation",
            "proposed_by",
            "proposed_at",
            "versions",
            "updated_at",
        ]
    )
    ProposalRecord.objects.create(
        application=application,
        proposal=proposal,
        motivation=application.proposal_motivation,
        by=by,
    )
    notifications.proposal_notify(application=application, by=by)


@transaction.atomic
def application_decide(
    *,
    application: Application,
    name: str,
    by,
    motivation: str,
    support_granted: str = "",
    amount_granted: Decimal | None = None,
    without_proposal_reason: str = "",
) -> None:
    """The national cell's decision (a `decide_*` move), with the support granted to a
    laureate. A laureate of a recognition phase is recognised by the State (see `move`).

    The national cell decides on the région's proposal: without one (read under the row lock),
    the decision is refused unless it records why it decides alone; the reason is stored on
    the application and logged."""
    if name not in DECISIONS:
        raise ValidationError("Action inconnue.")
    if amount_granted is not None and amount_granted < 0:
        raise ValidationError({"amount_granted": "Le montant accordé ne peut être négatif."})
    allowed, refusal = ACTOR_CHECKS[NATIONAL]
    if not allowed(by, application):
        raise PermissionDenied(refusal)  # before saying anything of the file's proposal
    reason = (without_proposal_reason or "").strip()
    proposal = (
        Application.objects.select_for_update()
        .values_list("proposal", flat=True)
        .get(pk=application.pk)
    )
    if not proposal and not reason:
        raise ValidationError(
            {
                "without_proposal_reason": "La région n’a pas encore fait de proposition : "
                "attendez-la, ou indiquez pourquoi la cellule nationale décide sans elle."
            }
        )
    application.without_proposal_reason = "" if proposal else reason
    if not proposal:
        logger.warning(
            "Décision nationale sans proposition régionale : candidature %s, %s, par %s : %s",
            application.pk,
            name,
            getattr(by, "pk", None),
            reason,
        )
    if DECISIONS[name] == ApplicationState.LAUREATE:
        application.support_granted = (support_granted or "").strip()
        application.amount_granted = amount_granted
    else:
        application.support_granted, application.amount_granted = "", None
    # Set before the move so that the email to the applicant tells the support granted.
    move(application=application, name=name, by=by, motivation=motivation)
    application.save(
        update_fields=[
            "support_granted",
            "amount_granted",
            "without_proposal_reason",
            "updated_at",
        ]
    )


# --- Messages --------------------------------------------------------------------------------


@transaction.atomic
def message_post(*, application: Application, by, body: str) -> Message:
    """A message of the thread; the other side is told after commit."""
    applicant = perms.is_applicant(by, application)
    if not (applicant or perms.can_instruct(by, application)):
        raise PermissionDenied("Seuls le porteur et l’instruction échangent sur ce fil.")
    if application.state == ApplicationState.DRAFT:
        raise ValidationError("Les messages s’échangent une fois la candidature déposée.")
    message = Message.objects.create(
        application=application,
        author=by,
        from_instruction=not applicant,
        body=_text(body, "Écrivez votre message."),
    )
    notifications.message_notify(message=message)
    return message
