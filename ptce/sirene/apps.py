from django.apps import AppConfig


class SireneConfig(AppConfig):
    name = "ptce.sirene"
    verbose_name = "Répertoire SIRENE"
