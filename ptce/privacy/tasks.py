"""The privacy jobs: every night, what has passed its retention period is deleted."""

from huey import crontab

from ptce.core import jobs

from .purge import purge_personal_data


@jobs.periodic_job(crontab(hour="3", minute="30"))  # every night, 03:30 UTC
def personal_data_purge() -> None:
    purge_personal_data()
