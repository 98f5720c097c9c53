from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "ptce.organisations"
    verbose_name = "Organisations"
