from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ptce.core"
    verbose_name = "Comptes et socle"
