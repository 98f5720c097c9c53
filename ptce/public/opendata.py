"""The open data: published poles (CSV, JSON, GeoJSON) and their member organisations (CSV).

The columns of each CSV are the fields of its Table Schema (`data/schemas/<name>.json`, the
one source of truth, copied in `docs/opendata/schemas/`): the writer follows the schema's
order and fails loudly on a field it does not know. Published, non-personal data only: no
person, no e-mail, no phone, and no organisation that is a natural person (its name is a
person's name). Each builder costs a fixed number of queries, whatever the number of poles,
reads plain tuples (`values_list()`), never model instances, and writes its file in one pass:
CSV by the one export writer (`ptce.core.exports`, which neutralises formulas), JSON with the
`json` module (compact JSON: the C encoder).
"""

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from ptce.core.exports import csv_text
from ptce.organisations.models import LegalCategory
from ptce.poles.models import Pole, PoleForm, Stage
from ptce.poles.selectors import current_member_count

SCHEMAS_DIR = Path(__file__).parent / "data" / "schemas"
SCHEMA_NAMES = ("poles", "organisations")
LICENCE = "Licence Ouverte 2.0 (etalab-2.0)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
LIST_SEPARATOR = "|"
COORDINATE_DIGITS = 5  # about 1 m, as on the map
# A natural person's name is personal data: such members are never published.
PRIVATE_CATEGORIES = (LegalCategory.PERSONNE_PHYSIQUE,)
SLUG_PLACEHOLDER = "slug-du-pole"


@cache
def schema(name: str) -> dict:
    return json.loads((SCHEMAS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def schema_text(name: str) -> str:
    return (SCHEMAS_DIR / f"{name}.json").read_text(encoding="utf-8")


def field_names(name: str) -> list[str]:
    return [field["name"] for field in schema(name)["fields"]]


def pole_url(slug: str) -> str:
    return settings.SITE_URL + reverse("poles:detail", args=[slug])


def _pole_url_parts() -> tuple[str, str]:
    """(prefix, suffix) of every pole's URL, from one `reverse`: `prefix + slug + suffix`."""
    prefix, suffix = pole_url(SLUG_PLACEHOLDER).split(SLUG_PLACEHOLDER)
    return prefix, suffix


def _labels(choices) -> dict:
    return {value: str(label) for value, label in choices.choices}


# Poles -------------------------------------------------------------------------------------


POLE_VALUES = (
    "pk",
    "slug",
    "name",
    "summary",
    "region__code",
    "region__name",
    "form",
    "stage",
    "creation_year",
    "charter_signed_on",
    "website",
    "map_latitude",
    "map_longitude",
    "members_count",
)
# Columns written as lists (joined with « | » in CSV) and as booleans (« oui » / « non »).
POLE_LIST_FIELDS = ("departements", "filieres")
BOOLEAN_FIELDS = ("signataire_charte", "ess")


def _lists(through, value: str, poles, order: tuple[str, ...]) -> dict[int, list]:
    """pole id → [`value` of its related rows], for the poles of the queryset `poles`."""
    rows = through.objects.filter(pole__in=poles).order_by(*order).values_list("pole_id", value)
    lists: dict[int, list] = {}
    for pole_id, item in rows:
        if pole_id in lists:
            lists[pole_id].append(item)
        else:
            lists[pole_id] = [item]
    return lists


def _columns(rows: list[tuple], count: int) -> list[tuple]:
    """The columns of `rows` (`count` of them, empty when there is no row)."""
    return list(zip(*rows, strict=True)) or [()] * count


def pole_table(poles, *, start: int = 0, stop: int | None = None, extra=()) -> dict:
    """The published poles of `poles` (or the slice `start:stop` of them, by name) as a table
    {field: column} of typed values (lists, booleans, numbers, None): the
    `POLE_FIELDS`, then the `extra` fields. Three queries whatever their number: the poles
    (with the map's point and their member count), their filières, their départements; the
    values are computed column by column, not record by record."""
    # The map's stored point (`ptce/poles/location.py`): the map and the files agree.
    located = poles.annotate(members_count=current_member_count()).order_by("name", "pk")
    rows = list(located.values_list(*POLE_VALUES, *extra)[start:stop])
    (
        pks,
        slugs,
        names,
        summaries,
        region_codes,
        regions,
        forms,
        stages,
        creation_years,
        signatures,
        websites,
        latitudes,
        longitudes,
        members_counts,
        *extra_columns,
    ) = _columns(rows, len(POLE_VALUES) + len(extra))
    if start or stop is not None:
        poles = Pole.objects.filter(pk__in=pks)
    else:
        poles = poles.order_by().values("pk")
    sectors = _lists(Pole.sectors.through, "sector__name", poles, ("sector__position", "pk"))
    departements = _lists(
        Pole.covered_departements.through, "departement_id", poles, ("departement_id",)
    )
    form_labels = {**_labels(PoleForm), "": None, None: None}
    has_point = [
        lat is not None and lon is not None for lat, lon in zip(latitudes, longitudes, strict=True)
    ]
    url_prefix, url_suffix = _pole_url_parts()
    return {
        "slug": slugs,
        "nom": names,
        "resume": summaries,
        "region_code": region_codes,
        "region": regions,
        "departements": [departements.get(pk, []) for pk in pks],
        "filieres": [sectors.get(pk, []) for pk in pks],
        "forme": [form or None for form in forms],
        "forme_libelle": list(map(form_labels.__getitem__, forms)),
        "etape": stages,
        "etape_libelle": list(map(_labels(Stage).__getitem__, stages)),
        "annee_creation": creation_years,
        "signataire_charte": [signed_on is not None for signed_on in signatures],
        "date_signature_charte": [
            signed_on.isoformat() if signed_on else None for signed_on in signatures
        ],
        "latitude": [
            round(value, COORDINATE_DIGITS) if ok else None
            for value, ok in zip(latitudes, has_point, strict=True)
        ],
        "longitude": [
            round(value, COORDINATE_DIGITS) if ok else None
            for value, ok in zip(longitudes, has_point, strict=True)
        ],
        "site_internet": [website or None for website in websites],
        "url": [url_prefix + slug + url_suffix for slug in slugs],
        "nombre_membres": members_counts,
        **dict(zip(extra, extra_columns, strict=True)),
    }


def records(table: dict) -> list[dict]:
    """The rows of a table {field: column} as dicts."""
    fields = list(table)
    return [dict(zip(fields, row, strict=True)) for row in zip(*table.values(), strict=True)]


def _json(document) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def pole_records(poles, *, start: int = 0, stop: int | None = None, extra=()) -> list[dict]:
    """The records of `pole_table`, one dict per pole (the API's), `extra` fields last."""
    return records(pole_table(poles, start=start, stop=stop, extra=extra))


def poles_csv(poles, *, excel: bool = False) -> str:
    return to_csv("poles", pole_table(poles), excel=excel)


def poles_json(poles) -> str:
    """The licence, the source and the records (compact JSON: the C encoder, no indent)."""
    head = {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "source": settings.SITE_URL,
        "schema": settings.SITE_URL + reverse("public:data_schema", args=["poles"]),
    }
    return _json({**head, "poles": records(pole_table(poles))})


def poles_geojson(poles) -> str:
    """An RFC 7946 FeatureCollection: one Point [longitude, latitude] per located pole (a pole
    without any coordinates is left out; poles.csv lists it), its properties the record
    without its coordinates; as `json.dumps` writes the features' dicts."""
    features = [
        {
            "type": "Feature",
            "id": record["slug"],
            "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
            "properties": record,
        }
        for record in records(pole_table(poles))
        if (latitude := record.pop("latitude")) is not None
        and (longitude := record.pop("longitude")) is not None
    ]
    return _json({"type": "FeatureCollection", "features": features})


def to_csv(name: str, table: dict, *, excel: bool = False) -> str:
    """A table (see `pole_table`) as CSV text by the one export writer, standard flavour
    (UTF-8 once encoded, no BOM, comma, CRLF, header row; text a spreadsheet would run as a
    formula gets an apostrophe), columns in the order of the schema `name`, which must not hold
    a field the table lacks. Lists are joined with « | », booleans are « oui » / « non », None
    is empty. Built whole: the body is cached (and written to files by `opendata_export`)."""
    columns = field_names(name)
    unknown = set(columns) - set(table)
    if unknown:
        raise KeyError(f"Colonnes du schéma « {name} » sans valeur : {sorted(unknown)}")
    join = LIST_SEPARATOR.join
    texts = {}
    for column in columns:
        values = table[column]
        if column in POLE_LIST_FIELDS:
            values = [join(map(str, items)) for items in values]
        elif column in BOOLEAN_FIELDS:
            values = ["oui" if value else "non" for value in values]
        texts[column] = values
    rows = zip(*(texts[column] for column in columns), strict=True)
    return csv_text(columns, rows, excel=excel)
