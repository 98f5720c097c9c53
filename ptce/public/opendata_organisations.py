"""The open data of the member organisations of published poles (organisations.csv and the
API's records), natural persons left out; the shared writers are in `opendata.py`."""

from collections.abc import Iterator

from ptce.core.exports import csv_text
from ptce.organisations.models import LegalCategory, is_ess
from ptce.poles.models import Membership

from .opendata import PRIVATE_CATEGORIES, _columns, _labels, field_names, records

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


def _memberships(poles):
    """Current memberships of `poles`, natural persons left out, as tuples of
    `MEMBERSHIP_VALUES`, in the files' order (one query)."""
    return (
        Membership.objects.current()
        .filter(pole__in=poles.order_by().values("pk"))
        .exclude(organisation__legal_category__in=PRIVATE_CATEGORIES)
        .order_by("pole__name", "pole__slug", "organisation__name", "organisation__pk")
        .values_list(*MEMBERSHIP_VALUES)
    )


def _ess_of() -> dict:
    """(legal category, ESS quality) → ESS, computed once for every pair."""
    return {
        (category, quality): is_ess(category, quality)
        for category in LegalCategory.values
        for quality in (False, True)
    }


def organisation_table(poles) -> dict:
    """Current memberships of `poles` as a table {field: column}, natural persons left out,
    in one query."""
    slugs, names, organisations, sirets, categories, qualities, roles, codes, communes = _columns(
        list(_memberships(poles)), len(MEMBERSHIP_VALUES)
    )
    ess = _ess_of()
    return {
        "pole_slug": slugs,
        "pole_nom": names,
        "organisation": organisations,
        "siret": [siret or None for siret in sirets],
        "categorie": categories,
        "categorie_libelle": list(map(_labels(LegalCategory).__getitem__, categories)),
        "ess": list(map(ess.__getitem__, zip(categories, qualities, strict=True))),
        "role": roles,
        "commune_code": codes,
        "commune": communes,
    }


def organisation_records(poles) -> list[dict]:
    """The records of `organisation_table`, one dict per membership (the API's)."""
    return records(organisation_table(poles))


STREAM_CHUNK = 2000  # memberships read per round trip while organisations.csv streams


def organisation_csv_rows(poles) -> Iterator[list]:
    """The rows of organisations.csv, in the schema's order, as `to_csv` writes them (« oui » /
    « non », None empty), read from the database STREAM_CHUNK at a time while they are
    written: the file is never whole in memory."""
    columns = field_names("organisations")
    ess, labels = _ess_of(), _labels(LegalCategory)
    for slug, name, organisation, siret, category, quality, role, code, commune in _memberships(
        poles
    ).iterator(chunk_size=STREAM_CHUNK):
        record = {
            "pole_slug": slug,
            "pole_nom": name,
            "organisation": organisation,
            "siret": siret or None,
            "categorie": category,
            "categorie_libelle": labels[category],
            "ess": "oui" if ess[category, quality] else "non",
            "role": role,
            "commune_code": code,
            "commune": commune,
        }
        yield [record[column] for column in columns]


def organisations_csv(poles, *, excel: bool = False) -> str:
    """The whole file (for `opendata_export`): the same rows as the streamed download."""
    return csv_text(field_names("organisations"), organisation_csv_rows(poles), excel=excel)
