"""What is new for a saved search between two moments: the poles published for the first time,
the shared resources proposed and the public events announced in the poles it finds.

Poles and public events are public; a shared resource is shown only to whom may read the
pole's life (its people, the instructors of its région, the admins: `life.perms`).
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.http import QueryDict

from ptce.poles.directory_query import directory_query
from ptce.poles.models import Pole

from ..life.perms import can_view_life
from ..models import Meeting, MeetingKind, SavedSearch, SharedResource

MAX_LISTED = 20  # of each kind, per search: « et d’autres » beyond


@dataclass
class News:
    poles: list = field(default_factory=list)
    resources: list = field(default_factory=list)
    events: list = field(default_factory=list)
    more: set = field(default_factory=set)  # the kinds with more than MAX_LISTED new

    def __bool__(self) -> bool:
        return bool(self.poles or self.resources or self.events)


def _listed(news: News, kind: str, rows: list) -> list:
    if len(rows) > MAX_LISTED:
        news.more.add(kind)
    return rows[:MAX_LISTED]


def newly_published(since, until):
    """The published poles whose first publication falls in [since, until), from their
    history (a pole published before, unpublished then published again, is not new)."""
    history = Pole.history.model.objects.filter(id=OuterRef("pk"), is_published=True)
    return (
        Pole.objects.published()
        .filter(Exists(history.filter(history_date__gte=since, history_date__lt=until)))
        .exclude(Exists(history.filter(history_date__lt=since)))
    )


def search_news(search: SavedSearch, *, since, until, user) -> News:
    """What is new for `search` in [since, until), as `user` may see it (five queries at most,
    plus one per pole with a new resource for a person of no role there)."""
    news = News()
    query = directory_query(QueryDict(search.query))
    if query.near.errors:  # the place is no longer found: nothing to say
        return news
    ids = query.pole_ids()
    if isinstance(ids, list) and not ids:
        return news
    poles = newly_published(since, until).filter(pk__in=ids).order_by("name", "pk")
    news.poles = _listed(news, "poles", list(poles[: MAX_LISTED + 1]))
    window = {"created_at__gte": since, "created_at__lt": until, "pole_id__in": ids}
    resources = (
        SharedResource.objects.filter(is_active=True, **window)
        .select_related("pole", "membership__organisation")
        .order_by("pole__name", "created_at", "pk")
    )
    visible = [r for r in resources[:500] if can_view_life(user, r.pole)]
    news.resources = _listed(news, "resources", visible)
    events = (
        Meeting.objects.filter(kind=MeetingKind.PUBLIC_EVENT, starts_at__gte=until, **window)
        .select_related("pole")
        .order_by("starts_at", "pk")
    )
    news.events = _listed(news, "events", list(events[: MAX_LISTED + 1]))
    return news
