"""Reads for the map of poles: one row per published pole, with the point where it stands.

A pole stands at its main place (else its first place) when that has coordinates, else at its
place's commune, else at the centre of its territory: the mean point of the communes it covers
(directly or through its EPCI), else of the communes of the départements it covers, else (a
pole placed at région level only, « territoire à préciser ») at its région's point. All of it
is computed by the database, in three queries whatever the number of poles.
"""

import json
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from django.db.models import F, Func, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from ptce.core.invalidation import POLES
from ptce.poles.models import Place, Pole, PoleForm, Stage
from ptce.territories.models import Commune

from .cache import cached
from .filters import published_poles

OUTLINES_FILE = (
    Path(__file__).resolve().parents[1] / "territories" / "data" / "departements-contours.geojson"
)
PLACE_ORDER = ("-is_main", "name", "pk")
SLUG_PLACEHOLDER = "slug-du-pole"


class Avg(Func):
    """AVG() as a plain function, so that a subquery over many rows yields one value without a
    GROUP BY (an aggregate would group by the outer reference)."""

    function = "AVG"


def _place_point(axis: str, field: str):
    """The `field` ("latitude" or "longitude") of the pole's first place, main first, among
    those where `axis` (the place's own coordinates or its commune's) is known on both axes."""
    places = Place.objects.filter(
        pole=OuterRef("pk"),
        **{f"{axis}latitude__isnull": False, f"{axis}longitude__isnull": False},
    ).order_by(*PLACE_ORDER)
    return Subquery(places.values(f"{axis}{field}")[:1])


def _mean_of_communes(communes, field: str):
    known = communes.filter(latitude__isnull=False, longitude__isnull=False).order_by()
    return Subquery(known.annotate(mean=Avg(F(field))).values("mean")[:1])


def _territory_point(field: str):
    """Mean `field` of the communes the pole covers, else of its départements' communes."""
    pole = OuterRef(OuterRef("pk"))
    territory_communes = Pole.territory_communes.through.objects.filter(pole_id=pole)
    territory_epcis = Pole.territory_epcis.through.objects.filter(pole_id=pole)
    covered = Pole.covered_departements.through.objects.filter(pole_id=pole)
    communes = Commune.objects.filter(
        Q(code__in=territory_communes.values("commune_id"))
        | Q(epci_id__in=territory_epcis.values("epci_id"))
    )
    in_departements = Commune.objects.filter(departement_id__in=covered.values("departement_id"))
    return Coalesce(_mean_of_communes(communes, field), _mean_of_communes(in_departements, field))


def pole_point(field: str):
    # The région is joined anyway (`located_poles` selects it): its point costs no query.
    return Coalesce(
        _place_point("", field),
        _place_point("commune__", field),
        _territory_point(field),
        F(f"region__{field}"),
    )


def located_poles(poles):
    """`poles` with `map_latitude` / `map_longitude` (None when nothing locates them), ordered
    by name. Also used by the open data (ptce/public/opendata.py): map and files agree."""
    return (
        poles.select_related("region")
        .annotate(map_latitude=pole_point("latitude"), map_longitude=pole_point("longitude"))
        .order_by("name", "pk")
    )


def _grouped(rows) -> dict:
    """{pole id: [values...]} from (pole id, value...) rows, in the rows' order."""
    groups: dict = {}
    for pole_id, *values in rows:
        groups.setdefault(pole_id, []).append(values[0] if len(values) == 1 else values)
    return groups


def map_rows(poles) -> list[dict]:
    """One plain dict per pole of `poles`, ordered by name (no personal data: names, places,
    territory). Three queries: the poles with their point and région, their filières, their
    départements; plain values, no model instances (2,000 poles in a few tens of ms)."""
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
    departements = _grouped(
        Pole.covered_departements.through.objects.filter(pole_id__in=ids)
        .order_by("departement_id")
        .values_list("pole_id", "departement_id", "departement__name")
    )
    forms, stages = dict(PoleForm.choices), dict(Stage.choices)
    url = reverse("poles:detail", args=[SLUG_PLACEHOLDER])
    rows = []
    for pk, name, slug, form, stage, region_code, region, latitude, longitude in located:
        is_located = latitude is not None and longitude is not None
        rows.append(
            {
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


def map_result(params):
    """(rows, form) for the query parameters `params`: the published poles matching the
    filters, cached by the filters in use; no rows when a filter is invalid."""
    poles, form = published_poles(params)
    if form.errors:
        return [], form
    return cached("map", lambda: map_rows(poles), _filter_key(form), scopes=(POLES,)), form


def map_data(rows: list[dict]) -> dict:
    """The JSON document of `/carte/donnees.json`."""
    fields = ("name", "slug", "url", "lat", "lon", "region", "sectors")
    return {
        "count": len(rows),
        "poles": [{field: row[field] for field in fields} for row in rows],
    }


def map_json(params):
    """(body, form): `/carte/donnees.json` for `params`, as UTF-8 bytes cached by the filters
    in use (a cached answer costs no serialisation); body is None when a filter is invalid."""
    poles, form = published_poles(params)
    if form.errors:
        return None, form

    def compute() -> bytes:
        document = map_data(map_rows(poles))
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()

    return cached("map-json", compute, _filter_key(form), scopes=(POLES,)), form


@cache
def outlines_geojson() -> bytes:
    """The département outlines shipped with the app (docs/data-sources.md), read once."""
    return OUTLINES_FILE.read_bytes()
