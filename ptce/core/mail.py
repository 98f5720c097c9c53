"""The one way the platform sends an email: rendered inside the transaction, sent once it
commits, one message per recipient (addresses are not shared), and a failing mail server never
breaks the request nor loses the write: the failure is logged with the subject.
"""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger("ptce.mail")


def mail_after_commit(*, subject: str, template: str, context: dict, recipients) -> None:
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    body = render_to_string(template, {"site_url": settings.SITE_URL, **context})
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]

    def send():
        try:
            send_mass_mail(messages, fail_silently=False)
        except Exception:  # any backend failure: the write is committed, say so in the logs
            logger.exception(
                "Courriel « %s » non envoyé à %d destinataire(s).", subject, len(recipients)
            )

    transaction.on_commit(send)
