from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data and its `demo_load` command; no model."""

    name = "ptce.demo"
    label = "demo"
    verbose_name = "Démonstration"
