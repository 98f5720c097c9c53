"""The one way the platform sends an email: rendered inside the transaction, then, once it
commits, one background job per recipient (addresses are not shared; `ptce.core.tasks.mail_send`)
that Huey retries while the mail server is down. A failing mail server never breaks the request
nor loses the write or the email.

A message with an attachment built by its job (a PDF) is sent by that job with `message_send`:
declare it with `retries=tasks.MAIL_RETRIES, retry_delay=tasks.MAIL_RETRY_DELAY`, one job per
recipient, enqueued with `jobs.enqueue_on_commit`.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from . import jobs, tasks


def mail_after_commit(
    *, subject: str, template: str, context: dict, recipients, headers: dict | None = None
) -> None:
    """`headers`: extra header lines, the same for every recipient (List-Unsubscribe…)."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    body = render_to_string(template, {"site_url": settings.SITE_URL, **context})
    for address in recipients:
        jobs.enqueue_on_commit(
            tasks.mail_send,
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=address,
            **({"headers": dict(headers)} if headers else {}),
        )


def message_send(*, subject: str, body: str, to: str, attachments=()) -> None:
    """Send one message to one recipient now, with `attachments` as (file name, bytes, MIME
    type): only from a job, which Huey retries if the mail server fails."""
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send(fail_silently=False)
