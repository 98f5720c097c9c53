from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "ptce.awards"
    verbose_name = "Conventions de soutien des lauréats"
