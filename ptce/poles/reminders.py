"""The daily reminder of stale pole data: the coordinators of a published pole whose profile
has not changed for `PTCE_STALE_POLE_DAYS` are asked to check it, at most every
`PTCE_STALE_POLE_REMINDER_DAYS` (written on the pole, so a second run sends nothing)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from ptce.core.mail import mail_after_commit

from .models import PersonRole, Pole, PolePerson


def stale_data_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the coordinators of every pole whose data are stale; the poles reminded."""
    today = today or timezone.localdate()
    stale_before = timezone.now() - datetime.timedelta(days=settings.PTCE_STALE_POLE_DAYS)
    again_after = today - datetime.timedelta(days=settings.PTCE_STALE_POLE_REMINDER_DAYS)
    coordinators = PolePerson.objects.filter(
        role=PersonRole.COORDINATOR, user__is_active=True
    ).select_related("user")
    poles = (
        Pole.objects.published()
        .filter(updated_at__lt=stale_before)
        .filter(Q(data_reminded_on__isnull=True) | Q(data_reminded_on__lte=again_after))
        .prefetch_related(Prefetch("people", coordinators, to_attr="coordinators"))
        .order_by("pk")
    )
    reminded = 0
    for pole in poles:
        recipients = [person.user.email for person in pole.coordinators]
        if not recipients:
            continue
        with transaction.atomic():
            mail_after_commit(
                subject=f"Pôle {pole.name} : vos informations sont-elles à jour ?",
                template="poles/emails/stale_data_reminder.txt",
                context={
                    "pole": pole,
                    "since": timezone.localdate(pole.updated_at),
                    "link": settings.SITE_URL + reverse("poles:edit", args=[pole.slug]),
                },
                recipients=recipients,
            )
            Pole.objects.filter(pk=pole.pk).update(data_reminded_on=today)
        reminded += 1
    return reminded
