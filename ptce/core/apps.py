from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ptce.core"
    verbose_name = "Comptes et socle"

    def ready(self):
        from . import checks  # noqa: F401 (registers the system checks)
