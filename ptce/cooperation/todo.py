"""What waits in the cooperation app: join requests and meetings without minutes (coordinators),
resources of the pole answering a member's own (members). One query each, whatever the number
of poles. See `ptce/core/todo.py`."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from ptce.core.todo import TodoItem, plural

from .models import JoinRequest, JoinRequestStatus, Meeting, ResourceKind, SharedResource

MINUTES_WITHIN_DAYS = 365


def _per_pole(queryset, singular: str, plural_form: str, url_name: str) -> list[TodoItem]:
    """One item per pole: the rows of `queryset` counted by pole, linked to the pole's page."""
    rows = (
        queryset.values("pole__slug", "pole__name")
        .annotate(count=Count("pk"))
        .order_by("pole__name")
    )
    return [
        TodoItem(
            row["count"],
            plural(row["count"], singular, plural_form),
            reverse(url_name, args=[row["pole__slug"]]),
            detail=row["pole__name"],
        )
        for row in rows
    ]


def join_requests(poles) -> list[TodoItem]:
    return _per_pole(
        JoinRequest.objects.filter(pole__in=poles, status=JoinRequestStatus.PENDING),
        "demande d’adhésion à examiner",
        "demandes d’adhésion à examiner",
        "cooperation:join_requests",
    )


def meetings_without_minutes(poles, *, now=None) -> list[TodoItem]:
    """Meetings held in the last year whose minutes are still to be written."""
    now = now or timezone.now()
    return _per_pole(
        Meeting.objects.filter(
            pole__in=poles,
            minutes="",
            starts_at__lt=now,
            starts_at__gte=now - datetime.timedelta(days=MINUTES_WITHIN_DAYS),
        ),
        "réunion passée sans compte rendu",
        "réunions passées sans compte rendu",
        "cooperation:meetings",
    )


def resources_matched(memberships, *, today=None) -> list[TodoItem]:
    """Resources of other members of the same pole answering one of the member's own: an offer
    for their request, a request for their offer, of the same category, still available."""
    if not memberships:
        return []
    today = today or timezone.localdate()
    available = Q(is_active=True) & (
        Q(available_until__isnull=True) | Q(available_until__gte=today)
    )
    own = SharedResource.objects.filter(
        available,
        membership__in=memberships,
        pole_id=OuterRef("pole_id"),
        category=OuterRef("category"),
    ).exclude(kind=OuterRef("kind"))
    return _per_pole(
        SharedResource.objects.filter(available, pole__in={m.pole_id for m in memberships})
        .exclude(membership__in=memberships)
        .filter(Exists(own), kind__in=ResourceKind.values),
        "ressource partagée répond à vos offres ou demandes",
        "ressources partagées répondent à vos offres ou demandes",
        "cooperation:resources",
    )
