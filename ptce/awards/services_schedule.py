"""Writes on an agreement's schedule: instalments (scheduled within the amount granted, moved
through their workflow) and monitoring committees (with their minutes)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from .formats import euros
from .models import Agreement, Committee, Instalment, InstalmentState, InstalmentTransition
from .services import figures_changed, file_store
from .workflow import INSTALMENT_WORKFLOW, PAYABLE_STATES, SCHEDULE_STATES


def _check_schedulable(agreement: Agreement) -> None:
    if agreement.state not in SCHEDULE_STATES:
        raise ValidationError(
            f"Cette convention est « {agreement.get_state_display()} » : son échéancier ne "
            "change plus."
        )
    if agreement.amount_granted is None:
        raise ValidationError(
            "Cette convention accorde un bouquet de services, sans subvention : elle n’a pas "
            "de versement."
        )


def instalment_schedule(
    *, agreement: Agreement, amount: Decimal, due_date, condition: str = "", by=None
) -> Instalment:
    """Add an instalment; the schedule never exceeds the amount granted (checked under the
    agreement's lock, so two instructors cannot overshoot it together)."""
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        _check_schedulable(agreement)
        instalment = Instalment(
            agreement=agreement, amount=amount, due_date=due_date, condition=condition.strip()
        )
        instalment.full_clean()
        scheduled = agreement.instalments.aggregate(total=Sum("amount"))["total"] or Decimal(0)
        if scheduled + amount > agreement.amount_granted:
            raise ValidationError(
                {
                    "amount": (
                        f"L’échéancier dépasserait la subvention accordée "
                        f"({euros(agreement.amount_granted)}) : {euros(scheduled)} sont déjà "
                        f"prévus, il reste {euros(agreement.amount_granted - scheduled)} à "
                        "échelonner."
                    )
                }
            )
        instalment.save()
    return instalment


def instalment_condition_set(*, instalment: Instalment, met: bool, by=None) -> Instalment:
    with transaction.atomic():
        locked = Instalment.objects.select_for_update().get(pk=instalment.pk)
        if locked.state == InstalmentState.PAID:
            raise ValidationError(INSTALMENT_WORKFLOW.final[InstalmentState.PAID])
        locked.condition_met = met
        locked.save(update_fields=["condition_met"])
    instalment.condition_met = met
    return instalment


def instalment_move(
    *,
    instalment: Instalment,
    name: str,
    by,
    reason: str = "",
    paid_on=None,
    paid_amount: Decimal | None = None,
) -> Instalment:
    """Move an instalment, the state read again under the lock; one log row. Approving needs
    its condition met; paying needs the date and the amount paid; money moves only while the
    agreement is signed or running."""
    with transaction.atomic():
        locked = (
            Instalment.objects.select_for_update().select_related("agreement").get(pk=instalment.pk)
        )
        transition = INSTALMENT_WORKFLOW.check_move(locked.state, name)
        reason = (reason or "").strip()
        if transition.needs_motivation and not reason:
            raise ValidationError("Indiquez le motif : il est gardé dans l’historique.")
        agreement = locked.agreement
        if name in ("request", "approve", "pay") and agreement.state not in PAYABLE_STATES:
            raise ValidationError(
                f"La convention est « {agreement.get_state_display()} » : aucun versement "
                "n’avance tant qu’elle n’est pas signée ou en cours."
            )
        if name == "approve" and locked.condition and not locked.condition_met:
            raise ValidationError(
                f"La condition de ce versement n’est pas remplie : « {locked.condition} »."
            )
        if name == "pay":
            if paid_on is None or paid_amount is None:
                raise ValidationError("Indiquez la date et le montant du paiement.")
            if paid_amount > locked.amount:
                raise ValidationError(
                    f"Le montant versé ne peut dépasser le montant prévu ({euros(locked.amount)})."
                )
            locked.paid_on, locked.paid_amount = paid_on, paid_amount
        InstalmentTransition.objects.create(
            instalment=locked,
            from_state=locked.state,
            to_state=transition.target,
            by=by,
            reason=reason,
        )
        locked.state = transition.target
        locked.state_reason = reason
        locked.full_clean()
        locked.save()
        if locked.state == InstalmentState.PAID:
            figures_changed(locked.agreement)
    return locked


def committee_record(
    *, agreement: Agreement, date, attendees: str = "", decisions: str = "", minutes=None, by=None
) -> Committee:
    """A committee held or planned, with its minutes (a private file) when given."""
    if agreement.state not in SCHEDULE_STATES:
        raise ValidationError(
            f"Cette convention est « {agreement.get_state_display()} » : elle n’a plus de comité."
        )
    with transaction.atomic():
        committee = Committee(
            agreement=agreement, date=date, attendees=attendees.strip(), decisions=decisions
        )
        committee.full_clean()
        committee.save()
        if minutes is not None:
            file_store(agreement=agreement, uploaded_file=minutes, by=by, committee=committee)
    return committee
