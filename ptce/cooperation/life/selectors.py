"""Reads on the life of a pole: resources, meetings, animation indicators, network data.

Every list is read in a fixed number of queries, whatever the number of rows or poles.
"""

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ptce.poles.models import Membership, Pole

from ..models import ActionStatus, CooperationAction, Meeting, SharedResource
from . import animation

PAGE_SIZE = 50


# --- Shared resources -------------------------------------------------------------------------


def pole_resources(pole, *, kind="", category="", include_inactive=False):
    resources = SharedResource.objects.filter(pole=pole).select_related(
        "pole", "membership__organisation", "created_by"
    )
    if kind:
        resources = resources.filter(kind=kind)
    if category:
        resources = resources.filter(category=category)
    if not include_inactive:
        resources = resources.filter(is_active=True)
    return resources.order_by("-is_active", "-created_at", "-pk")


# --- Meetings ---------------------------------------------------------------------------------


def pole_meetings(pole):
    return (
        Meeting.objects.filter(pole=pole)
        .annotate(
            attendee_count=Count("attendees", distinct=True),
            attachment_count=Count("attachments", distinct=True),
        )
        .order_by("-starts_at", "-pk")
    )


def meeting_detail(pole, pk):
    return (
        Meeting.objects.filter(pole=pole, pk=pk)
        .select_related("created_by")
        .prefetch_related("attachments")
        .first()
    )


def meeting_attendees(meeting):
    return meeting.attendees.select_related("organisation").order_by("organisation__name")


# --- Animation --------------------------------------------------------------------------------


def _count(queryset):
    """A correlated COUNT(*) subquery (0 when nothing matches)."""
    counted = queryset.order_by().values("pole").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_animation(poles, windows: animation.Windows):
    """Annotate poles with what the indicators need, one subquery per figure, no join."""
    held = Meeting.objects.filter(pole=OuterRef("pk"), starts_at__lte=windows.now)
    current = Membership.objects.current().filter(pole=OuterRef("pk"))
    attended = Meeting.attendees.through.objects.filter(
        membership_id=OuterRef("pk"),
        meeting__starts_at__gt=windows.twelve_months,
        meeting__starts_at__lte=windows.now,
    )
    return poles.annotate(
        events_3_months=_count(held.filter(starts_at__gt=windows.three_months)),
        events_12_months=_count(held.filter(starts_at__gt=windows.twelve_months)),
        last_event_at=Subquery(held.order_by("-starts_at").values("starts_at")[:1]),
        member_count=_count(current),
        active_member_count=_count(current.filter(Exists(attended))),
    )


def _indicators(pole, windows, inactive_members=()):
    return animation.indicators(
        windows=windows,
        events_3_months=pole.events_3_months,
        events_12_months=pole.events_12_months,
        last_event_at=pole.last_event_at,
        member_count=pole.member_count,
        active_member_count=pole.active_member_count,
        pole_created_at=pole.created_at,
        inactive_members=inactive_members,
    )


def pole_animation(pole, *, now=None) -> animation.AnimationIndicators:
    """The pole's indicators, with its inactive members named: two queries."""
    windows = animation.Windows.at(now or timezone.now())
    annotated = with_animation(Pole.objects.filter(pk=pole.pk), windows).get()
    attended = Meeting.attendees.through.objects.filter(
        membership_id=OuterRef("pk"),
        meeting__starts_at__gt=windows.twelve_months,
        meeting__starts_at__lte=windows.now,
    )
    inactive = (
        Membership.objects.current()
        .filter(pole=pole)
        .exclude(Exists(attended))
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return _indicators(annotated, windows, inactive_members=list(inactive))


def animation_summary(*, regions=None, now=None):
    """Poles (all, or those of `regions`) with their indicators, in one query per page.

    Returns (windows, queryset of annotated poles); turn each pole into indicators with
    `summary_rows`."""
    windows = animation.Windows.at(now or timezone.now())
    poles = Pole.objects.active().select_related("region").order_by("region__name", "name", "pk")
    if regions is not None:
        poles = poles.filter(region__in=regions)
    return windows, with_animation(poles, windows)


def summary_rows(poles, windows):
    return [(pole, _indicators(pole, windows)) for pole in poles]


# --- Network ----------------------------------------------------------------------------------


def network_data(pole):
    """Current member organisations and, for each action still alive, its current participants:
    two queries."""
    memberships = list(
        Membership.objects.current()
        .filter(pole=pole)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    rows = (
        CooperationAction.participants.through.objects.filter(
            cooperationaction__pole=pole, membership__left_on__isnull=True
        )
        .exclude(cooperationaction__status=ActionStatus.ABANDONED)
        .values_list("cooperationaction_id", "membership_id")
    )
    participants: dict[int, list[int]] = {}
    for action_id, membership_id in rows:
        participants.setdefault(action_id, []).append(membership_id)
    return memberships, participants
