from django.apps import AppConfig
from django.urls import register_converter

from .slugs import PoleSlugConverter


class PolesConfig(AppConfig):
    name = "ptce.poles"
    verbose_name = "Pôles"

    def ready(self):
        # Before any URLconf is read: every app's pole pages use `<pole:slug>`.
        register_converter(PoleSlugConverter, "pole")
