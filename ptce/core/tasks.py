"""The kernel's jobs: sending one email, building a large export, forgetting old job records,
expired exports and spent form tokens."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from huey import crontab

from . import export_runs, jobs, once

logger = logging.getLogger("ptce.mail")

# 10 attempts after the first, 1 minute apart (PTCE_MAIL_RETRY_SECONDS) then twice as long each
# time: an outage of the mail server up to about 17 hours loses nothing; after that the job is
# « échouée » in the admin.
MAIL_RETRIES = 10
MAIL_RETRY_DELAY = settings.PTCE_MAIL_RETRY_SECONDS


def _mail_summary(*, subject, **_):
    return f"Courriel « {subject} »"


@jobs.job(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_DELAY, summary=_mail_summary)
def mail_send(
    *, subject: str, body: str, from_email: str, to: str, headers: dict | None = None
) -> None:
    """One rendered message to one recipient; a failure is retried by Huey."""
    try:
        message = EmailMessage(subject, body, from_email, [to], headers=headers or None)
        message.send(fail_silently=False)
    except Exception as error:  # any backend failure: say so, and let Huey retry
        logger.error("Courriel « %s » non envoyé : %r", subject, error)
        raise


@jobs.periodic_job(crontab(hour="2", minute="15"))
def job_records_purge() -> None:
    jobs.job_records_purge()


@jobs.periodic_job(crontab(hour="2", minute="45"))
def submitted_forms_purge() -> None:
    """The one-time tokens of creation forms are kept two days (`once.KEEP`)."""
    once.purge()


@jobs.job(summary=lambda run_pk: f"export n° {run_pk}")
def export_build(run_pk: int) -> None:
    """No retry: a failed export says so on its page, and the person asks again."""
    export_runs.export_build(run_pk=run_pk)


@jobs.periodic_job(crontab(minute="20"))
def export_runs_purge() -> None:
    """Every hour: exports are kept `PTCE_EXPORT_KEEP_HOURS` hours."""
    export_runs.export_runs_purge()
