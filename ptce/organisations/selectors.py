"""Reads on the registry of organisations: search, lookup by identifier, the detail page."""

import re

from django.core.exceptions import ValidationError
from django.db.models import Q

from ptce.territories.text import normalize

from .models import Organisation
from .validators import normalize_rna, normalize_siret

MAX_RESULTS = 50
_SEPARATORS = re.compile(r"[\s.\-\u00a0\u202f]+")
_RNA_LIKE = re.compile(r"W[0-9A-Z]{9}")


def organisation_search(
    query: str, *, limit: int = 20, visible: Q | None = None
) -> list[Organisation]:
    """Organisations whose name contains every word of `query` (accents and case ignored), or
    whose SIRET starts with the digits typed (a SIREN finds all its establishments), or whose
    RNA number is the one typed. At most `limit` results (never more than `MAX_RESULTS`);
    `visible` narrows them to what the searcher may know of."""
    limit = max(1, min(limit, MAX_RESULTS))
    condition = search_condition(query)
    if condition is None:
        return []
    organisations = Organisation.objects.filter(condition)
    if visible is not None:
        organisations = organisations.filter(visible)
    return list(organisations.select_related("commune").order_by("name", "pk")[:limit])


def search_condition(query: str) -> Q | None:
    """The filter behind `organisation_search` (also used by the admin), None for no query."""
    query = (query or "").strip()[:100]
    words = normalize(query).split()
    if not words:
        return None
    condition = Q()
    for word in words:
        condition &= Q(search_name__contains=word)
    compact = _SEPARATORS.sub("", query).upper()
    if compact.isdigit() and len(compact) >= 9:
        condition |= Q(siret__startswith=compact[:14])
    if _RNA_LIKE.fullmatch(compact):
        condition |= Q(rna=compact)
    return condition


def organisation_by_identifier(value: str) -> Organisation | None:
    """The organisation with this SIRET or RNA number, typed in any accepted form, or None."""
    for field, normalizer in (("siret", normalize_siret), ("rna", normalize_rna)):
        try:
            identifier = normalizer(value)
        except ValidationError:
            continue
        if identifier:
            return Organisation.objects.filter(**{field: identifier}).first()
    return None


def organisation_duplicates(*, siret=None, rna=None, exclude_pk=None) -> dict[str, Organisation]:
    """{"siret": <Organisation>, "rna": <Organisation>} for the identifiers already taken."""
    condition = Q(pk__in=[])
    if siret:
        condition |= Q(siret=siret)
    if rna:
        condition |= Q(rna=rna)
    if not (siret or rna):
        return {}
    found = {}
    for existing in Organisation.objects.filter(condition).exclude(pk=exclude_pk):
        if siret and existing.siret == siret:
            found["siret"] = existing
        if rna and existing.rna == rna:
            found["rna"] = existing
    return found
