"""« Près de » : the point a person means by a commune, a postal code or an address, resolved
offline against the official geography, and distances from it.

Distances are computed in Python (haversine) over the rows a bounding box lets through: the
same arithmetic on SQLite and PostgreSQL, and a box on two plain columns is cheap for both.
"""

import math
import re
from dataclasses import dataclass

from .resolve import resolve_commune

EARTH_RADIUS_KM = 6371.0
RADII_KM = (10, 25, 50, 100)
DEFAULT_RADIUS_KM = 25
_POSTAL_CODE = re.compile(r"\b(\d{5})\b")
# « 12 bis rue de la Paix, 31000 Toulouse »: the street goes, the commune stays.
_STREET = re.compile(r"^\s*\d+\s*(bis|ter)?\s*,?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Origin:
    latitude: float
    longitude: float
    label: str  # « Toulouse (31) », « votre position »


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(origin: Origin, radius_km: float) -> tuple[float, float, float, float]:
    """(south, west, north, east) holding every point within `radius_km` of `origin`."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    cos = max(math.cos(math.radians(origin.latitude)), 0.01)
    dlon = min(180.0, math.degrees(radius_km / (EARTH_RADIUS_KM * cos)))
    return (
        origin.latitude - dlat,
        origin.longitude - dlon,
        origin.latitude + dlat,
        origin.longitude + dlon,
    )


def _commune_origin(commune) -> Origin | None:
    if commune is None or commune.latitude is None or commune.longitude is None:
        return None
    return Origin(commune.latitude, commune.longitude, f"{commune.name} ({commune.departement_id})")


def resolve_origin(text: str) -> Origin | None:
    """The point of what a person wrote: « Toulouse », « 31000 », « Montpelier » (the closest
    spelling), « 12 rue de la Paix, 31000 Toulouse »; None when nothing fits."""
    text = " ".join(str(text or "").split())[:100]
    if not text:
        return None
    postal = _POSTAL_CODE.search(text)
    if postal and ("," in text or _STREET.match(text)):
        # An address: its postal code and, after it, the commune's name narrow the search.
        after = text[postal.end() :].strip(" ,")
        attempts = [f"{after} {postal.group(1)}" if after else postal.group(1), postal.group(1)]
    else:
        attempts = [text, text.rsplit(",", 1)[-1]]
    for attempt in attempts:
        found = resolve_commune(attempt)
        commune = found.match or (found.candidates[0] if found.candidates else None)
        if origin := _commune_origin(commune):
            return origin
    return None
