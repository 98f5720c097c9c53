"""Reads for the map of poles: one row per published pole, with the point where it stands
(stored on the pole, see `ptce/poles/location.py` for the rule), in three queries whatever the
number of poles.
"""

import json
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from django.templatetags.static import static
from django.urls import reverse

from ptce.core.invalidation import POLES
from ptce.poles.models import Pole, PoleForm, Stage
from ptce.poles.near import distance_km, places_near

from .cache import cached
from .filters import published_poles

OUTLINES_FILE = (
    Path(__file__).resolve().parents[1] / "territories" / "data" / "departements-contours.geojson"
)
# One static file per département (scripts/territories/build_commune_outlines.py).
COMMUNE_OUTLINES = (
    Path(__file__).resolve().parents[1] / "territories" / "static" / "territories" / "communes"
)
SLUG_PLACEHOLDER = "slug-du-pole"
NEAREST_COUNT = 5


def located_poles(poles):
    """`poles` ordered by name; their stored `map_latitude` / `map_longitude` (None when
    nothing locates them) are the one point of the map, the open data and the API."""
    return poles.select_related("region").order_by("name", "pk")


def _grouped(rows) -> dict:
    """{pole id: [values...]} from (pole id, value...) rows, in the rows' order."""
    groups: dict = {}
    for pole_id, *values in rows:
        groups.setdefault(pole_id, []).append(values[0] if len(values) == 1 else values)
    return groups


def map_rows(poles, *, with_departements: bool = True) -> list[dict]:
    """One plain dict per pole of `poles`, ordered by name (no personal data: names, places,
    territory). Three queries: the poles with their point and région, their filières, their
    départements (two without `with_departements`: the map's data file does not show them, and
    each row's list is then empty); plain values, no model instances (2,000 poles in a few
    tens of ms)."""
    ids = poles.values("pk")
    located = located_poles(poles).values_list(
        "pk",
        "name",
        "slug",
        "form",
        "stage",
        "region_id",
        "region__name",
        "map_latitude",
        "map_longitude",
    )
    sectors = _grouped(
        Pole.sectors.through.objects.filter(pole_id__in=ids)
        .order_by("sector__position", "sector__name")
        .values_list("pole_id", "sector__name")
    )
    departements = (
        _grouped(
            Pole.covered_departements.through.objects.filter(pole_id__in=ids)
            .order_by("departement_id")
            .values_list("pole_id", "departement_id", "departement__name")
        )
        if with_departements
        else {}
    )
    forms, stages = dict(PoleForm.choices), dict(Stage.choices)
    url = reverse("poles:detail", args=[SLUG_PLACEHOLDER])
    rows = []
    for pk, name, slug, form, stage, region_code, region, latitude, longitude in located:
        is_located = latitude is not None and longitude is not None
        rows.append(
            {
                "pk": pk,
                "name": name,
                "slug": slug,
                "url": url.replace(SLUG_PLACEHOLDER, slug),
                "lat": round(latitude, 5) if is_located else None,
                "lon": round(longitude, 5) if is_located else None,
                "region": region or "",
                "region_code": region_code or "",
                "departements": [
                    {"code": code, "name": dep_name} for code, dep_name in departements.get(pk, [])
                ],
                "sectors": sectors.get(pk, []),
                "form": forms.get(form, ""),
                "stage": stages.get(stage, ""),
            }
        )
    return rows


def _filter_key(form) -> str:
    return urlencode(sorted(form.active_filters().items()))


def by_distance(rows: list[dict], origin, radius_km: float | None, places=None) -> list[dict]:
    """The `rows` within `radius_km` of `origin` (all when None) by their point or one of
    their `places` ({pole id: [(lat, lon)…]}), nearest first, each with its `distance_km`
    (haversine, in Python: the same on every database)."""
    near = []
    for row in rows:
        points = list((places or {}).get(row["pk"], []))
        if row["lat"] is not None:
            points.append((row["lat"], row["lon"]))
        if not points:
            continue
        distance = distance_km(origin, points)
        if radius_km is None or distance <= radius_km:
            near.append({**row, "distance_km": round(distance, 1)})
    near.sort(key=lambda row: (row["distance_km"], row["name"]))
    return near


def _rows(poles, form, *, with_departements: bool = True) -> list[dict]:
    rows = map_rows(poles, with_departements=with_departements)
    if form.origin is not None:
        places = places_near(poles, form.origin, form.radius_km)
        rows = by_distance(rows, form.origin, form.radius_km, places)
    elif form.matching_ids is not None:  # most relevant first
        position = {pk: index for index, pk in enumerate(form.matching_ids)}
        rows.sort(key=lambda row: position[row["pk"]])
    return rows


def map_result(params):
    """(rows, form) for the query parameters `params`: the published poles matching the
    filters (nearest first with « près de »), cached by the filters in use; no rows when a
    filter is invalid."""
    poles, form = published_poles(params)
    if form.errors:
        return [], form
    return cached("map", lambda: _rows(poles, form), _filter_key(form), scopes=(POLES,)), form


def nearest_rows(form, count: int = NEAREST_COUNT) -> list[dict]:
    """When « près de » finds nothing: the `count` nearest poles matching the other filters,
    whatever their distance (one more query set, cached like the rest)."""
    if form.errors or form.origin is None:
        return []

    def compute():
        poles = form.filter(Pole.objects.published(), near=False).distinct()
        return by_distance(map_rows(poles), form.origin, None)[:count]

    return cached("map-nearest", compute, _filter_key(form), scopes=(POLES,))


def map_data(rows: list[dict]) -> dict:
    """The JSON document of `/carte/donnees.json`."""
    fields = ("name", "slug", "url", "lat", "lon", "region", "sectors", "distance_km")
    return {
        "count": len(rows),
        "poles": [{field: row[field] for field in fields if field in row} for row in rows],
    }


def map_json(params):
    """(body, form): `/carte/donnees.json` for `params`, as UTF-8 bytes cached by the filters
    in use (a cached answer costs no serialisation); body is None when a filter is invalid."""
    poles, form = published_poles(params)
    if form.errors:
        return None, form

    def compute() -> bytes:
        # `map_data` keeps no département: not read (one query less, 2,000 lists less).
        document = map_data(_rows(poles, form, with_departements=False))
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()

    return cached("map-json", compute, _filter_key(form), scopes=(POLES,)), form


@cache
def outlines_geojson() -> bytes:
    """The département outlines shipped with the app (docs/data-sources.md), read once."""
    return OUTLINES_FILE.read_bytes()


@cache
def _commune_outline_codes() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in COMMUNE_OUTLINES.glob("*.geojson")))


def commune_outline_urls() -> dict[str, str]:
    """{département code: the static URL of its communes' outlines} (hashed in production)."""
    return {
        code: static(f"territories/communes/{code}.geojson") for code in _commune_outline_codes()
    }
