from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "ptce.core"
    verbose_name = "Comptes et socle"

    def ready(self):
        from . import checks  # noqa: F401 (registers the system checks)

        # Every app's jobs, in every process: the web one relaunches failed jobs by name and
        # records the steps of those it enqueues (ptce/core/jobs.py).
        autodiscover_modules("tasks")
