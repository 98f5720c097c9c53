"""The awards' jobs: the daily reminder of reports due soon or late (`services_reports`)."""

from huey import crontab

from ptce.core import jobs

from . import services_reports


@jobs.periodic_job(crontab(hour="6", minute="45"))  # every morning, 06:45 UTC
def report_reminders_send() -> None:
    services_reports.reminders_send()
