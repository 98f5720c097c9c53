from django.apps import AppConfig


class WwwConfig(AppConfig):
    """The web layer: pages that combine several domain apps (« Mon espace », a pole's pages,
    an organisation's page). It owns no models."""

    name = "ptce.www"
    verbose_name = "Pages"
