from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "ptce.public"

    def ready(self):
        from .cache import connect_signals

        connect_signals()
