"""The map of poles: the page, its data, its embeddable version and its base layer.

All public (every visitor, logged in or not, sees the same published poles). The filters are
the GET parameters of `PublicPoleFilter`, so a filtered map is a shareable URL.
"""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET, require_safe

from ptce.core.invalidation import POLES
from ptce.core.pages_cache import public_response
from ptce.poles.directory_query import directory_query
from ptce.territories.near import RADII_KM

from .cache import TIMEOUT
from .selectors_map import (
    commune_outline_urls,
    map_json,
    map_result,
    nearest_rows,
    outlines_geojson,
)
from .selectors_places import AreaError, places_json

# The territories the map can be zoomed to: slug, name, bounds (south, west, north, east).
TERRITORIES = (
    ("metropole", "Métropole", (41.3, -5.2, 51.1, 9.6)),
    ("guadeloupe", "Guadeloupe", (15.8, -61.85, 16.55, -61.0)),
    ("martinique", "Martinique", (14.38, -61.25, 14.9, -60.8)),
    ("guyane", "Guyane", (2.1, -54.6, 5.8, -51.6)),
    ("la-reunion", "La Réunion", (-21.4, 55.2, -20.85, 55.85)),
    ("mayotte", "Mayotte", (-13.02, 44.98, -12.63, 45.3)),
)
OUTLINES_MAX_AGE = 24 * 60 * 60
LIST_PAGE_SIZE = 50


# Display only: the blank choice of the filter's lists reads as a choice, not as "---------".
# The map views only read, so they run without ATOMIC_REQUESTS' transaction: the page's script
# fetches the data and the list at the same time (one connection in live-server tests).


def _wider(request, form) -> str:
    """The page's address with the next radius, or "" at the widest."""
    wider = [km for km in RADII_KM if km > form.radius_km]
    if not wider:
        return ""
    params = request.GET.copy()
    params["radius"] = str(wider[0])
    return reverse("public:map") + "?" + params.urlencode()


def _context(request, rows, form) -> dict:
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    origin = getattr(form, "origin", None)
    # The list beside the map (its accessible twin), one page at a time: 2,000 poles made a
    # 900 kB page; the map itself reads the data file.
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "filter_form": form,
        "rows": rows,
        "page": Paginator(rows, LIST_PAGE_SIZE).get_page(request.GET.get("page")),
        "querystring": params.urlencode(),
        "origin": origin,
        "radius_km": form.radius_km,
        "nearest": nearest_rows(form) if origin is not None and not rows else [],
        "wider_url": _wider(request, form) if origin is not None and not rows else "",
        "located_count": sum(1 for row in rows if row["lat"] is not None),
        "saved_query": None,  # the map page's own (`_saveable`), not the embed's
        "query_words": "",
        "data_url": reverse("public:map_data") + suffix,
        "outlines_url": reverse("public:map_outlines"),
        "places_url": reverse("public:map_places") + suffix,
        # A pole's record in the API, its slug appended by map.js (the popup's details).
        "api_pole_url": reverse("api:pole", args=["slug"]).removesuffix("slug"),
        # {département: URL of its communes' outlines}, fetched by the map on zooming in.
        "commune_outline_urls": json.dumps(commune_outline_urls(), separators=(",", ":")),
        "map_url": reverse("public:map") + suffix,
        "embed_url": reverse("public:map_embed") + suffix,
        "tile_url": settings.PTCE_MAP_TILE_URL,
        "tile_attribution": settings.PTCE_MAP_TILE_ATTRIBUTION,
        "territories": [
            {"slug": slug, "name": name, "bounds": ",".join(map(str, bounds))}
            for slug, name, bounds in TERRITORIES
        ],
    }


@login_not_required
@require_GET
@transaction.non_atomic_requests
def map_view(request):
    rows, form = map_result(request.GET)
    context = _context(request, rows, form)
    if request.user.is_authenticated and not form.errors:
        context.update(_saveable(request.GET))
    response = render(request, "public/map.html", context)
    if settings.PTCE_MAP_TILE_URL:
        response["Content-Security-Policy"] = map_policy(embed=False)
    return response


# The map's filters the directory also has, by the directory's name; the others (form,
# charter, laureate) cannot be saved as a directory search.
AS_DIRECTORY = {"q": "q", "region": "region", "departement": "departement", "sector": "filiere"}
AS_DIRECTORY |= {"stage": "etape", "near": "near", "radius": "radius", "lat": "lat", "lon": "lon"}
MAP_ONLY = ("form", "charter", "laureate")


def _saveable(params) -> dict:
    """The map's search as a saved search of the directory (« Enregistrer cette recherche »),
    when the directory can run it."""
    if any(params.get(name) for name in MAP_ONLY):
        return {}
    query = directory_query({AS_DIRECTORY[k]: v for k, v in params.items() if k in AS_DIRECTORY})
    if query.near.errors:
        return {}
    return {"saved_query": query.canonical(), "query_words": query.describe()}


def _tile_origin() -> str:
    """The tile server's origin for the CSP ("{s}" subdomains as a wildcard), or ""."""
    parts = urlsplit(settings.PTCE_MAP_TILE_URL)
    if not (parts.scheme and parts.netloc):
        return ""
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


def map_policy(*, embed: bool) -> str:
    """The site's Content-Security-Policy, plus the tile server's images when a tile layer is
    configured, and for the embed: any site may frame it."""
    tiles = _tile_origin()
    directives = []
    for directive in filter(None, map(str.strip, settings.CONTENT_SECURITY_POLICY.split(";"))):
        name = directive.split()[0]
        if embed and name == "frame-ancestors":
            continue
        if tiles and name == "img-src":
            directive = f"{directive} {tiles}"
        directives.append(directive)
    if tiles and not any(d.startswith("img-src") for d in directives):
        directives.append(f"img-src 'self' data: {tiles}")
    if embed:
        directives.append("frame-ancestors *")
    return "; ".join(directives)


@login_not_required
@require_GET
@xframe_options_exempt
@transaction.non_atomic_requests
def map_embed(request):
    """The map alone, for an iframe on a partner's site (the rest of the site refuses frames)."""
    rows, form = map_result(request.GET)
    response = render(request, "public/map_embed.html", _context(request, rows, form))
    response["Content-Security-Policy"] = map_policy(embed=True)
    return response


def _filter_errors(form) -> dict:
    fields = {
        name: [str(message) for message in messages] for name, messages in form.errors.items()
    }
    labels = [
        f"{form.fields[name].label if name in form.fields else name} : {' '.join(messages)}"
        for name, messages in fields.items()
    ]
    return {"erreur": "Filtre invalide. " + " ; ".join(labels), "champs": fields}


@login_not_required
@require_safe  # HEAD too: answered like GET, from the cache as well
@transaction.non_atomic_requests
@public_response(lambda request, kwargs: (POLES,), seconds=TIMEOUT)
def map_data_view(request):
    """The markers of the map, as JSON: name, slug, url, lat, lon, région, filières."""
    body, form = map_json(request.GET)
    if body is None:
        return JsonResponse(
            _filter_errors(form), status=400, json_dumps_params={"ensure_ascii": False}
        )
    return HttpResponse(body, content_type="application/json")


@login_not_required
@require_GET
@transaction.non_atomic_requests
def map_outlines(request):
    """The département outlines (GeoJSON), the map's offline base layer."""
    response = HttpResponse(outlines_geojson(), content_type="application/geo+json")
    response["Cache-Control"] = f"public, max-age={OUTLINES_MAX_AGE}"
    return response


@login_not_required
@require_GET
@transaction.non_atomic_requests
def map_places_view(request):
    """The places of the filtered poles in the area `bbox` (from zoom 9), as JSON."""
    try:
        body, form = places_json(request.GET)
    except AreaError as error:
        return JsonResponse(
            {"erreur": str(error), "champs": {"bbox": [str(error)]}},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    if body is None:
        return JsonResponse(
            _filter_errors(form), status=400, json_dumps_params={"ensure_ascii": False}
        )
    return HttpResponse(body, content_type="application/json")
