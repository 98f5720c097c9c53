"""Many organisations created at once (a spreadsheet import): the rules of `organisation_create`
(normalised identifiers, `full_clean`, one organisation per SIRET and per RNA number, a history
row each), checked for the whole list in a few queries, written with `bulk_create`.

One by one, 50,000 rows took minutes: two uniqueness queries, a foreign-key query, an INSERT, a
history INSERT and a cache renewal after commit per row. Here: one query per 5,000 identifiers,
a few multi-row INSERTs (`ptce.core.bulk`), one cache renewal for the whole list.

`full_clean` on each instance took a third of what remained: a row whose values surely pass it
(`_surely_valid`, the same rules on the plain values) skips it and its instance is made
directly; any other row takes `full_clean`, which says what is wrong in its own words."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ptce.core.bulk import history_insert, insert_many, instance_maker
from ptce.core.invalidation import organisation_changed
from ptce.sirene.codes import HEADCOUNT_BANDS
from ptce.territories.text import search_key

from .models import LegalCategory, Organisation, identifier_errors
from .services import _assign, duplicate_message, normalised_fields

QUERY_CHUNK = 5000  # identifiers per IN (…): SQLite and psycopg cap a statement's parameters
_LABELS = {"siret": "Ce SIRET", "rna": "Ce numéro RNA"}


def chunks(values: list, size: int = QUERY_CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


class RowRefused(ValidationError):
    """The organisation at `index` in the list is refused; nothing is written."""

    def __init__(self, index: int, error: ValidationError):
        super().__init__(error.messages)
        self.index = index


@transaction.atomic
def organisation_bulk_create(*, rows: list[dict], created_by=None) -> list[Organisation]:
    """Create one organisation per dict of `organisation_create`'s fields, all or none
    (`RowRefused` names the first refused). The communes given must exist (they come from a
    lookup), so their foreign key is not queried again row by row."""
    organisations = []
    make = instance_maker(Organisation)
    for index, fields in enumerate(rows):
        values, errors = normalised_fields(fields)
        if not errors and (search_name := _surely_valid(values)):
            organisations.append(
                make({**values, "search_name": search_name, "created_by": created_by})
            )
            continue
        organisation = Organisation(created_by=created_by)
        try:
            _assign(organisation, fields)
            organisation.search_name = search_key(organisation.name)
            # Uniqueness below, for the whole list; the foreign keys are known rows; the
            # identifiers were normalised by `_assign`, which refuses what their validators would.
            organisation.full_clean(
                exclude=["commune", "created_by", "siret", "rna", "naf_code"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            raise RowRefused(index, error) from None
        organisations.append(organisation)
    _check_unique(organisations)
    try:
        with transaction.atomic():
            insert_many(Organisation, organisations)
    except IntegrityError:
        _check_unique(organisations)  # someone registered one of them meanwhile: say which
        raise
    history_insert(Organisation, organisations, user=created_by)
    organisation_changed()
    return organisations


_QUICK_FIELDS = frozenset(
    {
        "name",
        "legal_category",
        "siret",
        "rna",
        "naf_code",
        "commune",
        "address",
        "headcount_band",
        "website",
    }
)
_CATEGORIES = frozenset(LegalCategory.values)


def _surely_valid(values: dict) -> str:
    """The search key of an organisation with these normalised values if `full_clean` (as
    called above) surely accepts it; "" when in doubt. The same rules: a name of 1 to 200
    characters that leaves a search key, a known category, the identifiers it requires, an
    address within its length, an INSEE band, a valid site address (its field's own check)."""
    if not values.keys() <= _QUICK_FIELDS:
        return ""
    name, address = values.get("name"), values.get("address", "")
    if not (isinstance(name, str) and 0 < len(name) <= _max_length("name")):
        return ""
    if not (isinstance(address, str) and len(address) <= _max_length("address")):
        return ""
    category, band = values.get("legal_category"), values.get("headcount_band", "")
    if not (isinstance(category, str) and category in _CATEGORIES):
        return ""
    if not (isinstance(band, str) and (band == "" or band in _BANDS)):
        return ""
    if identifier_errors(category, values.get("siret"), values.get("rna")):
        return ""
    website = values.get("website", "")
    if website:
        if not isinstance(website, str):
            return ""
        try:
            Organisation._meta.get_field("website").clean(website, None)
        except ValidationError:
            return ""
    return search_key(name)


_BANDS = frozenset(HEADCOUNT_BANDS)


def _max_length(name: str) -> int:
    return Organisation._meta.get_field(name).max_length


def _check_unique(organisations: list[Organisation]) -> None:
    for field in ("siret", "rna"):
        seen: dict[str, int] = {}
        for index, organisation in enumerate(organisations):
            value = getattr(organisation, field)
            if value is None:
                continue
            if value in seen:
                message = f"{_LABELS[field]} figure déjà plus haut dans la liste."
                raise RowRefused(index, ValidationError({field: message}))
            seen[value] = index
        taken = {}
        for values in chunks(list(seen)):
            taken.update(
                (getattr(o, field), o)
                for o in Organisation.objects.filter(**{f"{field}__in": values}).only(
                    "pk", "name", field
                )
            )
        for value, index in seen.items():
            if value in taken:
                message = duplicate_message(field, taken[value])
                raise RowRefused(index, ValidationError({field: message}))
