"""The weekly alert of the saved searches, sent by the worker every morning (`tasks.py`).

A search whose alert is on is due once `ALERT_DAYS` have passed since what is new is counted
from (`alert_from`: the alert switched on, or the last email). Each person gets one email for
all their due searches that have something new, and those searches count from this run on;
nothing new, no email and nothing written, so the next morning looks again. The moment is
written on the rows in the email's transaction: a second run sends nothing.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ptce.core.mail import mail_after_commit

from ..models import SavedSearch
from .news import search_news
from .selectors import directory_url
from .services import unsubscribe_all_token, unsubscribe_token

ALERT_DAYS = 7


def saved_search_alerts_send(*, now: datetime.datetime | None = None) -> int:
    """Send every person their due alerts; the number of emails."""
    now = now or timezone.now()
    due = {"alert": True, "alert_from__lte": now - datetime.timedelta(days=ALERT_DAYS)}
    owners = (
        SavedSearch.objects.filter(owner__is_active=True, **due)
        .order_by("owner_id")
        .values_list("owner_id", flat=True)
        .distinct()
    )
    sent = 0
    for owner_id in list(owners):
        with transaction.atomic():
            # Locked and read again: another worker's run may have sent them meanwhile.
            searches = list(
                SavedSearch.objects.select_for_update(of=("self",))
                .filter(owner_id=owner_id, **due)
                .select_related("owner")
                .order_by("name", "pk")
            )
            if searches and _send(searches, now):
                sent += 1
    return sent


def _send(searches: list[SavedSearch], now) -> bool:
    owner = searches[0].owner
    found = []
    for search in searches:
        news = search_news(search, since=search.alert_from, until=now, user=owner)
        if news:
            found.append(_entry(search, news))
    if not found:
        return False
    mail_after_commit(
        subject="Du nouveau pour vos recherches enregistrées",
        template="cooperation/searches/emails/alert.txt",
        context={
            "found": found,
            "searches_url": settings.SITE_URL + reverse("cooperation:saved_searches"),
        },
        recipients=[owner.email],
        # RFC 8058: the mail client's « se désabonner » posts to this signed link, no login.
        headers={
            "List-Unsubscribe": f"<{settings.SITE_URL}{_unsubscribe_all_path(owner)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    SavedSearch.objects.filter(pk__in=[s.pk for s in searches]).update(
        alert_from=now, last_sent_at=now
    )
    return True


def _unsubscribe_all_path(owner) -> str:
    return reverse(
        "cooperation:saved_search_alerts_unsubscribe", args=[unsubscribe_all_token(owner)]
    )


def _entry(search: SavedSearch, news) -> dict:
    site = settings.SITE_URL
    return {
        "search": search,
        "news": news,
        "url": site + directory_url(search),
        "unsubscribe_url": site
        + reverse("cooperation:saved_search_unsubscribe", args=[unsubscribe_token(search)]),
        "poles": [(pole, site + reverse("poles:detail", args=[pole.slug])) for pole in news.poles],
        "resources": [
            (resource, site + reverse("cooperation:resources", args=[resource.pole.slug]))
            for resource in news.resources
        ],
        "events": [
            (event, site + reverse("poles:detail", args=[event.pole.slug])) for event in news.events
        ],
    }
