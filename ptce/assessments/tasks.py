"""The assessments' jobs: the daily reminders of sheets and consolidations (`reminders.py`),
the recomputation of a cohort's medians (`results/cohort.py`)."""

from huey import crontab

from ptce.core import jobs

from . import reminders
from .results import cohort


@jobs.periodic_job(crontab(hour="7", minute="10"))  # every morning, 07:10 UTC
def evaluation_reminders_send() -> None:
    reminders.sheet_reminders_send()
    reminders.consolidation_reminders_send()


@jobs.job(summary=lambda referentiel_id, *cohort: f"Médianes ECARTS, référentiel {referentiel_id}")
def cohort_medians_refresh(referentiel_id, region_code, sector_slugs) -> None:
    cohort.refresh_cohort_medians(referentiel_id, region_code, sector_slugs)
