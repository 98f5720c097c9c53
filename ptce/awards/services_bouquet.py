"""The services of the bouquet: what a laureate received of its call's catalogue (phase-1
laureates are supported in services rather than money, and are followed the same way)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from .models import Agreement, ServiceDelivery, ServiceItem
from .workflow import SCHEDULE_STATES


def catalogue(agreement: Agreement):
    return ServiceItem.objects.filter(call_id=agreement.application.phase.call_id).order_by(
        "position", "label", "pk"
    )


def delivery_record(
    *, agreement: Agreement, item: ServiceItem, quantity: Decimal, date, note: str = "", by=None
) -> ServiceDelivery:
    """Record a service received; the service must be of the agreement's call, the agreement
    not over."""
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.state not in SCHEDULE_STATES:
            raise ValidationError(
                f"Cette convention est « {agreement.get_state_display()} » : on n’y enregistre "
                "plus de service."
            )
        if item.call_id != agreement.application.phase.call_id:
            raise ValidationError({"item": "Ce service n’est pas au catalogue de cet appel."})
        delivery = ServiceDelivery(
            agreement=agreement, item=item, quantity=quantity, date=date, note=note.strip()
        )
        delivery.full_clean()
        delivery.save()
    return delivery


def received(agreement: Agreement) -> list[dict]:
    """Per service of the catalogue received: its total quantity (one grouped query)."""
    rows = (
        ServiceDelivery.objects.filter(agreement=agreement)
        .values("item__label", "item__unit")
        .annotate(total=Sum("quantity"))
        .order_by("item__position", "item__label")
    )
    return [{"label": r["item__label"], "unit": r["item__unit"], "total": r["total"]} for r in rows]
