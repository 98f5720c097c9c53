"""The poles' jobs: the daily reminder of stale pole data (`reminders.py`), the rebuilding of
the forgiving search's index (`forgiving.py`)."""

from huey import crontab

from ptce.core import jobs

from . import forgiving, reminders


@jobs.periodic_job(crontab(hour="7", minute="20"))  # every morning, 07:20 UTC
def stale_data_reminders_send() -> None:
    reminders.stale_data_reminders_send()


@jobs.job(summary=lambda: "Index de la recherche")
def forgiving_index_refresh() -> None:
    forgiving.refresh_index()
