"""Writes on the registry of organisations: one write path to create, one to update.

Rules applied to every write (the form and the admin check the same through
`Organisation.clean` and `organisation_duplicates`):

- Identifiers are normalised before anything else: SIRET → 14 digits ("732 829 320 00074" is
  accepted), RNA → "W" + 9 upper-case characters, NAF → "88.99B". An empty identifier is
  stored as NULL, so that uniqueness only applies to identifiers that are known.
- One organisation per SIRET and one per RNA number. A duplicate raises a `ValidationError`
  on the field, whose French message names the organisation already registered; nothing is
  written.
- Identifiers required by legal category (`models.identifier_errors`): an association needs a
  SIRET or an RNA number (or both); a natural person or a local authority may have neither;
  every other category needs a SIRET; only associations have an RNA number.
- `ess_quality` may only be set on a « société commerciale » (the other ESS categories are ESS
  by status, the rest cannot be): it is refused elsewhere, not silently dropped.
"""

import copy

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ptce.core.invalidation import organisation_changed
from ptce.core.versioning import check_version

from .models import Organisation
from .selectors import organisation_duplicates
from .validators import normalize_naf, normalize_rna, normalize_siret

EDITABLE_FIELDS = (
    "name",
    "legal_category",
    "siret",
    "rna",
    "ess_quality",
    "naf_code",
    "commune",
    "address",
    "headcount_band",
    "website",
)
_NORMALIZERS = {"siret": normalize_siret, "rna": normalize_rna, "naf_code": normalize_naf}
_IDENTIFIER_LABELS = {"siret": "ce SIRET", "rna": "ce numéro RNA"}


def duplicate_message(field: str, existing: Organisation) -> str:
    return (
        f"Une organisation est déjà enregistrée avec {_IDENTIFIER_LABELS[field]} : "
        f"« {existing.name} ». Une organisation ne s’enregistre qu’une fois : utilisez "
        "la fiche existante."
    )


@transaction.atomic
def organisation_create(
    *,
    name: str,
    legal_category: str,
    siret: str | None = None,
    rna: str | None = None,
    ess_quality: bool = False,
    naf_code: str = "",
    commune=None,
    address: str = "",
    headcount_band: str = "",
    website: str = "",
    created_by=None,
) -> Organisation:
    organisation = Organisation(created_by=created_by)
    _assign(
        organisation,
        {
            "name": name,
            "legal_category": legal_category,
            "siret": siret,
            "rna": rna,
            "ess_quality": ess_quality,
            "naf_code": naf_code,
            "commune": commune,
            "address": address,
            "headcount_band": headcount_band,
            "website": website,
        },
    )
    _validate_and_save(organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, version: int | None = None, **fields
) -> Organisation:
    """Change some of `EDITABLE_FIELDS`; on error the organisation is left as it was.
    `version`: the one the form was loaded from (EditConflict if stale)."""
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
    if unknown:
        raise TypeError(f"organisation_update() got unexpected fields: {', '.join(unknown)}")
    before = {name: getattr(organisation, name) for name in [*fields, "version"]}
    try:
        check_version(organisation, version)
        _assign(organisation, fields)
        _validate_and_save(organisation)
    except ValidationError:
        for name, value in before.items():
            setattr(organisation, name, value)
        raise
    return organisation


def organisation_changes(*, organisation: Organisation, **fields) -> dict:
    """The fields of `EDITABLE_FIELDS` whose value would change, normalised, after checking
    that `organisation_update` would accept them (ValidationError otherwise); nothing is
    written. Used to record a proposed change before anyone accepts it."""
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
    if unknown:
        raise TypeError(f"organisation_changes() got unexpected fields: {', '.join(unknown)}")
    candidate = copy.copy(organisation)
    _assign(candidate, fields)
    _raise_for_duplicates(candidate)
    candidate.full_clean()
    return {
        name: getattr(candidate, name)
        for name in fields
        if getattr(candidate, name) != getattr(organisation, name)
    }


def _assign(organisation: Organisation, fields: dict) -> None:
    values, errors = normalised_fields(fields)
    for name, value in values.items():
        setattr(organisation, name, value)
    if errors:
        raise ValidationError(errors)


def normalised_fields(fields: dict) -> tuple[dict, dict]:
    """(the values as stored, the French messages of those refused by their normaliser)."""
    values, errors = {}, {}
    for name, value in fields.items():
        if name in _NORMALIZERS:
            try:
                value = _NORMALIZERS[name](value)
            except ValidationError as error:
                errors[name] = error.messages
                continue
            if name != "naf_code":
                value = value or None  # NULL, so that the unique constraint ignores it
        elif isinstance(value, str):
            value = value.strip()
        values[name] = value
    return values, errors


def _validate_and_save(organisation: Organisation) -> None:
    _raise_for_duplicates(organisation)
    organisation.full_clean()
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        # Another request registered the same identifier since our check.
        _raise_for_duplicates(organisation)
        raise
    organisation_changed()


def _raise_for_duplicates(organisation: Organisation) -> None:
    duplicates = organisation_duplicates(
        siret=organisation.siret, rna=organisation.rna, exclude_pk=organisation.pk
    )
    if duplicates:
        raise ValidationError(
            {field: duplicate_message(field, existing) for field, existing in duplicates.items()}
        )
