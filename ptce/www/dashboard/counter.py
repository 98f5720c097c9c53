"""The to-do counter next to « Mon espace » in the header: the same count as the to-do space
(`todo.todo_for_user`), shown on every page of a logged-in person.

Computing it costs a query per kind of item of the person's roles; it is kept in the shared
cache per user, under the digest of the `TODO` scope (`ptce.core.invalidation`), renewed after
every write request and every failed job; an entry also expires after `TIMEOUT` (what time
alone changes: a file becoming overdue). Nothing is kept in the process: every worker reads
the same cache.

A page never computes it: the header shows the count kept in the cache (no query with Redis);
when there is none, the link asks for it once loaded (`todo_link`, htmx), and « Mon espace »
keeps the count it computes anyway. So a page costs the same queries with or without it, and
without JavaScript the badge appears as soon as the count is known.
"""

from django.core.cache import cache

from ptce.core import invalidation
from ptce.poles.models import PolePerson

from .todo import todo_for_user

PREFIX = "ptce:todo-count:"
TIMEOUT = 5 * 60


def _key(user) -> str:
    digest, _ = invalidation.state([invalidation.TODO])
    return f"{PREFIX}{user.pk}:{digest}"


def roles_of(user) -> list[PolePerson]:
    """The person's roles in active poles, as the to-do space reads them (one query)."""
    return list(
        PolePerson.objects.filter(user=user, pole__archived_at__isnull=True)
        .select_related("pole", "membership")
        .order_by("pole__name")
    )


def known_count(user) -> int | None:
    """The count kept in the cache, None when it must be computed (0 for a visitor)."""
    if not (user.is_authenticated and user.is_active):
        return 0
    return cache.get(_key(user))


def todo_count(user) -> int:
    """How many things wait for `user` (0 for an anonymous visitor, without a query)."""
    if not (user.is_authenticated and user.is_active):
        return 0
    key = _key(user)
    count = cache.get(key)
    if count is None:
        count = sum(section.count for section in todo_for_user(user, roles_of(user)))
        cache.set(key, count, TIMEOUT)
    return count


def remember(user, count: int) -> None:
    """The dashboard computed the count anyway: its header reads it from there."""
    cache.set(_key(user), count, TIMEOUT)
