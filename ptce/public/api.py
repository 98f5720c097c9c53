"""The public, read-only REST API (django-ninja), version 1. Each app adds its router here."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="API des PTCE",
    version="1",
    description="Données publiques de la plateforme des pôles territoriaux de coopération "
    "économique. Lecture seule.",
    urls_namespace="api",
)
