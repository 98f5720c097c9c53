"""Cached public responses, in the shared cache, each under a key composed from the scopes of
public data it reads (`ptce.core.invalidation`).

The services that change public data invalidate the scopes they touched (a pole, the figures
of a région, the lists…); an entry reading one of them misses at once, in every process that
shares the cache. Nothing watches model saves: a write outside the services (a bulk load, a
shell) calls `ptce.core.invalidation.everything_changed()`.
"""

from datetime import datetime

from ptce.core import invalidation
from ptce.core.invalidation import (  # noqa: F401  (`cached` re-exported for the web layer)
    FIGURES,
    ORGANISATIONS,
    POLES,
    REFERENTIELS,
    TERRITORIES,
    cached,
)

# How long a cached response lives (its scopes' tokens renew it sooner).
TIMEOUT = invalidation.CACHED_TIMEOUT

# What an entry of unknown scope reads: everything (safe, never stale).
EVERYTHING = (POLES, ORGANISATIONS, FIGURES, TERRITORIES, REFERENTIELS)


def changed_at(scopes) -> datetime:
    """When `scopes` last changed, to the second: the `Last-Modified` of a response reading
    them (unknown means now, so a client never gets a wrong "not modified")."""
    return invalidation.state(scopes)[1]


def figures_data_scopes(region_code: str | None) -> tuple[str, ...]:
    """What the figures of a région (None: France entière) are computed from."""
    return (FIGURES, invalidation.figures(region_code), TERRITORIES)


def figures_scopes(region_code: str | None) -> tuple[str, ...]:
    """What a response showing the figures of a région reads: their data, and the moment
    their job last recomputed them (`figures.national_figures` may serve the previous figures
    until it has)."""
    return (*figures_data_scopes(region_code), invalidation.figures_computed(region_code))
