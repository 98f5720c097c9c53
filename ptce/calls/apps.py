from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "ptce.calls"
    verbose_name = "Appels à manifestation d’intérêt"
