"""The final evaluation: a third party asked through a personal link (`core/tokens.py`, as the
experts' opinions: only the token's hash is kept), and the pole's ECARTS evaluations before
and after the support, set side by side in the agreement's closing report."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ptce.assessments.charts import Axis, Series, radar_svg
from ptce.assessments.models import Criterion
from ptce.core.mail import mail_after_commit
from ptce.core.tokens import new_token

from .models import Agreement, AgreementState, FinalEvaluation
from .services_reports import validated_evaluations

# The evaluation is asked once the support is under way or over.
EVALUABLE_STATES = (AgreementState.RUNNING, AgreementState.SUSPENDED, AgreementState.CLOSED)


def evaluation_request(
    *, agreement: Agreement, evaluator_name: str, evaluator_email: str, by
) -> FinalEvaluation:
    """Ask (or ask again, with a new link: the old one stops working) the third party's
    evaluation; the link goes by email once the transaction commits."""
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.state not in EVALUABLE_STATES:
            raise ValidationError(
                f"Cette convention est « {agreement.get_state_display()} » : l’évaluation "
                "finale se demande une fois le soutien en cours."
            )
        evaluation = FinalEvaluation.objects.filter(agreement=agreement).first()
        if evaluation is not None and evaluation.answered_at is not None:
            raise ValidationError("L’évaluation finale est déjà rendue.")
        token, hashed = new_token()
        evaluation = evaluation or FinalEvaluation(agreement=agreement)
        evaluation.evaluator_name = evaluator_name.strip()
        evaluation.evaluator_email = evaluator_email.strip()
        evaluation.token_hash = hashed
        evaluation.requested_by = by
        evaluation.revoked_at = None
        evaluation.full_clean(exclude=["agreement"])
        evaluation.save()
        mail_after_commit(
            subject=f"Évaluation finale du soutien au pôle {agreement.application.pole.name}",
            template="awards/emails/final_evaluation_request.txt",
            context={
                "evaluation": evaluation,
                "pole": agreement.application.pole,
                "link": settings.SITE_URL + reverse("awards:final_evaluation", args=[token]),
            },
            recipients=[evaluation.evaluator_email],
        )
    return evaluation


def evaluation_answer(*, evaluation: FinalEvaluation, body: str) -> FinalEvaluation:
    with transaction.atomic():
        locked = FinalEvaluation.objects.select_for_update().get(pk=evaluation.pk)
        if locked.revoked_at is not None:
            raise ValidationError("Ce lien a été retiré par l’instruction.")
        if locked.answered_at is not None:
            raise ValidationError("Votre évaluation est déjà rendue : merci.")
        body = (body or "").strip()
        if not body:
            raise ValidationError({"body": "Écrivez votre évaluation."})
        locked.body, locked.answered_at = body, timezone.now()
        locked.save(update_fields=["body", "answered_at"])
    return locked


def before_and_after(agreement: Agreement) -> tuple[dict | None, dict | None]:
    """The pole's last validated ECARTS evaluation before the support began, and its last one
    since (each {"evaluation", "date", "notes"}), or None."""
    evaluations = validated_evaluations(agreement.application.pole)
    start = agreement.start_date or agreement.signed_on
    if start is None:
        return None, (evaluations[-1] if evaluations else None)
    before = [e for e in evaluations if e["date"] < start]
    after = [e for e in evaluations if e["date"] >= start]
    return (before[-1] if before else None), (after[-1] if after else None)


def radar(agreement: Agreement, before: dict | None, after: dict | None):
    """The overlay of the two profiles (the assessments' radar), or None without both."""
    if before is None or after is None:
        return None
    referentiel_id = after["evaluation"].referentiel_id
    axes = [
        Axis(c.letter, c.statement)
        for c in Criterion.objects.filter(referentiel_id=referentiel_id).order_by("letter")
    ]
    return radar_svg(
        [("Critères ECARTS", axes)],
        [
            Series("current", f"Après le soutien ({after['date']:%d/%m/%Y})", after["notes"]),
            Series("previous", f"Avant le soutien ({before['date']:%d/%m/%Y})", before["notes"]),
        ],
        id_prefix="bilan-radar",
        title=f"Profil ECARTS avant et après le soutien — {agreement.application.pole.name}",
    )
