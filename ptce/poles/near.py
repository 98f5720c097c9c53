"""Poles near a point: a pole is near by its stored map point (`location.py`) or by any of its
places (a tiers-lieu away from the pole's centre). A box on plain columns first, the exact
circle in Python (`ptce.territories.near`): the same on SQLite and PostgreSQL.
"""

from django.db.models import Exists, OuterRef, Q

from ptce.territories.near import Origin, bounding_box, haversine_km

from .models import Place


def near_condition(origin: Origin, radius_km: float) -> Q:
    """The poles whose point or one of whose places lies in the box around `origin`."""
    south, west, north, east = bounding_box(origin, radius_km)
    places = Place.objects.filter(
        pole=OuterRef("pk"), latitude__range=(south, north), longitude__range=(west, east)
    )
    return Q(map_latitude__range=(south, north), map_longitude__range=(west, east)) | Exists(places)


def places_near(poles, origin: Origin, radius_km: float | None) -> dict:
    """{pole id: [(lat, lon)…]} of the located places of `poles` (a queryset) in the box
    around `origin` (anywhere when `radius_km` is None). One query."""
    places = Place.objects.filter(
        pole_id__in=poles.values("pk"), latitude__isnull=False, longitude__isnull=False
    )
    if radius_km is not None:
        south, west, north, east = bounding_box(origin, radius_km)
        places = places.filter(latitude__range=(south, north), longitude__range=(west, east))
    grouped: dict = {}
    for pole_id, lat, lon in places.values_list("pole_id", "latitude", "longitude"):
        grouped.setdefault(pole_id, []).append((lat, lon))
    return grouped


def distance_km(origin: Origin, points) -> float | None:
    """The distance from `origin` to the nearest of `points`, None without any."""
    return min(
        (haversine_km(origin.latitude, origin.longitude, lat, lon) for lat, lon in points),
        default=None,
    )


def poles_by_distance(poles, origin: Origin, radius_km: float | None) -> list[tuple[int, float]]:
    """[(pole id, km)…] of `poles` (a queryset) within `radius_km` of `origin` (all located
    poles when None), nearest first, then by name. Two queries."""
    candidates = poles if radius_km is None else poles.filter(near_condition(origin, radius_km))
    rows = candidates.order_by().values_list("pk", "name", "map_latitude", "map_longitude")
    places = places_near(poles, origin, radius_km)
    found = []
    for pk, name, lat, lon in rows.distinct():
        points = list(places.get(pk, []))
        if lat is not None and lon is not None:
            points.append((lat, lon))
        km = distance_km(origin, points)
        if km is not None and (radius_km is None or km <= radius_km):
            found.append((km, name, pk))
    found.sort()
    return [(pk, round(km, 1)) for km, _name, pk in found]
