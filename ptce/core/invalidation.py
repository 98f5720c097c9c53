"""The public data in scopes, and the one way to say that a scope changed.

Public responses (map, open data, API, figures) are cached in the shared cache by
`ptce.public.cache`; each entry's key is composed from the scopes it reads. A service that
changes public data calls `invalidate` (or a helper below) with the scopes it touched: each
gets a new token in the shared cache, so every entry reading it misses, in every process.
Bulk writes (`demo_load`, `territories_load`, `referentiel_load`, the admin) invalidate `ALL`,
which every entry reads.

Tokens are set at once (readers in the same transaction) and again after commit (readers that
raced the transaction). A token starts with the second it was made: the latest of the scopes
an entry reads is its `Last-Modified`.
"""

import contextlib
import contextvars
import hashlib
import uuid
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import transaction
from huey.contrib import djhuey

PREFIX = "ptce:scope:"
# A token outlives the entries (an hour) that read it; when it expires, a new one simply makes
# them miss. Tokens of addresses nobody asks for again (unknown slugs) do not pile up.
TOKEN_TIMEOUT = 24 * 60 * 60
ALL = "all"
# The published poles as listed: the map, the open data, the API's lists, the organisations.
POLES = "poles"
# Every figure, national and by région: calls and phases (whose applications span régions).
FIGURES = "figures"
# Every organisation's record, wherever shown (lists, a pole's page, families in the figures).
ORGANISATIONS = "organisations"
TERRITORIES = "territories"
REFERENTIELS = "referentiels"
# What waits for someone (« Mon espace » and its counter in the header): renewed after every
# write request and every background job that fails (`TodoCounterMiddleware`, `jobs`); the
# counters also expire after a few minutes (what time alone changes: overdue files).
TODO = "todo"
CACHED_TIMEOUT = 60 * 60  # an entry of `cached`


def pole(slug: str) -> str:
    """One pole's public record (its API page and its organisations). The slug is hashed: it
    may come from any address asked for."""
    return "pole:" + hashlib.sha256(slug.encode()).hexdigest()[:16]


def figures(region_code: str | None = None) -> str:
    """The figures of one région (None: France entière). A code that is not one (it may come
    from any address asked for) is hashed, so a cache key holds only safe characters."""
    code = region_code or "national"
    if not (code.isascii() and code.isalnum() and len(code) <= 8):
        code = hashlib.sha256(code.encode()).hexdigest()[:16]
    return f"figures:{code}"


def figures_computed(region_code: str | None = None) -> str:
    """The figures of one région as last recomputed by their job: renewed by the job only, so
    that a response built from the previous figures is not kept once the new ones are there."""
    return figures(region_code) + ":computed"


def cohorts(referentiel_id) -> str:
    """The ECARTS cohort medians of one référentiel version (validations change them)."""
    return f"cohorts:{referentiel_id}"


def invalidate(*scopes: str) -> None:
    scopes = tuple(set(scopes))
    _renew(scopes)
    transaction.on_commit(lambda: _renew(scopes))


def _token() -> str:
    return f"{int(datetime.now(UTC).timestamp())}.{uuid.uuid4().hex[:12]}"


def _renew(scopes) -> None:
    cache.set_many({PREFIX + scope: _token() for scope in scopes}, TOKEN_TIMEOUT)


def token_keys(scopes) -> list[str]:
    """The cache keys of the tokens of `ALL` and `scopes`, in the order `digest` reads them."""
    return [PREFIX + scope for scope in (ALL, *sorted(set(scopes)))]


def digest(tokens) -> str:
    """A short digest of tokens read in `token_keys`' order: an entry's version."""
    return hashlib.sha256("|".join(tokens).encode()).hexdigest()[:16]


def state(scopes) -> tuple[str, datetime]:
    """(a short digest of the current tokens of `ALL` and `scopes`, when the latest of them was
    made, to the second). A scope never seen gets its token now: unknown means "changed now",
    so a client never gets a wrong "not modified"."""
    keys = token_keys(scopes)
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _token(), TOKEN_TIMEOUT)
            found[key] = cache.get(key) or _token()
    tokens = [found[key] for key in keys]
    latest = max(int(token.split(".", 1)[0]) for token in tokens)
    return digest(tokens), datetime.fromtimestamp(latest, UTC)


def cached(name: str, compute, *parts, scopes, timeout: int = CACHED_TIMEOUT, refresh=None):
    """`compute()` cached in the shared cache under `name` and `parts` (e.g. the query string),
    for the current state of `scopes` (the scopes of public data the value reads). Here, not in
    the web layer, so that a domain read (the forgiving search's index) caches the same way.

    refresh: for a value too costly to compute in a request (aggregates over every pole), a
    function that enqueues a job recomputing it (under `refreshing()`). Once the value has been
    computed, a change of its scopes no longer makes a reader compute it: the reader gets the
    last value computed, at most the job's duration old, and the first one enqueues the job.
    Not in immediate mode (development, tests), where the job would run in the request."""
    version, _ = state(scopes)
    key = ":".join(["ptce:public", name, version, *map(str, parts)])
    latest_key = ":".join(["ptce:latest", name, *map(str, parts)])
    lock_key = latest_key + ":refresh"
    value = cache.get(key)
    if value is None and refresh is not None and not _refreshing.get() and not _jobs_inline():
        value = cache.get(latest_key)
        # One job at a time per value; a job that died frees it after the lock's timeout.
        if value is not None and cache.add(lock_key, 1, REFRESH_LOCK_SECONDS):
            refresh()
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
        if refresh is not None:
            cache.set(latest_key, value, LATEST_TIMEOUT)
    if refresh is not None and _refreshing.get():
        cache.delete(lock_key)  # the job is done, even if another process computed it first
    return value


# A value served while its job recomputes it (`cached(refresh=…)`) lives that long without use.
LATEST_TIMEOUT = 7 * 24 * 60 * 60
REFRESH_LOCK_SECONDS = 5 * 60
_refreshing = contextvars.ContextVar("ptce_refreshing", default=False)


@contextlib.contextmanager
def refreshing():
    """Inside, `cached` computes what changed instead of serving the last value: the job that
    `refresh` enqueued."""
    token = _refreshing.set(True)
    try:
        yield
    finally:
        _refreshing.reset(token)


def _jobs_inline() -> bool:
    return djhuey.HUEY.immediate


# What a service changed, in scopes --------------------------------------------------------


def pole_changed(pole_, *, old_region: str | None = None) -> None:
    """A pole's public record changed: profile, places, territory, members, publication,
    verification. Give the région it had when it changes (its slug never does, but in the
    admin, which renews everything)."""
    regions = {pole_.region_id, old_region} - {None}
    invalidate(POLES, pole(pole_.slug), figures(), *map(figures, regions))


def pole_activity_changed(*, region_code: str | None) -> None:
    """Counted in the figures only: an evaluation, an action, an application of that région."""
    invalidate(figures(), *([figures(region_code)] if region_code else []))


def organisation_changed() -> None:
    """An organisation's record changed (shown in lists, poles' pages and figures)."""
    invalidate(ORGANISATIONS, POLES, FIGURES)


def everything_changed() -> None:
    invalidate(ALL)
