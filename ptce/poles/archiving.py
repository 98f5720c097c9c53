"""Archiving a pole instead of deleting it, as data and its two moves.

    actif ──archive (with a reason)──▶ archivé ──unarchive (with a reason)──▶ actif

A pole the State has records about (applications, evaluations: they `PROTECT` it) is never
deleted. A platform admin or the national cell archives it: it leaves every public output (it
is unpublished, and a `CheckConstraint` keeps an archived pole unpublished), the lists of
« Mon espace », the matching; its team still reads it but changes nothing (`PoleAccess`), and
instructors keep its files and decisions. Each move locks the pole, re-reads its state and
writes a `PoleArchiveTransition` row.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ptce.core.access import user_scope
from ptce.core.workflow import Transition, Workflow

from .models import ArchiveState, Pole, PoleArchiveTransition

ARCHIVIST = "cellule nationale ou administration"

WORKFLOW = Workflow(
    states=ArchiveState,
    transitions=[
        Transition(
            "archive",
            "Archiver le pôle",
            ArchiveState.ACTIVE,
            ArchiveState.ARCHIVED,
            ARCHIVIST,
            needs_motivation=True,
            confirm=True,
        ),
        Transition(
            "unarchive",
            "Désarchiver le pôle",
            ArchiveState.ARCHIVED,
            ArchiveState.ACTIVE,
            ARCHIVIST,
            needs_motivation=True,
            confirm=True,
        ),
    ],
    noun="un pôle",
)


def can_archive(user) -> bool:
    """Platform admins and the national cell (not a région's instructors)."""
    scope = user_scope(user)
    return scope.is_admin or scope.is_national


@transaction.atomic
def _move(*, pole: Pole, name: str, by, reason: str) -> Pole:
    if not can_archive(by):
        raise PermissionDenied("Seules la cellule nationale et l’administration archivent un pôle.")
    locked = Pole.objects.select_for_update().get(pk=pole.pk)
    transition = WORKFLOW.check_move(locked.archive_state, name)
    reason = (reason or "").strip()
    if transition.needs_motivation and not reason:
        raise ValidationError({"reason": "Indiquez le motif."})
    archiving = transition.target == ArchiveState.ARCHIVED
    locked.archived_at = timezone.now() if archiving else None
    if archiving:
        locked.is_published = False
    # `save()` rather than `update()`: the pole's history and the public data version follow.
    locked.save(update_fields=["archived_at", "is_published", "updated_at"])
    PoleArchiveTransition.objects.create(
        pole=locked,
        from_state=transition.source,
        to_state=transition.target,
        by=by,
        reason=reason,
    )
    pole.archived_at, pole.is_published = locked.archived_at, locked.is_published
    return locked


def pole_archive(*, pole: Pole, by, reason: str) -> Pole:
    return _move(pole=pole, name="archive", by=by, reason=reason)


def pole_unarchive(*, pole: Pole, by, reason: str) -> Pole:
    """Back to active, unpublished: its team publishes it again if they wish."""
    return _move(pole=pole, name="unarchive", by=by, reason=reason)
