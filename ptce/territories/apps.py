from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "ptce.territories"
    verbose_name = "Territoires"
