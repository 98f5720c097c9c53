"""The assessments' jobs: the daily reminders of sheets and consolidations (`reminders.py`)."""

from huey import crontab

from ptce.core import jobs

from . import reminders


@jobs.periodic_job(crontab(hour="7", minute="10"))  # every morning, 07:10 UTC
def evaluation_reminders_send() -> None:
    reminders.sheet_reminders_send()
    reminders.consolidation_reminders_send()
