"""Tolerant lookups: the région, département, EPCI or commune a person or a spreadsheet most
likely meant by what they wrote.

A text resolves to one row (`Resolution.match`) when it designates exactly one, after
normalisation (case, accents, hyphens, « St »/« Ste », a leading or trailing article,
« (ancienne région) »…), homonyms being narrowed by the région or départements given (the
scope). Otherwise `Resolution.candidates` ranks what to offer: in the scope first, then the
homonyms, the longer official names that start with the text (« X » → « X-sur-Y »), and close
spellings (rapidfuzz, within the scope when there is one). Reads only, a few queries each:
the territory form calls them, and so will a bulk import.
"""

import re
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.db.models import Case, F, IntegerField, Q, Value, When
from rapidfuzz import fuzz, process

from .models import Commune, Departement, Epci, Region
from .selectors import (
    COMMUNE_CODE,
    DEPARTEMENT_CODE,
    EPCI_PREFIXES,
    MAX_QUERY_LENGTH,
    POSTAL_CODE,
    commune_by_code,
    parse_commune_query,
)
from .text import article_forms, normalize, region_name_forms, without_article

T = TypeVar("T")
MAX_CANDIDATES = 8
CLOSE_SCORE = 80  # rapidfuzz ratio (0–100) from which a name is offered as a close spelling
FUZZY_POOL = 8000  # names compared at most, when no scope narrows them
# Words too common in EPCI names to point at one: « CC du Pays de … », « Cœur de … ».
_COMMON = """cc ca cu de du des d l la le les et en sur sous pays grand grande terres terre coeur
val vallee vallees portes porte plaine plateau monts mont haut haute hautes bassin rives rive region
communaute agglomeration agglo metropole communes intercommunale saint sainte lac lacs cote cotes
entre nord sud est ouest centre"""
EPCI_COMMON_WORDS = frozenset(_COMMON.split())


@dataclass
class Resolution(Generic[T]):
    text: str
    match: T | None = None
    candidates: list[T] = field(default_factory=list)  # ranked, when there is no match
    outside_scope: bool = False  # the match lies outside the région or départements given


@dataclass(frozen=True)
class Scope:
    """Where the text is expected: départements rank first, then their régions and `region`."""

    departements: frozenset = frozenset()
    regions: frozenset = frozenset()

    def __bool__(self) -> bool:
        return bool(self.departements or self.regions)

    def rank(self) -> Case:
        """0 in a département of the scope, 1 in one of its régions, 2 elsewhere."""
        whens = []
        if self.departements:
            whens.append(When(departement_id__in=self.departements, then=Value(0)))
        if self.regions:
            whens.append(When(region_id__in=self.regions, then=Value(1)))
        return Case(*whens, default=Value(2), output_field=IntegerField())

    def communes(self):
        """The communes of the narrowest level given (départements, else régions)."""
        if self.departements:
            return Commune.objects.filter(departement_id__in=self.departements)
        return Commune.objects.filter(region_id__in=self.regions)


def scope_of(*, region=None, departements=()) -> Scope:
    """`region`: a Region or None; `departements`: Departement rows."""
    regions = {d.region_id for d in departements}
    if region is not None:
        regions.add(region.pk)
    return Scope(frozenset(d.pk for d in departements), frozenset(regions))


def _clean(text) -> str:
    return " ".join(str(text or "").split())[:MAX_QUERY_LENGTH]


def _ranked(rows: list, limit: int = MAX_CANDIDATES) -> list:
    """By place in the scope, then exact name, longer name, close spelling, then population."""
    seen, ranked = set(), []
    key = lambda c: (c.place_rank, c.match_quality, -(c.population or 0), c.pk)  # noqa: E731
    for row in sorted(rows, key=key):
        if row.pk not in seen:
            seen.add(row.pk)
            ranked.append(row)
    return ranked[:limit]


def _tagged(rows, quality: int) -> list:
    for row in rows:
        row.match_quality = quality
    return list(rows)


def resolve_commune(text, *, region=None, departements=()) -> Resolution[Commune]:
    """A commune by INSEE or postal code, or by name: « St Girons », « Mans (Le) »,
    « Saint-Denis (93) »; homonyms ranked by the scope, a typo gets close spellings."""
    text = _clean(text)
    result = Resolution(text)
    query = parse_commune_query(text)
    scope = scope_of(region=region, departements=departements)
    communes = Commune.objects.select_related("departement").annotate(place_rank=scope.rank())
    if query.code:
        if COMMUNE_CODE.match(query.code) and (commune := commune_by_code(query.code)):
            result.match = commune
        elif POSTAL_CODE.match(query.code):
            found = communes.filter(postal_codes__contains=query.code)
            found = _tagged(found.order_by(F("population").desc(nulls_last=True))[:50], 0)
            if len(found) == 1:
                result.match = found[0]
            result.candidates = [] if result.match else _ranked(found)
        return result
    if not query.name_forms:
        return result
    if query.departement:  # written in the text: « Saint-Denis (93) »
        communes = communes.filter(departement__code__startswith=query.departement)
    if query.postal_code:
        communes = communes.filter(postal_codes__contains=query.postal_code)
    key = query.name_forms[0]
    forms = article_forms(key)
    exact = _tagged(communes.filter(search_name__in=forms)[:50], 0)
    longer_names = Q()
    for form in forms:
        longer_names |= Q(search_name__startswith=f"{form} ")
    longer = communes.filter(longer_names).order_by(
        "place_rank", F("population").desc(nulls_last=True)
    )
    longer = _tagged(longer[:MAX_CANDIDATES], 1)
    if exact:
        best = min(c.place_rank for c in exact)
        top = [c for c in exact if c.place_rank == best]
        if len(top) == 1 and not any(c.place_rank < best for c in longer):
            result.match, result.outside_scope = top[0], bool(scope) and best == 2
            return result
        result.candidates = _ranked(exact + longer)
        return result
    result.candidates = _ranked(longer + _close_communes(key, communes, scope))
    return result


def _close_communes(key: str, communes, scope: Scope) -> list[Commune]:
    """Close spellings of `key`, within the scope first, else among the names that start with
    the same letter (articles aside)."""
    bare = without_article(key)
    pools = [scope.communes()] if scope else []
    first = Q()
    for form in article_forms(bare[:1]):
        first |= Q(search_name__startswith=form)
    pools.append(Commune.objects.filter(first))
    for pool in pools:
        names = dict(pool.values_list("code", "search_name")[:FUZZY_POOL])
        choices = {code: without_article(name) for code, name in names.items()}
        found = process.extract(
            bare, choices, scorer=fuzz.ratio, score_cutoff=CLOSE_SCORE, limit=MAX_CANDIDATES
        )
        if found:
            return _tagged(communes.filter(code__in=[code for _, _, code in found]), 2)
    return []


def _epci_key(text: str) -> str:
    key = normalize(text)
    for long_form, short_form in EPCI_PREFIXES:
        if key.startswith(long_form):
            key = short_form + key[len(long_form) :]
    return key


def _epci_core(key: str) -> str:
    """The distinctive part of an EPCI's name: "cc du pays de fayence" → "pays de fayence"."""
    words = key.split()
    if words and words[0] in {"cc", "ca", "cu"}:
        words = words[1:]
    while len(words) > 1 and words[0] in {"de", "du", "des", "d", "l", "la", "le", "les"}:
        words = words[1:]
    return " ".join(words)


def _epcis_in_scope(scope: Scope) -> set[str]:
    if not scope:
        return set()
    return set(scope.communes().exclude(epci=None).values_list("epci_id", flat=True).distinct())


def _epci_rows(codes: list[str], in_scope: set[str], quality: dict[str, int]) -> list[Epci]:
    rows = list(Epci.objects.filter(code__in=codes))
    for epci in rows:
        epci.place_rank = 0 if epci.pk in in_scope else 2
        epci.match_quality = quality[epci.pk]
    return _ranked(rows)


def resolve_epci(text, *, region=None, departements=()) -> Resolution[Epci]:
    """An EPCI by SIREN or by name: « Communauté de communes du Perche », « CC Perche »,
    « Perche »; close spellings otherwise, those of the scope first."""
    text = _clean(text)
    result = Resolution(text)
    if re.fullmatch(r"\d{9}", text.replace(" ", "")):
        result.match = Epci.objects.filter(code=text.replace(" ", "")).first()
        return result
    key = _epci_key(text)
    core = _epci_core(key)
    if not core:
        return result
    names = dict(Epci.objects.values_list("code", "search_name"))
    cores = {code: _epci_core(name) for code, name in names.items()}
    in_scope = _epcis_in_scope(scope_of(region=region, departements=departements))
    quality = {code: 0 for code, name in names.items() if key == name or core == cores[code]}
    if quality:
        top = [code for code in quality if code in in_scope] or list(quality)
        if len(top) == 1:
            result.match = Epci.objects.get(code=top[0])
            result.outside_scope = bool(in_scope) and top[0] not in in_scope
            return result
    for code, name_core in cores.items():
        if code not in quality and f" {name_core} ".startswith(f" {core} "):
            quality[code] = 1
    found = process.extract(
        core, cores, scorer=fuzz.ratio, score_cutoff=CLOSE_SCORE, limit=MAX_CANDIDATES
    )
    for _, _, code in found:
        quality.setdefault(code, 2)
    result.candidates = _epci_rows(list(quality), in_scope, quality)
    return result


def resolve_departement(text) -> Resolution[Departement]:
    """A département by code (« 31 », « 2A », « 9 » for 09) or by name, with close spellings."""
    text = _clean(text)
    result = Resolution(text)
    departements = Departement.objects.select_related("region")
    code = text.replace(" ", "").upper()
    if code.isdigit() and len(code) == 1:
        code = code.zfill(2)
    if DEPARTEMENT_CODE.match(code):
        result.match = departements.filter(code=code).first()
        return result
    key = re.sub(r"\s*\(?\b(\d{2,3}|2[ab])\)?$", "", normalize(text))  # « Ariège (09) »
    rows = {d.code: d for d in departements}
    for departement in rows.values():
        if departement.search_name in article_forms(key):
            result.match = departement
            return result
    choices = {c: without_article(d.search_name) for c, d in rows.items()}
    found = process.extract(
        without_article(key), choices, scorer=fuzz.ratio, score_cutoff=CLOSE_SCORE, limit=5
    )
    result.candidates = [rows[code] for _, _, code in found]
    return result


def resolve_region(text) -> Resolution[Region]:
    """Today's région for its code, its name or a former one, as lists write them:
    « Midi-Pyrénées (ancienne région) », « Region Centre », « ex-Limousin » → Occitanie,
    Centre-Val de Loire, Nouvelle-Aquitaine; close spellings otherwise."""
    text = _clean(text)
    result = Resolution(text)
    regions = {region.code: region for region in Region.objects.all()}
    if text.isdigit():
        result.match = regions.get(text.zfill(2))
        return result
    names: dict[tuple[str, int], str] = {}
    for region in regions.values():
        others = [name for name in region.search_other_names.split("|") if name]
        for i, name in enumerate([region.search_name, *others]):
            names[(region.code, i)] = name
    for form in region_name_forms(text):
        for (code, _), name in names.items():
            if name == form:
                result.match = regions[code]
                return result
    for form in region_name_forms(text)[-1:]:
        found = process.extract(form, names, scorer=fuzz.ratio, score_cutoff=CLOSE_SCORE)
        codes = dict.fromkeys(code for _, _, (code, _) in found)
        result.candidates = [regions[code] for code in codes]
    return result


def territory_suggestions(text, *, region=None, departements=()) -> list[Epci | Commune]:
    """The EPCI and communes a free text names (« CC du Couserans, à St-Girons »): EPCI whose
    name, or its first distinctive word, is in the text, then communes whose whole name is, the
    scope's first. For a person to choose: never applied as they are."""
    padded = f" {_epci_key(_clean(text))} "
    scope = scope_of(region=region, departements=departements)
    in_scope = _epcis_in_scope(scope)
    quality = {}
    for code, name in Epci.objects.values_list("code", "search_name"):
        core = _epci_core(name)
        distinctive = [w for w in core.split() if len(w) >= 4 and w not in EPCI_COMMON_WORDS]
        if f" {core} " in padded or f" {name} " in padded:
            quality[code] = 0
        elif distinctive and f" {distinctive[0]} " in padded:
            quality[code] = 1
    epcis = _epci_rows(list(quality), in_scope, quality)
    pool = scope.communes() if scope else Commune.objects.all()
    min_length = 4 if scope else 5
    named = [
        code
        for code, name in pool.values_list("code", "search_name")
        if len(name) >= min_length and f" {name} " in padded
    ]
    communes = Commune.objects.select_related("departement").annotate(place_rank=scope.rank())
    communes = _tagged(communes.filter(code__in=named), 0)
    # The longest name first: « Saint-Girons » rather than « Girons ».
    communes.sort(key=lambda c: (c.place_rank, -len(c.search_name), -(c.population or 0)))
    return [*epcis, *communes][:MAX_CANDIDATES]
