"""Cached public responses, invalidated when the data behind them changes.

Every key carries the current data version; saving or deleting any model listed in
`WATCHED_MODELS` bumps the version, so the next read recomputes. Cheap and always correct:
no stale figure survives a save.
"""

from datetime import UTC, datetime

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "ptce:public:version"
CHANGED_AT_KEY = "ptce:public:changed-at"
TIMEOUT = 60 * 60
WATCHED_MODELS = (
    "territories.Region",
    "poles.Pole",
    "poles.Place",
    "poles.Membership",
    "organisations.Organisation",
    "calls.Call",
    "calls.Phase",
    "calls.Application",
    "assessments.Evaluation",
    "assessments.ConsolidatedScore",
    "cooperation.CooperationAction",
)


def data_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_version(**_kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)
    cache.set(CHANGED_AT_KEY, _now(), None)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def data_changed_at() -> datetime:
    """When the public data last changed (the last version bump), to the second: the
    `Last-Modified` of every public response. Unknown (empty cache) means "now", so a client
    never gets a wrong "not modified"; each save or delete of a watched model moves it on
    (an `updated_at` alone would miss deletions, unpublications and changes of places)."""
    changed_at = cache.get(CHANGED_AT_KEY)
    if changed_at is None:
        cache.add(CHANGED_AT_KEY, _now(), None)
        changed_at = cache.get(CHANGED_AT_KEY) or _now()
    return changed_at


def _bump_now_and_after_commit(**kwargs) -> None:
    # Now for readers in this transaction, after commit for readers that raced it.
    bump_version()
    transaction.on_commit(bump_version)


def cached(name: str, compute, *parts):
    """`compute()` cached under `name` and `parts` (e.g. the query string) for this version."""
    key = ":".join(["ptce:public", str(data_version()), name, *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def connect_signals() -> None:
    for label in WATCHED_MODELS:
        model = apps.get_model(label)
        post_save.connect(_bump_now_and_after_commit, sender=model, dispatch_uid=f"cache-{label}")
        post_delete.connect(
            _bump_now_and_after_commit, sender=model, dispatch_uid=f"cache-del-{label}"
        )
    pole = apps.get_model("poles.Pole")
    for field in ("sectors", "covered_departements", "territory_communes"):
        through = getattr(pole, field).through
        m2m_changed.connect(
            _bump_now_and_after_commit, sender=through, dispatch_uid=f"cache-m2m-{field}"
        )
