"""A search that forgives: typos (one or two letters) and word order, on the names of published
poles, of their member organisations, of their filières, of the communes of their territory,
places and members, and of their EPCI; a commune also finds the poles near it.

Everything is compared in Python on normalised words (`ptce.territories.text.normalize`), with
rapidfuzz, over an index of the published poles' words cached until a pole or an organisation
changes, then rebuilt by a job: the same results on SQLite and PostgreSQL, no
database-specific function.
A domain read (not the web layer's): the site search, the map, the API and the directory use it.
Ranked by relevance (where the words were found, how closely), then distance, then name.
"""

import bisect
import itertools
import uuid

from django.core.cache import cache
from rapidfuzz import fuzz, process

from ptce.core import jobs
from ptce.core.invalidation import (
    LATEST_TIMEOUT,
    ORGANISATIONS,
    POLES,
    cached,
    refreshing,
)
from ptce.organisations.models import LegalCategory
from ptce.territories.near import Origin, haversine_km
from ptce.territories.resolve import resolve_commune
from ptce.territories.text import normalize

from .models import Membership, Place, Pole

CLOSE = 80  # rapidfuzz ratio (0–100) from which a word is a close spelling
MIN_FUZZY_LENGTH = 4  # shorter words: the word itself or a prefix, no close spelling
NEAR_KM = 25  # a commune searched finds the poles within this distance
MAX_WORDS = 8
STOP_WORDS = frozenset(
    [
        "pole",
        "poles",
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l",
        "d",
        "et",
        "en",
        "a",
        "au",
        "aux",
        "sur",
        "pour",
    ]
)
# Where a word was found, most relevant first.
NAME, SECTOR, ORGANISATION, PLACE = 0, 1, 1, 2
NEAR = 3


def _words(text: str) -> list[str]:
    return normalize(text or "").split()


def build_index() -> dict:
    """{"words": {word: [(pole id, rank)…]}, "vocabulary": [word…] sorted, "poles": {pole id:
    (search name, lat, lon)}} for the
    published poles: seven queries, plain values."""
    published = Pole.objects.published()
    ids = published.values("pk")
    current = Membership.objects.current().filter(pole_id__in=ids)
    members = current.exclude(organisation__legal_category=LegalCategory.PERSONNE_PHYSIQUE)
    sources = (
        (NAME, published.values_list("pk", "search_name")),
        (SECTOR, Pole.sectors.through.objects.filter(pole_id__in=ids).values_list(
            "pole_id", "sector__name")),
        (ORGANISATION, members.values_list("pole_id", "organisation__search_name")),
        (PLACE, members.values_list("pole_id", "organisation__commune__search_name")),
        (PLACE, Place.objects.filter(pole_id__in=ids).values_list(
            "pole_id", "commune__search_name")),
        (PLACE, Pole.territory_communes.through.objects.filter(pole_id__in=ids).values_list(
            "pole_id", "commune__search_name")),
        (PLACE, Pole.territory_epcis.through.objects.filter(pole_id__in=ids).values_list(
            "pole_id", "epci__search_name")),
    )  # fmt: skip
    words: dict[str, dict[int, int]] = {}
    for rank, rows in sources:
        for pole_id, text in rows:
            for word in _words(text):
                hits = words.setdefault(word, {})
                hits[pole_id] = min(rank, hits.get(pole_id, rank))
    poles = {
        pk: (name, lat, lon)
        for pk, name, lat, lon in published.values_list(
            "pk", "search_name", "map_latitude", "map_longitude"
        )
    }
    return {
        "words": {w: list(hits.items()) for w, hits in words.items()},
        "vocabulary": sorted(words),
        "poles": poles,
    }


# The index this process last read: (its build's id, the index). Decoding the index from the
# shared cache took 70 ms at ten times France; a process decodes each build once. The shared
# cache stays the truth: every search reads the current build's id there.
_decoded: tuple[str, dict] = ("", {})


def _index() -> dict:
    global _decoded  # noqa: PLW0603 (one reference, replaced whole: safe across threads)
    # Built from every member's name and commune (50,000 rows, 400 ms at ten times France):
    # once built, a change rebuilds it in a job while searches use the previous build.
    build = cached(
        INDEX_NAME,
        _build_and_store,
        scopes=(POLES, ORGANISATIONS),
        refresh=lambda: jobs.enqueue_on_commit(_refresh_job()),
    )
    if _decoded[0] != build:
        # The latest build, whichever it is: one index in the shared cache, never a pile of them.
        stored = cache.get(INDEX_KEY)
        if stored is None:  # evicted: built again here, and kept for the other processes
            stored = (build, build_index())
            cache.set(INDEX_KEY, stored, LATEST_TIMEOUT)
        _decoded = (build, stored[1])
    return _decoded[1]


# The index's shape: an entry of an older shape is never read (v4: the sorted vocabulary).
INDEX_NAME = "forgiving-index-v4"
INDEX_KEY = "ptce:" + INDEX_NAME


def _build_and_store() -> str:
    """Build the index, keep it in the shared cache with a new id; the id."""
    build = uuid.uuid4().hex
    cache.set(INDEX_KEY, (build, build_index()), LATEST_TIMEOUT)
    return build


def refresh_index() -> None:
    """Rebuild the index (the job `forgiving_index_refresh`)."""
    with refreshing():
        _index()


def _refresh_job():
    from .tasks import forgiving_index_refresh  # the job module imports this one

    return forgiving_index_refresh


def _close_words(word: str, vocabulary: list[str]) -> dict[str, float]:
    """{indexed word: similarity} for `word`: itself, the words it begins, close spellings.
    `vocabulary` is sorted: the words `word` begins follow each other from where it would be."""
    close = {}
    for other in itertools.islice(vocabulary, bisect.bisect_left(vocabulary, word), None):
        if not other.startswith(word):
            break
        close[other] = 100.0
    if len(word) >= MIN_FUZZY_LENGTH:
        for other, score, _ in process.extract(
            word, vocabulary, scorer=fuzz.ratio, score_cutoff=CLOSE, limit=None
        ):
            close[other] = max(score, close.get(other, 0))
    return close


def _origin(query: str) -> Origin | None:
    """The commune `query` names (exactly, or by a close spelling of its whole name)."""
    found = resolve_commune(query)
    commune = found.match or (found.candidates[0] if found.candidates else None)
    if commune is None or commune.latitude is None:
        return None
    if not found.match and fuzz.ratio(normalize(query), commune.search_name) < CLOSE:
        return None
    return Origin(commune.latitude, commune.longitude, commune.name)


def forgiving_pole_ids(query: str) -> list[int]:
    """The published poles `query` designates, most relevant first: every significant word
    found (or closely spelt) somewhere in the pole, or the pole near the commune named."""
    words = _words(query)[:MAX_WORDS]
    significant = [w for w in words if w not in STOP_WORDS] or words
    if not significant or len("".join(significant)) < 2:
        return []
    index = _index()
    vocabulary = index["vocabulary"]
    found: dict[int, list[tuple[int, float]]] = {}
    for position, word in enumerate(significant):
        best: dict[int, tuple[int, float]] = {}
        for other, score in _close_words(word, vocabulary).items():
            for pole_id, rank in index["words"][other]:
                if pole_id not in best or (rank, -score) < (best[pole_id][0], -best[pole_id][1]):
                    best[pole_id] = (rank, score)
        for pole_id, hit in best.items():
            if len(found.get(pole_id, ())) == position:  # every word so far was found
                found.setdefault(pole_id, []).append(hit)
    relevance = {
        pole_id: (max(rank for rank, _ in hits), -sum(score for _, score in hits) / len(hits))
        for pole_id, hits in found.items()
        if len(hits) == len(significant)
    }
    origin = _origin(query)
    distance = {}
    if origin is not None:
        for pole_id, (_name, lat, lon) in index["poles"].items():
            if lat is None:
                continue
            distance[pole_id] = haversine_km(origin.latitude, origin.longitude, lat, lon)
            if distance[pole_id] <= NEAR_KM and pole_id not in relevance:
                relevance[pole_id] = (NEAR, 0.0)
    # Ties by the normalised name, as the exact search orders: capitals and accents aside.
    names = index["poles"]
    return sorted(
        relevance,
        key=lambda pk: (*relevance[pk], distance.get(pk, 0.0), names[pk][0], pk),
    )
