"""The geography the demo content refers to (`data/geography.yaml`): a copy of the rows it needs
from the official geography (COG, see ptce/territories/data), so that tests can create just
these rows.

`manage.py demo_load` reads the loaded `Commune` rows; the coordinates here are only a fallback
for a commune loaded without any.
"""

from .content import POLES, organisations
from .files import read
from .spec import departement_code

_GEOGRAPHY = read("geography.yaml")
REGIONS: dict[str, str] = _GEOGRAPHY["regions"]
# code: (name, région)
DEPARTEMENTS: dict[str, tuple[str, str]] = {
    code: tuple(row) for code, row in _GEOGRAPHY["departements"].items()
}
# INSEE code: (name, latitude, longitude)
COMMUNES: dict[str, tuple[str, float, float]] = {
    code: tuple(row) for code, row in _GEOGRAPHY["communes"].items()
}


def required_commune_codes() -> list[str]:
    """Every commune the demo names: organisations, places and pole territories."""
    codes = {org.commune for org in organisations().values()}
    for pole in POLES:
        codes.update(place.commune for place in pole.places)
        codes.update(pole.territory.communes)
        codes.update(pole.territory.epci_of)
    return sorted(codes)


def required_departement_codes() -> list[str]:
    codes = {departement_code(code) for code in required_commune_codes()}
    for pole in POLES:
        codes.update(pole.territory.departements)
    return sorted(codes)
