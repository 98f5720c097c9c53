from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Personal data (RGPD), at the web layer since it reads every domain app: a person's
    export, an admin's erasure, the retention purges. It owns no models."""

    name = "ptce.privacy"
    verbose_name = "Données personnelles"
