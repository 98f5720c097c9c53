from django.apps import AppConfig


class PolesConfig(AppConfig):
    name = "ptce.poles"
    verbose_name = "Pôles"
