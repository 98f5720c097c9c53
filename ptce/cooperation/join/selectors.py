"""Reads for step 1: the emerging poles a volunteer may join, a pole's pending and decided join
requests. Each in one query."""

from django.db.models import Count, Q

from ptce.poles.models import Pole, Stage

from ..models import JoinRequest, JoinRequestStatus


def emerging_poles():
    """Published poles still gathering volunteers (step 1), for whoever wants to join one."""
    return (
        Pole.objects.published()
        .filter(stage=Stage.VOLUNTEERS)
        .select_related("region")
        .annotate(member_count=Count("memberships", filter=Q(memberships__left_on__isnull=True)))
        .order_by("name")
    )


def pending_join_requests(pole):
    return JoinRequest.objects.filter(pole=pole, status=JoinRequestStatus.PENDING).select_related(
        "commune__departement"
    )


def decided_join_requests(pole, *, limit: int = 20):
    return (
        JoinRequest.objects.filter(pole=pole)
        .exclude(status=JoinRequestStatus.PENDING)
        .select_related("organisation", "decided_by")
        .order_by("-decided_at")[:limit]
    )
