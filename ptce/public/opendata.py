"""The open data: published poles (CSV, JSON, GeoJSON) and their member organisations (CSV).

The columns of each CSV are the fields of its Table Schema (`data/schemas/<name>.json`, the
one source of truth, copied in `docs/opendata/schemas/`): the writer follows the schema's
order and fails loudly on a field it does not know. Published, non-personal data only: no
person, no e-mail, no phone, and no organisation that is a natural person (its name is a
person's name). Each builder costs a fixed number of queries, whatever the number of poles,
and reads plain rows (`values()`), not model instances: 2,000 poles take tens of ms.
"""

import csv
import io
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from ptce.organisations.models import LegalCategory, is_ess
from ptce.poles.models import Membership, Pole, PoleForm, Stage

# The map's point (main place, else first place or its commune, else the centre of the
# territory), so that the map and the files always agree. Private there for now: see the
# report to the lead (a public name is asked for).
from .selectors_map import pole_point as map_point

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


def _pole_url_maker():
    """A fast `pole_url` for many poles: one `reverse`, then a replacement per pole."""
    template = pole_url(SLUG_PLACEHOLDER)
    return lambda slug: template.replace(SLUG_PLACEHOLDER, slug)


# Poles -------------------------------------------------------------------------------------


def _members_count():
    counts = (
        Membership.objects.current()
        .filter(pole=OuterRef("pk"))
        .order_by()
        .values("pole")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


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


def _lists(through, value: str, poles, order: tuple[str, ...]) -> dict[int, list]:
    """pole id → [`value` of its related rows], for the poles of the queryset `poles`."""
    rows = through.objects.filter(pole__in=poles).order_by(*order).values_list("pole_id", value)
    lists: dict[int, list] = {}
    for pole_id, item in rows:
        lists.setdefault(pole_id, []).append(item)
    return lists


def pole_records(poles, *, start: int = 0, stop: int | None = None, extra=()) -> list[dict]:
    """The published poles of `poles` (or the slice `start:stop` of them, by name) as open-data
    records, in three queries whatever their number: the poles (with the map's point and
    their member count), their filières, their départements. `extra`: more fields."""
    located = poles.annotate(
        map_latitude=map_point("latitude"),
        map_longitude=map_point("longitude"),
        members_count=_members_count(),
    ).order_by("name", "pk")
    rows = list(located.values(*POLE_VALUES, *extra)[start:stop])
    if start or stop is not None:
        poles = Pole.objects.filter(pk__in=[row["pk"] for row in rows])
    else:
        poles = poles.order_by().values("pk")
    sectors = _lists(Pole.sectors.through, "sector__name", poles, ("sector__position", "pk"))
    departements = _lists(
        Pole.covered_departements.through, "departement_id", poles, ("departement_id",)
    )
    url = _pole_url_maker()
    return [
        {
            **pole_record(row, sectors.get(row["pk"], []), departements.get(row["pk"], []), url),
            **{field: row[field] for field in extra},
        }
        for row in rows
    ]


def pole_record(row: dict, sectors: list[str], departements: list[str], url=pole_url) -> dict:
    """One pole as open data: typed values (lists, booleans, numbers, None)."""
    latitude, longitude = row["map_latitude"], row["map_longitude"]
    located = latitude is not None and longitude is not None
    return {
        "slug": row["slug"],
        "nom": row["name"],
        "resume": row["summary"],
        "region_code": row["region__code"],
        "region": row["region__name"],
        "departements": departements,
        "filieres": sectors,
        "forme": row["form"] or None,
        "forme_libelle": PoleForm(row["form"]).label if row["form"] else None,
        "etape": row["stage"],
        "etape_libelle": Stage(row["stage"]).label,
        "annee_creation": row["creation_year"],
        "signataire_charte": row["charter_signed_on"] is not None,
        "date_signature_charte": (
            row["charter_signed_on"].isoformat() if row["charter_signed_on"] else None
        ),
        "latitude": round(latitude, COORDINATE_DIGITS) if located else None,
        "longitude": round(longitude, COORDINATE_DIGITS) if located else None,
        "site_internet": row["website"] or None,
        "url": url(row["slug"]),
        "nombre_membres": row["members_count"],
    }


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(map(str, value))
    return str(value)


def to_csv(name: str, records: list[dict]) -> str:
    """Records as CSV text (UTF-8 once encoded, comma, header row), columns in schema order."""
    columns = field_names(name)
    unknown = set(columns) - set(records[0]) if records else set()
    if unknown:
        raise KeyError(f"Colonnes du schéma « {name} » sans valeur : {sorted(unknown)}")
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_csv_value(record[column]) for column in columns])
    return output.getvalue()


def poles_csv(poles) -> str:
    return to_csv("poles", pole_records(poles))


def poles_json(poles) -> str:
    document = {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "source": settings.SITE_URL,
        "schema": settings.SITE_URL + reverse("public:data_schema", args=["poles"]),
        "poles": pole_records(poles),
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def poles_geojson(poles) -> str:
    """An RFC 7946 FeatureCollection: one Point [longitude, latitude] per located pole (a pole
    without any coordinates is left out; poles.csv lists it)."""
    features = []
    for record in pole_records(poles):
        longitude, latitude = record.pop("longitude"), record.pop("latitude")
        if longitude is None or latitude is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": record["slug"],
                "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
                "properties": record,
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


# Organisations -----------------------------------------------------------------------------


MEMBERSHIP_VALUES = (
    "pole__slug",
    "pole__name",
    "organisation__name",
    "organisation__siret",
    "organisation__legal_category",
    "organisation__ess_quality",
    "role",
    "organisation__commune__code",
    "organisation__commune__name",
)


def organisation_records(poles) -> list[dict]:
    """Current memberships of `poles` as open data, natural persons left out, in one query."""
    rows = (
        Membership.objects.current()
        .filter(pole__in=poles.order_by().values("pk"))
        .exclude(organisation__legal_category__in=PRIVATE_CATEGORIES)
        .order_by("pole__name", "pole__slug", "organisation__name", "organisation__pk")
        .values(*MEMBERSHIP_VALUES)
    )
    return [organisation_record(row) for row in rows]


def organisation_record(row: dict) -> dict:
    category = row["organisation__legal_category"]
    return {
        "pole_slug": row["pole__slug"],
        "pole_nom": row["pole__name"],
        "organisation": row["organisation__name"],
        "siret": row["organisation__siret"] or None,
        "categorie": category,
        "categorie_libelle": LegalCategory(category).label,
        "ess": is_ess(category, row["organisation__ess_quality"]),
        "role": row["role"],
        "commune_code": row["organisation__commune__code"],
        "commune": row["organisation__commune__name"],
    }


def organisations_csv(poles) -> str:
    return to_csv("organisations", organisation_records(poles))


# The downloads, as listed on /donnees/ and written by `opendata_export`.
DOWNLOADS = (
    {
        "filename": "poles.csv",
        "url_name": "public:data_poles_csv",
        "title": "Pôles publiés (CSV)",
        "description": "Un pôle par ligne : identité, territoire, filières, forme, étape, "
        "charte, coordonnées, nombre de membres.",
        "format": "CSV (UTF-8, séparateur virgule, ligne d’en-tête)",
        "schema": "poles",
        "content_type": "text/csv; charset=utf-8",
        "build": poles_csv,
    },
    {
        "filename": "poles.geojson",
        "url_name": "public:data_poles_geojson",
        "title": "Pôles publiés (GeoJSON)",
        "description": "Les pôles localisés, en points WGS 84 [longitude, latitude] "
        "(RFC 7946), avec les mêmes propriétés que le CSV.",
        "format": "GeoJSON (RFC 7946)",
        "schema": "",
        "content_type": "application/geo+json; charset=utf-8",
        "build": poles_geojson,
    },
    {
        "filename": "poles.json",
        "url_name": "public:data_poles_json",
        "title": "Pôles publiés (JSON)",
        "description": "Les mêmes données que le CSV, avec des listes et des valeurs typées.",
        "format": "JSON",
        "schema": "",
        "content_type": "application/json; charset=utf-8",
        "build": poles_json,
    },
    {
        "filename": "organisations.csv",
        "url_name": "public:data_organisations_csv",
        "title": "Organisations membres des pôles publiés (CSV)",
        "description": "Une ligne par adhésion en cours : pôle, organisation, SIRET, "
        "catégorie, ESS, commune. Jamais de personnes ni de coordonnées.",
        "format": "CSV (UTF-8, séparateur virgule, ligne d’en-tête)",
        "schema": "organisations",
        "content_type": "text/csv; charset=utf-8",
        "build": organisations_csv,
    },
)


def download(filename: str) -> dict | None:
    return next((item for item in DOWNLOADS if item["filename"] == filename), None)
