"""Reads on the geography: lookups by code, postal code and name, on the database.

Names are matched on the stored `search_name` (see `text.normalize`), so the same queries run
on SQLite and PostgreSQL: case, accents, hyphens and apostrophes do not matter, "St"/"Ste"
equal "Saint"/"Sainte", and a query matches the start of a name or of any word in it. Results
are ranked: exact name, then start of the name, then start of a word; then by population.
Every search is bounded by `limit`.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Replace

from .models import Commune, Departement, Epci, Region
from .text import normalize, prefix_forms, region_name_forms, split_words

MAX_QUERY_LENGTH = 100
COMMUNE_CODE = re.compile(r"^(\d{2}|2[AB])\d{3}$")
DIGITS = re.compile(r"^\d{2,5}$")
CODE_PREFIX = re.compile(r"^(\d{1,4}|2[AB]\d{0,2})$")
DEPARTEMENT_CODE = re.compile(r"^(\d{2}|2[AB]|97\d)$")
DEPARTEMENT_TOKEN = re.compile(r"^(\d{1,3}|2[ab])$")
POSTAL_CODE = re.compile(r"^\d{5}$")
# Paris, Lyon and Marseille: SIRENE and other files use the codes of the arrondissements.
ARRONDISSEMENTS = [
    (range(75101, 75121), "75056"),
    (range(69381, 69390), "69123"),
    (range(13201, 13217), "13055"),
]
EPCI_PREFIXES = [
    ("communaute de communes", "cc"),
    ("communaute d agglomeration", "ca"),
    ("communaute urbaine", "cu"),
]


@dataclass
class CommuneQuery:
    """A free-text commune query, split into what it names and how it narrows."""

    name_forms: list[str] = field(default_factory=list)  # normalized prefixes of the name
    code: str = ""  # a 2 to 5 character INSEE or postal code (prefix)
    departement: str = ""  # "93", or "9" while typing
    postal_code: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.name_forms or self.code)


def parse_commune_query(text: str) -> CommuneQuery:
    """ "Saint-Denis (93)", "saint denis 974", "Toulouse 31000", "31000", "2A004"…"""
    text = (text or "")[:MAX_QUERY_LENGTH].strip()
    compact = text.replace(" ", "").upper()
    if COMMUNE_CODE.match(compact) or DIGITS.match(compact) or CODE_PREFIX.match(compact):
        return CommuneQuery(code=compact)
    words = split_words(text)
    query = CommuneQuery()
    if len(words) > 1 and POSTAL_CODE.match(words[-1]):
        query.postal_code = words.pop()
    if len(words) > 1 and DEPARTEMENT_TOKEN.match(words[-1]):
        query.departement = words.pop().upper()
        if len(words) > 1 and words[-1] in {"dep", "departement"}:
            words.pop()
    query.name_forms = prefix_forms(" ".join(words))
    return query


def arrondissement_parent(code: str) -> str:
    """The commune of an arrondissement municipal code (75108 → 75056), else the code itself."""
    if code.isdigit():
        for codes, parent in ARRONDISSEMENTS:
            if int(code) in codes:
                return parent
    return code


def _name_filter(forms: list[str]) -> Q:
    condition = Q()
    for form in forms:
        condition |= Q(search_name__startswith=form) | Q(search_name__contains=f" {form}")
    return condition


def _name_rank(forms: list[str]) -> Case:
    return Case(
        When(search_name__in=forms, then=Value(0)),
        *[When(search_name__startswith=form, then=Value(1)) for form in forms],
        default=Value(2),
        output_field=IntegerField(),
    )


def _by_population(queryset: QuerySet) -> QuerySet:
    return queryset.order_by("rank", F("population").desc(nulls_last=True), "name", "code")


def communes_matching(query: CommuneQuery) -> QuerySet:
    """All communes the query designates, ranked (slice it: it is not bounded)."""
    communes = Commune.objects.all()
    if query.code:
        code = query.code
        if len(code) == 5:
            codes = {code, arrondissement_parent(code)}
            condition = Q(code__in=codes) | Q(postal_codes__contains=code)
        else:
            condition = (
                Q(code__startswith=code)
                | Q(postal_codes__startswith=code)
                | Q(postal_codes__contains=f" {code}")
            )
        rank = Case(When(code=code, then=Value(0)), default=Value(1), output_field=IntegerField())
        return _by_population(communes.filter(condition).annotate(rank=rank))
    if not query.name_forms:
        return communes.none()
    condition = _name_filter(query.name_forms)
    single_words = [form for form in query.name_forms if " " not in form and len(form) >= 4]
    if single_words:
        # "lisle" finds "L'Isle-sur-la-Sorgue", "saintetienne" finds "Saint-Étienne".
        communes = communes.alias(squashed=Replace("search_name", Value(" "), Value("")))
        for form in single_words:
            condition |= Q(squashed__startswith=form)
    if query.departement:
        communes = communes.filter(departement__code__startswith=query.departement)
    if query.postal_code:
        communes = communes.filter(postal_codes__contains=query.postal_code)
    return _by_population(communes.filter(condition).annotate(rank=_name_rank(query.name_forms)))


def commune_search(text: str, *, limit: int = 20, related: bool = False) -> list[Commune]:
    """Communes for an autocomplete or a search page; `related` joins département, région and
    EPCI (one query either way)."""
    query = parse_commune_query(text)
    if query.is_empty:
        return []
    communes = communes_matching(query)
    if related:
        communes = communes.select_related("departement", "region", "epci")
    return list(communes[:limit])


def commune_by_code(code: str) -> Commune | None:
    """By INSEE code; arrondissements of Paris, Lyon and Marseille give their commune."""
    code = (code or "").strip().upper()
    if not COMMUNE_CODE.match(code):
        return None
    commune_code = arrondissement_parent(code)
    return Commune.objects.select_related("departement").filter(code=commune_code).first()


def communes_by_postal_code(postal_code: str, *, limit: int = 50) -> list[Commune]:
    postal_code = (postal_code or "").strip()
    if not POSTAL_CODE.match(postal_code):
        return []
    communes = Commune.objects.filter(postal_codes__contains=postal_code)
    return list(communes.order_by(F("population").desc(nulls_last=True), "name")[:limit])


def communes_named(name: str, *, departement: str = "", limit: int = 20) -> list[Commune]:
    """Communes whose name is exactly `name` (normalized), optionally in one département."""
    communes = Commune.objects.filter(search_name=normalize(name))
    if departement:
        communes = communes.filter(departement__code__startswith=departement.upper())
    return list(communes.order_by("departement_id", "code")[:limit])


def departement_search(text: str, *, limit: int = 10) -> list[Departement]:
    """By code ("31", "2A", "974", or its start) or by name."""
    text = (text or "")[:MAX_QUERY_LENGTH].strip()
    code = text.upper()
    departements = Departement.objects.select_related("region")
    if CODE_PREFIX.match(code) or DEPARTEMENT_CODE.match(code):
        departements = departements.filter(code__startswith=code).order_by("code")
        return list(departements[:limit])
    forms = prefix_forms(text)
    if not forms:
        return []
    rank = _name_rank(forms)
    departements = departements.filter(_name_filter(forms)).annotate(rank=rank)
    return list(departements.order_by("rank", "code")[:limit])


def departement_by_code(code: str) -> Departement | None:
    code = (code or "").strip().upper()
    if not DEPARTEMENT_CODE.match(code):
        return None
    return Departement.objects.select_related("region").filter(code=code).first()


def epci_search(text: str, *, limit: int = 10) -> list[Epci]:
    """By SIREN (or its start, 3 digits or more) or by name ("CC", "CA", "CU" may be spelled
    out: "Communauté de communes du Perche")."""
    text = (text or "")[:MAX_QUERY_LENGTH].strip()
    if text.isdigit() and len(text) >= 3:
        return list(Epci.objects.filter(code__startswith=text).order_by("code")[:limit])
    normalized = normalize(text)
    for long_form, short_form in EPCI_PREFIXES:
        if normalized.startswith(long_form):
            text = short_form + normalized[len(long_form) :]
    forms = prefix_forms(text)
    if not forms:
        return []
    epcis = Epci.objects.filter(_name_filter(forms)).annotate(rank=_name_rank(forms))
    return list(_by_population(epcis)[:limit])


def region_search(text: str, *, limit: int = 10) -> list[Region]:
    """By code or by name, today's or a former one: "Midi-Pyrénées" gives Occitanie."""
    text = (text or "")[:MAX_QUERY_LENGTH].strip()
    if text.isdigit():
        return list(Region.objects.filter(code=text.zfill(2)))
    # « Midi-Pyrénées (ancienne région) », « Région Centre »: also without the words around.
    forms = list(dict.fromkeys([*prefix_forms(text), *region_name_forms(text)[1:]]))
    if not forms:
        return []
    condition = _name_filter(forms)
    for form in forms:
        condition |= Q(search_other_names__contains=f"|{form}")
    regions = Region.objects.filter(condition).annotate(rank=_name_rank(forms))
    return list(regions.order_by("rank", "name")[:limit])


def region_by_name(name: str) -> Region | None:
    """The région called `name` today or before 2016 ("Basse-Normandie" → Normandie), also as
    lists write it ("Midi-Pyrénées (ancienne région)", "Région Centre"); close spellings:
    `resolve.resolve_region`."""
    for form in region_name_forms(name or ""):
        condition = Q(search_name=form) | Q(search_other_names__contains=f"|{form}|")
        region = Region.objects.filter(condition).order_by("name").first()
        if region is not None:
            return region
    return None
