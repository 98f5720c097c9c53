"""The one way the platform sends an email: rendered inside the transaction, then, once it
commits, one background job per recipient (addresses are not shared; `ptce.core.tasks.mail_send`)
that Huey retries while the mail server is down. A failing mail server never breaks the request
nor loses the write or the email.
"""

import contextlib
import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from . import tasks

logger = logging.getLogger("ptce.mail")


def mail_after_commit(*, subject: str, template: str, context: dict, recipients) -> None:
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    body = render_to_string(template, {"site_url": settings.SITE_URL, **context})

    def enqueue():
        for address in recipients:
            message = {
                "subject": subject,
                "body": str(body),  # plain text, not a SafeString, in the queue
                "from_email": settings.DEFAULT_FROM_EMAIL,
                "to": address,
            }
            try:
                tasks.mail_send(**message)
            except Exception:  # the queue itself is down: try once now rather than lose it
                logger.exception("Courriel « %s » non mis en file : envoi direct.", subject)
                with contextlib.suppress(Exception):  # logged by mail_send
                    tasks.mail_send.call_local(**message)

    transaction.on_commit(enqueue)
