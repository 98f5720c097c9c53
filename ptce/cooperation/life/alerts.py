"""The monthly animation alert: the coordinators of each pole whose animation indicators raise
an alert (`animation.py`: no event for too long, or low participation) get an email with the
reasons and the link to the pole's animation page. Run by the worker
(`ptce.cooperation.tasks.animation_alerts_send`); a pole without an alert gets nothing.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from ptce.core.mail import mail_after_commit
from ptce.poles.models import PersonRole, PolePerson

from . import selectors


def animation_alerts_send(*, now=None) -> int:
    """Email the coordinators of every pole with an alert; the number of poles told."""
    windows, poles = selectors.animation_summary(now=now or timezone.now())
    coordinators = PolePerson.objects.filter(
        role=PersonRole.COORDINATOR, user__is_active=True
    ).select_related("user")
    poles = poles.prefetch_related(Prefetch("people", coordinators, to_attr="coordinators"))
    told = 0
    for pole, indicators in selectors.summary_rows(poles, windows):
        recipients = [person.user.email for person in pole.coordinators]
        if not indicators.has_alert or not recipients:
            continue
        mail_after_commit(
            subject=f"Animation du pôle {pole.name} : un point d’attention",
            template="cooperation/life/emails/animation_alert.txt",
            context={
                "pole": pole,
                "alerts": indicators.alerts,
                "link": settings.SITE_URL + reverse("cooperation:animation", args=[pole.slug]),
            },
            recipients=recipients,
        )
        told += 1
    return told
