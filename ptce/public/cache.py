"""Cached public responses, in the shared cache, each under a key composed from the scopes of
public data it reads (`ptce.core.invalidation`).

The services that change public data invalidate the scopes they touched (a pole, the figures
of a région, the lists…); an entry reading one of them misses at once, in every process that
shares the cache. Nothing watches model saves: a write outside the services (a bulk load, a
shell) calls `ptce.core.invalidation.everything_changed()`.
"""

from datetime import datetime

from django.core.cache import cache

from ptce.core import invalidation
from ptce.core.invalidation import (
    FIGURES,
    ORGANISATIONS,
    POLES,
    REFERENTIELS,
    TERRITORIES,
)

TIMEOUT = 60 * 60
# What an entry of unknown scope reads: everything (safe, never stale).
EVERYTHING = (POLES, ORGANISATIONS, FIGURES, TERRITORIES, REFERENTIELS)


def cached(name: str, compute, *parts, scopes):
    """`compute()` cached under `name` and `parts` (e.g. the query string), for the current
    state of `scopes` (the scopes of public data the value reads)."""
    digest, _ = invalidation.state(scopes)
    key = ":".join(["ptce:public", name, digest, *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def changed_at(scopes) -> datetime:
    """When `scopes` last changed, to the second: the `Last-Modified` of a response reading
    them (unknown means now, so a client never gets a wrong "not modified")."""
    return invalidation.state(scopes)[1]


def figures_scopes(region_code: str | None) -> tuple[str, ...]:
    """What the figures of a région (None: France entière) read."""
    return (FIGURES, invalidation.figures(region_code), TERRITORIES)
