"""The public, read-only REST API (django-ninja), version 1. Each app adds its router here.

Every URL of the API (operations, OpenAPI schema, docs page) is public: LoginRequiredMiddleware
lets them through. Every operation answers through `http.read_only`: cached per URL and
state of the scopes it reads (`SCOPES`), `ETag`/`Last-Modified` with 304s, CORS for GET, 405
for anything but reading.
Errors are JSON `{"detail": "<message en français>", "errors": [{"field", "message"}]}` with
400 (invalid filter), 404 (unknown or unpublished) or 422 (malformed parameter); an unknown
address under /api/v1/ is a JSON 404 too. The docs page uses the Swagger UI files shipped
inside django-ninja (served as static files when "ninja" is in INSTALLED_APPS), never a CDN.
"""

import json
import logging

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.urls import Resolver404, URLPattern, URLResolver, re_path, resolve
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError, ValidationError

from ptce.core import invalidation
from ptce.core.invalidation import ORGANISATIONS, POLES, REFERENTIELS, TERRITORIES

from .cache import EVERYTHING, figures_scopes
from .http import FilterError, json_error, read_only

logger = logging.getLogger(__name__)

# Responses not cached: the docs page (HTML, cheap) and the fallback 404.
UNCACHED = {"openapi-view", "not_found"}


class PublicNinjaAPI(NinjaAPI):
    """A NinjaAPI whose views are all public, read-only, cached, conditional and CORS-open."""

    def _get_urls(self):
        urls = super()._get_urls()
        urls.append(re_path(r"^.*$", _not_found, name="not_found"))
        _wrap_read_only(urls)
        _mark_public(urls)
        return urls


def _not_found(request):
    message = "Aucune ressource de l’API à cette adresse."
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not_found":
            message += f" Vouliez-vous dire {request.path}/ ?"
    return json_error(404, message)


def _pole_scopes(request, kwargs) -> tuple[str, ...]:
    return (invalidation.pole(kwargs.get("slug", "")), ORGANISATIONS)


def _figures_scopes(request, kwargs) -> tuple[str, ...]:
    return figures_scopes(request.GET.get("region") or None)


# The scopes of public data each operation reads (`ptce.core.invalidation`); an operation not
# listed reads every scope.
SCOPES = {
    "poles": lambda request, kwargs: (POLES,),
    "pole": _pole_scopes,
    "pole_organisations": _pole_scopes,
    "figures": _figures_scopes,
    **{
        name: lambda request, kwargs: (TERRITORIES,)
        for name in ("regions", "region", "departements", "departement")
        + ("epcis", "epci", "communes", "commune")
    },
    "referentiel_list": lambda request, kwargs: (REFERENTIELS,),
    "referentiel_detail": lambda request, kwargs: (REFERENTIELS,),
    "api-root": lambda request, kwargs: (),
    "openapi-json": lambda request, kwargs: (),
    "openapi-view": lambda request, kwargs: (),
    "not_found": lambda request, kwargs: (),
}


def _wrap_read_only(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            cache_name = None if pattern.name in UNCACHED else f"api:{pattern.name}"
            scopes = SCOPES.get(pattern.name, lambda request, kwargs: EVERYTHING)
            pattern.callback = read_only(pattern.callback, cache_name=cache_name, scopes=scopes)
        elif isinstance(pattern, URLResolver):
            _wrap_read_only(pattern.url_patterns)


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

# French messages for pydantic's error types (the parameter's name is added in front).
VALIDATION_MESSAGES = {
    "missing": "paramètre obligatoire",
    "int_parsing": "nombre entier attendu",
    "int_type": "nombre entier attendu",
    "float_parsing": "nombre attendu",
    "greater_than_equal": "doit être supérieur ou égal à {ge}",
    "less_than_equal": "doit être inférieur ou égal à {le}",
    "string_too_short": "doit contenir au moins {min_length} caractère(s)",
    "string_too_long": "doit contenir au plus {max_length} caractère(s)",
    "string_type": "texte attendu",
    "literal_error": "valeur attendue : {expected}",
}


def _validation_message(error: dict) -> str:
    template = VALIDATION_MESSAGES.get(error.get("type"))
    if template is None:
        return f"valeur invalide ({error.get('msg', '')})"
    context = {
        key: str(value).replace(" or ", " ou ") for key, value in error.get("ctx", {}).items()
    }
    return template.format(**context)


def _field_name(error: dict) -> str:
    location = [str(part) for part in error.get("loc", ())]
    return location[-1] if location else ""


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    errors = [
        {"field": _field_name(error), "message": _validation_message(error)} for error in exc.errors
    ]
    detail = "Paramètres invalides : " + " ; ".join(
        f"{error['field']} : {error['message']}" for error in errors
    )
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(FilterError)
def on_filter_error(request, exc):
    detail = "Filtre invalide : " + " ; ".join(
        f"{error['field']} : {error['message']}" for error in exc.errors
    )
    return api.create_response(request, {"detail": detail, "errors": exc.errors}, status=400)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    message = str(exc) or "Ressource introuvable."
    return api.create_response(request, {"detail": message, "errors": []}, status=404)


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    return api.create_response(request, {"detail": str(exc), "errors": []}, status=exc.status_code)


api.add_router("/referentiels/", "ptce.assessments.referentiel.api.router")
api.add_router("/poles/", "ptce.public.api_poles.router")
api.add_router("/territoires/", "ptce.public.api_territories.router")
api.add_router("/chiffres", "ptce.public.api_figures.router")
