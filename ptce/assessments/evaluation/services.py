"""Writes on evaluations and their raters, and the lock every write path goes through.

Other writes: `services_workflow` (state changes), `services_sheet` (observation sheets and
evidence files), `services_consolidation` (agreed scores, synthesis, action plan).

The lock: once an evaluation is validated, `ensure_writable` refuses every write with
`LOCKED_MESSAGE`; corrections are made by a new evaluation. The only change still allowed on a
validated evaluation is publishing (or unpublishing) its radar (`evaluation_publish`).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ptce.core.mail import mail_after_commit
from ptce.core.tokens import new_token, token_hash
from ptce.core.versioning import check_version

from ..models import Evaluation, EvaluationMode, EvaluationState, EvidenceFile, Rater, Referentiel
from . import perms
from .workflow import SETUP_STATES

LOCKED_MESSAGE = (
    "Cette évaluation est validée et verrouillée : elle ne peut plus être modifiée. "
    "Pour corriger, ouvrez une nouvelle évaluation."
)
SETUP_REFUSAL = (
    "Les évaluateurs et le cadre de l’évaluation ne se changent que lorsqu’elle est en brouillon "
    "ou ouverte."
)
EVALUATION_FIELDS = {"title", "period_start", "period_end", "mode", "deadline"}


def refresh_state_locked(evaluation: Evaluation) -> str:
    """Read the state again from the database, locking the row where the database can."""
    current = (
        Evaluation.objects.select_for_update()
        .filter(pk=evaluation.pk)
        .values_list("state", flat=True)
        .first()
    )
    if current is None:
        raise ValidationError("Cette évaluation n’existe plus.")
    evaluation.state = current
    return current


def ensure_writable(evaluation: Evaluation, *, states=None, refusal: str = "") -> None:
    """The one guard of every write: refuse a validated evaluation, then a state not in `states`.

    The state is read again from the database (row locked where the database can), so a stale
    object in memory never gets past the lock."""
    current = refresh_state_locked(evaluation)
    if current == EvaluationState.VALIDATED:
        raise ValidationError(LOCKED_MESSAGE)
    if states is not None and current not in states:
        raise ValidationError(refusal)


def ensure_manager(user, evaluation_or_pole) -> None:
    pole = getattr(evaluation_or_pole, "pole", evaluation_or_pole)
    if user is None or not perms.can_manage_evaluations(user, pole):
        raise PermissionDenied("Seuls les coordinateurs du pôle peuvent faire cela.")


def _check_period(period_start, period_end) -> None:
    if period_start and period_end and period_end < period_start:
        raise ValidationError("La fin de la période doit suivre son début.")


@transaction.atomic
def evaluation_create(
    *,
    pole,
    title: str,
    created_by,
    referentiel: Referentiel | None = None,
    period_start=None,
    period_end=None,
    mode: str = EvaluationMode.SELF,
    deadline=None,
) -> Evaluation:
    """A new evaluation in « brouillon », on the given référentiel or the default one."""
    ensure_manager(created_by, pole)
    if referentiel is None:
        referentiel = Referentiel.objects.filter(is_default=True).first()
        if referentiel is None:
            raise ValidationError(
                "Aucun référentiel par défaut n’est chargé : demandez à un administrateur de "
                "charger le référentiel ECARTS."
            )
    _check_period(period_start, period_end)
    evaluation = Evaluation(
        pole=pole,
        referentiel=referentiel,
        title=(title or "").strip(),
        period_start=period_start,
        period_end=period_end,
        mode=mode,
        deadline=deadline,
        created_by=created_by,
    )
    evaluation.full_clean()
    evaluation.save()
    return evaluation


@transaction.atomic
def evaluation_update(
    *, evaluation: Evaluation, by, version: int | None = None, **fields
) -> Evaluation:
    """Title, period, mode, deadline: while the evaluation is not validated. `version`: the
    one the form was loaded from (`EditConflict` if someone saved the evaluation since)."""
    unknown = set(fields) - EVALUATION_FIELDS
    if unknown:
        raise TypeError(f"Unknown evaluation fields: {sorted(unknown)}")
    ensure_manager(by, evaluation)
    ensure_writable(evaluation)
    check_version(evaluation, version)
    for name, value in fields.items():
        setattr(evaluation, name, value.strip() if isinstance(value, str) else value)
    _check_period(evaluation.period_start, evaluation.period_end)
    evaluation.full_clean()
    evaluation.save(update_fields=[*sorted(fields), "version"])
    return evaluation


@transaction.atomic
def evaluation_delete(*, evaluation: Evaluation, by) -> None:
    """Remove an evaluation that is not validated, with its sheets and their files."""
    ensure_manager(by, evaluation)
    ensure_writable(evaluation)
    files = list(
        EvidenceFile.objects.filter(answer__rater__evaluation=evaluation).values_list(
            "file", flat=True
        )
    )
    evaluation.delete()
    transaction.on_commit(lambda: delete_stored_files(files))


def delete_stored_files(names: list[str]) -> None:
    storage = EvidenceFile._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


@transaction.atomic
def evaluation_publish(*, evaluation: Evaluation, is_public: bool, by) -> Evaluation:
    """Show (or hide) a validated evaluation's radar on the pole's public page.

    The one change a validated evaluation still accepts: it changes who sees it, not what it says.
    """
    ensure_manager(by, evaluation)
    if evaluation.state != EvaluationState.VALIDATED:
        raise ValidationError("Seule une évaluation validée peut être publiée.")
    evaluation.is_public = bool(is_public)
    evaluation.save(update_fields=["is_public"])
    return evaluation


# Raters ---------------------------------------------------------------------------------


def rater_from_token(token: str) -> Rater | None:
    """The external rater a personal link points to, or None (unknown or malformed)."""
    if not token or len(token) > 100:
        return None
    return (
        Rater.objects.select_related("evaluation__pole", "evaluation__referentiel")
        .filter(token=token_hash(token), is_external=True)
        .first()
    )


def send_rater_invitation(*, rater: Rater, by) -> str:
    """E-mail the rater the link to their sheet (after commit); returns the raw token of an
    external rater's new personal link ("" for a member, who signs in)."""
    evaluation = rater.evaluation
    token = ""
    if rater.is_external:
        token, rater.token = new_token()
        link = settings.SITE_URL + reverse("assessments:external_sheet", args=[token])
    else:
        link = settings.SITE_URL + reverse("assessments:my_sheet", args=[evaluation.pk])
    rater.invited_at = timezone.now()
    rater.save(update_fields=["token", "invited_at"])
    mail_after_commit(
        subject=f"Évaluation ECARTS du pôle {evaluation.pole.name} : votre feuille d’observation",
        template="assessments/evaluation/emails/rater_invitation.txt",
        context={
            "rater": rater,
            "evaluation": evaluation,
            "pole": evaluation.pole,
            "link": link,
            "by": by,
        },
        recipients=[rater.email],
    )
    return token


@transaction.atomic
def rater_add_member(*, evaluation: Evaluation, user, by) -> Rater:
    """A person of the pole fills a sheet with their account (notified when it opens)."""
    ensure_manager(by, evaluation)
    ensure_writable(evaluation, states=SETUP_STATES, refusal=SETUP_REFUSAL)
    if not evaluation.pole.people.filter(user=user).exists():
        raise ValidationError(
            f"{user.email} n’a pas de rôle dans le pôle : invitez cette personne comme "
            "personne extérieure."
        )
    if evaluation.raters.filter(user=user).exists():
        raise ValidationError(f"{user.email} fait déjà partie des évaluateurs.")
    rater = Rater(
        evaluation=evaluation,
        user=user,
        name=user.get_full_name() or user.email,
        email=user.email,
    )
    rater.full_clean()
    rater.save()
    if evaluation.state == EvaluationState.OPEN:
        send_rater_invitation(rater=rater, by=by)
    return rater


@transaction.atomic
def rater_invite_external(*, evaluation: Evaluation, name: str, email: str, by) -> Rater:
    """Someone without an account, who receives a personal link by e-mail when it opens."""
    ensure_manager(by, evaluation)
    ensure_writable(evaluation, states=SETUP_STATES, refusal=SETUP_REFUSAL)
    email = (email or "").strip().lower()
    if email and evaluation.raters.filter(email__iexact=email).exists():
        raise ValidationError(f"{email} fait déjà partie des évaluateurs.")
    rater = Rater(evaluation=evaluation, name=(name or "").strip(), email=email, is_external=True)
    rater.full_clean()
    if not rater.email:
        raise ValidationError("Indiquez l’adresse électronique de la personne invitée.")
    rater.save()
    if evaluation.state == EvaluationState.OPEN:
        send_rater_invitation(rater=rater, by=by)
    return rater


@transaction.atomic
def rater_link_renew(*, rater: Rater, by) -> str:
    """Send the link again (a new one for an external rater: the old one stops working)."""
    ensure_manager(by, rater.evaluation)
    ensure_writable(
        rater.evaluation,
        states={EvaluationState.OPEN},
        refusal="Le lien ne s’envoie que lorsque l’évaluation est ouverte.",
    )
    if rater.entered_by_id or not rater.email:
        raise ValidationError("Cette feuille a été saisie sur papier : il n’y a pas de lien.")
    return send_rater_invitation(rater=rater, by=by)


@transaction.atomic
def rater_remove(*, rater: Rater, by) -> None:
    """Take a rater off the evaluation, with their sheet and files."""
    evaluation = rater.evaluation
    ensure_manager(by, evaluation)
    ensure_writable(evaluation, states=SETUP_STATES, refusal=SETUP_REFUSAL)
    files = list(EvidenceFile.objects.filter(answer__rater=rater).values_list("file", flat=True))
    rater.delete()
    transaction.on_commit(lambda: delete_stored_files(files))
