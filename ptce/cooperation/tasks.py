"""The cooperation's jobs: the monthly animation alert (`life/alerts.py`), the weekly alerts of
the saved searches, looked at every morning (`searches/alerts.py`); importing
`plan.export_kinds` registers the action plan's PDF as a background export."""

from huey import crontab

from ptce.core import jobs

from .life import alerts
from .plan import export_kinds  # noqa: F401  (registers the export)
from .searches import alerts as search_alerts


# The first Monday of each month, 07:00 UTC (the worker's crontabs are in UTC).
@jobs.periodic_job(crontab(day_of_week="1", day="1-7", hour="7", minute="0"))
def animation_alerts_send() -> None:
    alerts.animation_alerts_send()


@jobs.periodic_job(crontab(hour="7", minute="40"))  # every morning, 07:40 UTC
def saved_search_alerts_send() -> None:
    search_alerts.saved_search_alerts_send()
