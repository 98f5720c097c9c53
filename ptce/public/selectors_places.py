"""The places (lieux) of the published poles on the map, shown from zoom 9 on: those in the
area the map shows, for the map's filters, in two queries whatever their number.

A place stands at its own coordinates, else at its commune's (the demo's places, an address
not geocoded). The area is snapped outward to a grid by the page's script, so that neighbouring
views share their cached answer.
"""

import json

from django.db.models.functions import Coalesce
from django.urls import reverse

from ptce.core.invalidation import POLES
from ptce.poles.models import Place

from .cache import cached
from .filters import published_poles
from .selectors_map import SLUG_PLACEHOLDER, _filter_key

MAX_SPAN_DEGREES = 8.0  # a wide screen at zoom 9 shows about 5 degrees of longitude
MAX_PLACES = 2000


class AreaError(ValueError):
    """A missing or malformed `bbox` (its message is in French)."""


def parse_bbox(text: str | None) -> tuple[float, float, float, float]:
    """(south, west, north, east) from « south,west,north,east » in degrees."""
    try:
        south, west, north, east = (float(part) for part in (text or "").split(","))
    except ValueError:
        raise AreaError(
            "bbox : indiquez la zone « sud,ouest,nord,est » en degrés (ex. 42.5,1,43.5,2)."
        ) from None
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        raise AreaError("bbox : le sud doit être sous le nord et l’ouest avant l’est.")
    if north - south > MAX_SPAN_DEGREES or east - west > MAX_SPAN_DEGREES:
        raise AreaError(
            f"bbox : une zone de {MAX_SPAN_DEGREES:g} degrés de côté au plus "
            "(les lieux s’affichent à partir du zoom 9)."
        )
    return south, west, north, east


def place_rows(poles, bbox) -> list[dict]:
    """The places of `poles` (a queryset) within `bbox`, main places first, by pole then name;
    at most `MAX_PLACES`. Plain values: the place, its commune, its pole."""
    south, west, north, east = bbox
    places = (
        Place.objects.filter(pole_id__in=poles.values("pk"))
        .annotate(
            lat=Coalesce("latitude", "commune__latitude"),
            lon=Coalesce("longitude", "commune__longitude"),
        )
        .filter(lat__range=(south, north), lon__range=(west, east))
        .order_by("pole__name", "-is_main", "name", "pk")
        .values_list(
            "name",
            "address",
            "commune__name",
            "lat",
            "lon",
            "is_main",
            "is_public_access",
            "pole__name",
            "pole__slug",
        )  # fmt: skip
    )
    url = reverse("poles:detail", args=[SLUG_PLACEHOLDER])
    return [
        {
            "name": name,
            "address": address,
            "commune": commune,
            "lat": round(lat, 5),
            "lon": round(lon, 5),
            "main": is_main,
            "public": is_public,
            "pole": pole_name,
            "pole_url": url.replace(SLUG_PLACEHOLDER, slug),
        }
        for name, address, commune, lat, lon, is_main, is_public, pole_name, slug in places[
            :MAX_PLACES
        ]
    ]


def places_json(params):
    """(body, form): `/carte/lieux.json` for `params` (the map's filters and `bbox`), as UTF-8
    bytes cached by the filters and the area; raises `AreaError` for a bad `bbox`; body is
    None when a filter is invalid."""
    bbox = parse_bbox(params.get("bbox"))
    filters = params.copy()
    filters.pop("bbox", None)
    poles, form = published_poles(filters)
    if form.errors:
        return None, form

    def compute() -> bytes:
        rows = place_rows(poles, bbox)
        document = {"count": len(rows), "places": rows}
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()

    area = ",".join(f"{value:g}" for value in bbox)
    return cached("map-places", compute, _filter_key(form), area, scopes=(POLES,)), form
