"""The calls' jobs: the webhook of applications' state changes (see `webhooks.py`), the
acknowledgement of a deposit (`applicant/acknowledgement.py`), the decision letter
(`decision/services.py`); importing `lists.export_kinds` registers the instructors' list as a
background export."""

from django.conf import settings
from django.utils import timezone
from huey.exceptions import RetryTask

from ptce.core import jobs, mail
from ptce.core.tasks import MAIL_RETRIES, MAIL_RETRY_DELAY

from . import webhooks
from .decision import services as decision_services
from .lists import export_kinds  # noqa: F401  (registers the export)
from .lists.pdf import application_pdf
from .models import Application, WebhookDelivery


def _webhook_summary(pk):
    return f"Webhook, envoi n° {pk}"


@jobs.job(summary=_webhook_summary)
def webhook_deliver(pk: int) -> None:
    """One attempt; the row says when to try again (the job waits until then) or that it gives
    up (the job fails, with the row's error)."""
    if webhooks.deliver_pending(pk) is not False:
        return  # delivered, delivered already, being delivered, or no webhook any more
    delivery = WebhookDelivery.objects.get(pk=pk)
    if delivery.next_attempt_at is None:
        raise webhooks.DeliveryError(delivery.last_error)
    raise RetryTask(delivery.last_error, eta=delivery.next_attempt_at)


def queue_state_change(*, application, from_state: str, to_state: str, at):
    """Write the delivery in the current transaction; its job is enqueued once it commits."""
    if not settings.PTCE_WEBHOOK_URL:
        return None
    delivery = WebhookDelivery.objects.create(
        event=webhooks.STATE_CHANGED,
        payload=webhooks.state_change_payload(
            application=application, from_state=from_state, to_state=to_state, at=at
        ),
        next_attempt_at=timezone.now(),
    )
    jobs.enqueue_on_commit(webhook_deliver, delivery.pk)
    return delivery


def _acknowledge_summary(*, application_pk, **_):
    return f"Accusé de dépôt, candidature n° {application_pk}"


@jobs.job(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_DELAY, summary=_acknowledge_summary)
def application_acknowledge(*, application_pk: int, subject: str, body: str, to: str) -> None:
    """The acknowledgement of a deposit to one coordinator, with the application's summary as
    a PDF built here (WeasyPrint takes seconds: never in the request)."""
    application = Application.objects.select_related("pole__region", "phase__call").get(
        pk=application_pk
    )
    pdf = application_pdf(application, for_instruction=False)
    mail.message_send(
        subject=subject,
        body=body,
        to=to,
        attachments=[(f"candidature-{application.pk}-recapitulatif.pdf", pdf, "application/pdf")],
    )


def _letter_summary(application_pk):
    return f"Lettre de décision, candidature n° {application_pk}"


# 5 retries, a minute apart then doubling (about half an hour): the decision is recorded and shown
# in the file meanwhile; a job still failing is « échouée » in the admin, to relaunch.
@jobs.job(retries=5, retry_delay=60, summary=_letter_summary)
def decision_letter_issue(application_pk: int) -> None:
    """Build, keep and announce the letter of a decided application (idempotent)."""
    decision_services.decision_letter_issue(application_pk=application_pk)


def queue_decision_letter(*, application) -> None:
    """The letter and its email are built by the job, once the decision is committed."""
    jobs.enqueue_on_commit(decision_letter_issue, application.pk)
