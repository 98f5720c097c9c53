"""Reads on the SIRENE copy: the search by name, SIRET or SIREN, as one types.

A name is looked up in two index-backed passes, the same on SQLite and PostgreSQL:
1. the names that start with what is typed (`search_name`, normalised), in name order;
2. then the names that contain every typed word as the start of one of their words
   (`SireneToken`), driven by the longest word, the others checked per candidate.
"""

import re

from django.db import connection
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Collate

from ptce.territories.text import normalize, prefix_forms

from .models import SireneToken, SireneUnit
from .words import MIN_TOKEN, STOP_WORDS, TOKEN_LENGTH

MAX_RESULTS = 20
MAX_QUERY = 100
_SEPARATORS = re.compile(r"[\s.\-\u00a0\u202f]+")


def _binary(field: str):
    """The field compared and sorted in byte order: SQLite's own; on PostgreSQL the "C"
    collation, whose indexes the migration creates (so the same results, in the same order)."""
    return F(field) if connection.vendor == "sqlite" else Collate(F(field), "C")


def _starts_with(field: str, text: str) -> Q:
    # A range rather than LIKE: SQLite's LIKE ignores case and so cannot use an index. Keys
    # are a-z, 0-9 and spaces only: the next code point after the last letter ends the range.
    upper = text[:-1] + chr(ord(text[-1]) + 1)
    return Q(**{f"{field}_c__gte": text, f"{field}_c__lt": upper})


def sirene_search(query: str, *, limit: int = 10) -> list[SireneUnit]:
    """Units whose SIREN or SIRET is the one typed (spaces accepted), or whose name matches."""
    limit = max(1, min(limit, MAX_RESULTS))
    query = (query or "").strip()[:MAX_QUERY]
    compact = _SEPARATORS.sub("", query)
    if compact.isdigit() and len(compact) in (9, 14):
        return list(
            SireneUnit.objects.filter(Q(siren=compact[:9]) | Q(siret=compact)).order_by("siren")[
                :limit
            ]
        )
    forms = [form for form in prefix_forms(query) if len(form) >= 2]
    if not forms:
        return []
    starts = Q()
    for form in forms:
        starts |= _starts_with("search_name", form)
    found = list(
        SireneUnit.objects.alias(search_name_c=_binary("search_name"))
        .filter(starts)
        .order_by("search_name_c", "siren")[:limit]
    )
    if len(found) < limit:
        found += _by_words(query, exclude={u.siren for u in found}, limit=limit - len(found))
    return found


def _by_words(query: str, *, exclude: set[str], limit: int) -> list[SireneUnit]:
    words = sorted(
        {w[:TOKEN_LENGTH] for w in normalize(query).split() if len(w) >= MIN_TOKEN} - STOP_WORDS,
        key=lambda w: (-len(w), w),
    )
    if not words:
        return []
    driver, *others = words
    tokens = SireneToken.objects.alias(token_c=_binary("token")).filter(
        _starts_with("token", driver)
    )
    for word in others:
        tokens = tokens.filter(
            Exists(
                SireneToken.objects.alias(token_c=_binary("token")).filter(
                    Q(unit_id=OuterRef("unit_id")), _starts_with("token", word)
                )
            )
        )
    if exclude:
        tokens = tokens.exclude(unit_id__in=exclude)
    sirens = list(
        dict.fromkeys(
            tokens.order_by("token_c", "unit_id").values_list("unit_id", flat=True)[: limit * 3]
        )
    )[:limit]
    units = SireneUnit.objects.in_bulk(sirens)
    return sorted(units.values(), key=lambda u: (u.search_name.encode(), u.siren))


def sirene_unit(siren: str) -> SireneUnit | None:
    siren = _SEPARATORS.sub("", siren or "")[:9]
    if not (siren.isdigit() and len(siren) == 9):
        return None
    return SireneUnit.objects.filter(siren=siren).first()


def sirene_unit_for_siret(siret: str | None) -> SireneUnit | None:
    """The unit whose head office has this SIRET (for « d’après SIRENE, état au … »)."""
    if not siret:
        return None
    return SireneUnit.objects.filter(siret=siret).first()
