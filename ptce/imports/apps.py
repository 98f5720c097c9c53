from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "ptce.imports"
    verbose_name = "Imports"
