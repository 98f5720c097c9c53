"""The public, read-only REST API (django-ninja), version 1. Each app adds its router here.

Every URL of the API (operations, OpenAPI schema, docs page) is public: LoginRequiredMiddleware
lets them through. The docs page uses the Swagger UI files shipped inside django-ninja (served
as static files when "ninja" is in INSTALLED_APPS), never a CDN.
"""

import json

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI, Swagger


class PublicNinjaAPI(NinjaAPI):
    """A NinjaAPI whose views are all exempt from LoginRequiredMiddleware."""

    def _get_urls(self):
        urls = super()._get_urls()
        _mark_public(urls)
        return urls


class OfflineSwagger(Swagger):
    """Swagger UI from django-ninja's own static files; never falls back to its CDN template
    (without "ninja" in INSTALLED_APPS the page fails loudly instead of calling a CDN)."""

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": False,
        }
        return render(request, self.template, context)


def _mark_public(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            login_not_required(pattern.callback)
        elif isinstance(pattern, URLResolver):
            _mark_public(pattern.url_patterns)


api = PublicNinjaAPI(
    title="API des PTCE",
    version="1",
    description="Données publiques de la plateforme des pôles territoriaux de coopération "
    "économique. Lecture seule, sans authentification.",
    urls_namespace="api",
    docs=OfflineSwagger(settings={"validatorUrl": None, "defaultModelsExpandDepth": 0}),
)

api.add_router("/referentiels/", "ptce.assessments.api.router")
