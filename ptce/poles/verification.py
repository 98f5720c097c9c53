"""A pole's verification by the State, as data and its two moves.

    déclaré ──verify──▶ vérifié ──unverify (with a reason)──▶ déclaré

A new pole is declared: its coordinator builds it, but it is not public and gets no State badge
until an instructor of its région (or the national cell) checks that it exists, its territory
and its members, and verifies it. Publication of a verified pole is then the coordinator's
choice. Withdrawing the verification unpublishes the pole. Each move locks the pole, re-reads
its state, and writes a `PoleVerificationTransition` row.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ptce.core.invalidation import pole_changed
from ptce.core.workflow import Transition, Workflow

from .access import pole_access
from .models import Pole, PoleVerificationTransition, Verification

INSTRUCTOR = "instructeur"

WORKFLOW = Workflow(
    states=Verification,
    transitions=[
        Transition(
            "verify", "Vérifier le pôle", Verification.DECLARED, Verification.VERIFIED, INSTRUCTOR
        ),
        Transition(
            "unverify",
            "Retirer la vérification",
            Verification.VERIFIED,
            Verification.DECLARED,
            INSTRUCTOR,
            needs_motivation=True,
        ),
    ],
    noun="un pôle",
)


def can_verify(user, pole: Pole) -> bool:
    """An instructor of the pole's région, or the national cell."""
    return pole_access(user, pole).instructs


@transaction.atomic
def _move(*, pole: Pole, name: str, by, reason: str = "") -> Pole:
    if not can_verify(by, pole):
        raise PermissionDenied("Seuls les instructeurs de la région du pôle peuvent le vérifier.")
    locked = Pole.objects.select_for_update().get(pk=pole.pk)
    if locked.archived_at is not None:
        raise ValidationError(
            "Ce pôle est archivé : désarchivez-le avant de changer sa vérification."
        )
    transition = WORKFLOW.check_move(locked.verification, name)
    reason = reason.strip()
    if transition.needs_motivation and not reason:
        raise ValidationError({"reason": "Indiquez pourquoi la vérification est retirée."})
    locked.verification = transition.target
    if transition.target == Verification.DECLARED:
        locked.is_published = False
    locked.save(update_fields=["verification", "is_published", "updated_at"])
    PoleVerificationTransition.objects.create(
        pole=locked,
        from_state=transition.source,
        to_state=transition.target,
        by=by,
        reason=reason,
    )
    pole.verification, pole.is_published = locked.verification, locked.is_published
    pole_changed(locked)
    return locked


def pole_verify(*, pole: Pole, by) -> Pole:
    return _move(pole=pole, name="verify", by=by)


def pole_unverify(*, pole: Pole, by, reason: str) -> Pole:
    return _move(pole=pole, name="unverify", by=by, reason=reason)
