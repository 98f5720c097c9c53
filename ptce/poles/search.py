"""Finding published poles by their words: every word as typed (accents and case aside) in the
name, the summary, a filière, a commune of the territory or of a place, then what the forgiving
search adds (`forgiving.py`). Shared by the site search, the map, the API and the directory.

Accents, case and punctuation are ignored on SQLite and PostgreSQL alike, with no
database-specific function: names are compared on their stored normalized copies
(`search_name`, see `ptce.territories.text.normalize`), the few filières are compared in
Python, and the free-text summary through a portable regular expression whose letters
accept their accented forms.
"""

import re

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When

from ptce.territories.text import normalize

from .forgiving import forgiving_pole_ids
from .models import Place, Pole, Sector

MIN_LENGTH = 2  # fewer significant characters: a message, no query on the data
MAX_QUERY_LENGTH = 100
MAX_WORDS = 8

# Each letter a normalized word may hold → the characters it stands for in free text, both
# cases listed so that the pattern needs no case-insensitive (locale-dependent) matching.
_LETTER_FORMS = {
    "a": "aàâäáãåAÀÂÄÁÃÅ",
    "c": "cçCÇ",
    "e": "eéèêëEÉÈÊË",
    "i": "iîïíìIÎÏÍÌ",
    "n": "nñNÑ",
    "o": "oôöóòõOÔÖÓÒÕ",
    "u": "uùûüúUÙÛÜÚ",
    "y": "yÿýYŸÝ",
}


def search_words(query: str) -> list[str]:
    """The normalized words of `query` (at most `MAX_WORDS`), or [] when it is too short."""
    words = normalize((query or "")[:MAX_QUERY_LENGTH]).split()[:MAX_WORDS]
    if len("".join(words)) < MIN_LENGTH:
        return []
    return words


def accent_pattern(word: str) -> str:
    """A regular expression finding the normalized `word` in text written with accents and
    capitals: "oeuvre" finds "Œuvre", "economie" finds "ÉCONOMIE" (POSIX and Python syntax)."""
    parts, index = [], 0
    while index < len(word):
        if word.startswith("oe", index):
            parts.append("(?:[oO][eE]|[œŒ])")
            index += 2
            continue
        letter = word[index]
        forms = _LETTER_FORMS.get(letter)
        if forms:
            parts.append(f"[{forms}]")
        elif letter.isalpha():
            parts.append(f"[{letter}{letter.upper()}]")
        else:
            parts.append(re.escape(letter))
        index += 1
    return "".join(parts)


def _matching_sectors(words: list[str]) -> dict[str, list[str]]:
    """{word: [slugs of the filières whose name contains it]}: the list is short reference data,
    read in one query and compared in Python."""
    sectors = [(slug, normalize(name)) for slug, name in Sector.objects.values_list("slug", "name")]
    return {word: [slug for slug, name in sectors if word in name] for word in words}


def _pole_word_condition(word: str, sector_slugs: list[str]) -> Q:
    communes = Pole.territory_communes.through.objects.filter(
        pole_id=OuterRef("pk"), commune__search_name__contains=word
    )
    epci_communes = Pole.territory_epcis.through.objects.filter(
        pole_id=OuterRef("pk"), epci__communes__search_name__contains=word
    )
    condition = (
        Q(search_name__contains=word)
        | Q(summary__regex=accent_pattern(word))
        | Exists(communes)
        | Exists(epci_communes)
        | Exists(Place.objects.filter(pole_id=OuterRef("pk"), commune__search_name__contains=word))
    )
    if sector_slugs:
        sectors = Pole.sectors.through.objects.filter(
            pole_id=OuterRef("pk"), sector_id__in=sector_slugs
        )
        condition |= Exists(sectors)
    return condition


def matching_poles(words: list[str]):
    """Published poles where every word is found in the name, the summary, a filière, a commune
    of the territory (listed, or in a listed EPCI) or the commune of a place; those whose name
    holds every word first."""
    sectors = _matching_sectors(words)
    poles = Pole.objects.published()
    name_matches = Q()
    for word in words:
        poles = poles.filter(_pole_word_condition(word, sectors[word]))
        name_matches &= Q(search_name__contains=word)
    # No word (a query of punctuation only): every pole ranks the same.
    rank = (
        Case(When(name_matches, then=Value(0)), default=Value(1), output_field=IntegerField())
        if words
        else Value(0, output_field=IntegerField())
    )
    return (
        poles.annotate(rank=rank)
        .select_related("region")
        .prefetch_related("sectors")
        .order_by("rank", "search_name", "name", "pk")
    )


def pole_ids(query: str, words: list[str]) -> list[int]:
    """The poles found: those holding every word first (as typed, accents aside), then those
    the forgiving search adds (close spellings, word order, members, nearby communes)."""
    exact = list(matching_poles(words).values_list("pk", flat=True))
    seen = set(exact)
    return exact + [pk for pk in forgiving_pole_ids(query) if pk not in seen]


def poles_in_order(ids: list[int]) -> list[Pole]:
    """The published poles of `ids`, in that order, with what a result shows (two queries).
    Published ones only: the forgiving index may be a few seconds older than a change."""
    poles = (
        Pole.objects.published().select_related("region").prefetch_related("sectors").in_bulk(ids)
    )
    return [poles[pk] for pk in ids if pk in poles]
