"""« Mon espace »: the person's poles and roles, and what is waiting for them."""

from datetime import timedelta

from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from ptce.core.access import user_scope
from ptce.organisations.selectors import pending_proposals_for, proposals_by
from ptce.poles.models import Membership, PersonRole, Pole, PolePerson, Verification
from ptce.poles.organisation_access import organisations_decided_by, pole_visibility
from ptce.www.poles.selectors import pole_page


def dashboard_for_user(user):
    roles = list(
        PolePerson.objects.filter(user=user, pole__archived_at__isnull=True)
        .select_related("pole__region", "membership__organisation")
        .order_by("pole__name")
    )
    coordinated = [r.pole for r in roles if r.role == PersonRole.COORDINATOR]
    instructed, to_verify = [], []
    scope = user_scope(user)
    if scope.is_instructor:
        poles = Pole.objects.active().select_related("region").order_by("region__name", "name")
        if not scope.is_national:
            poles = poles.filter(region__in=scope.region_ids)
        instructed = list(poles[:200])
        located = Pole.covered_departements.through.objects.filter(pole_id=OuterRef("pk"))
        to_verify = list(
            poles.filter(verification=Verification.DECLARED)
            .annotate(territory_to_specify=~Exists(located))
            .order_by("created_at")[:100]
        )
    return {
        "roles": roles,
        "coordinated": coordinated,
        "instructed_poles": instructed,
        "poles_to_verify": to_verify,
        "tasks": [task for pole in coordinated for task in coordinator_tasks(pole)],
        "proposals": pending_proposals_for(organisations_decided_by(user), limit=MAX_PROPOSALS),
        "my_proposals": proposals_by(user, limit=MAX_PROPOSALS),
        "shared_members": shared_members(user, coordinated),
    }


MAX_PROPOSALS = 20
SHARED_SINCE_DAYS = 180


def shared_members(user, coordinated) -> list[dict]:
    """Organisations of the poles the user coordinates that joined another pole afterwards
    (in the last `SHARED_SINCE_DAYS` days): their record is now shared, and changes to it are
    proposed rather than made. At most 20, newest first, in three queries at most; a pole the
    user may not know of is not named."""
    if not coordinated:
        return []
    own = Membership.objects.current().filter(
        Q(joined_on__isnull=True) | Q(joined_on__lte=OuterRef("joined_on")),
        pole__in=coordinated,
        organisation=OuterRef("organisation"),
    )
    since = timezone.localdate() - timedelta(days=SHARED_SINCE_DAYS)
    others = list(
        Membership.objects.current()
        .exclude(pole__in=coordinated)
        .filter(Exists(own), joined_on__gte=since)
        .select_related("organisation", "pole")
        .order_by(F("joined_on").desc(), "pk")[:20]
    )
    visible = pole_visibility(user) if others else None
    return [
        {
            "organisation": membership.organisation,
            "pole_name": membership.pole.name if visible(membership.pole) else "",
            "joined_on": membership.joined_on,
        }
        for membership in others
    ]


def coordinator_tasks(pole) -> list[dict]:
    """What a coordinator still has to do for the pole (a few queries per coordinated pole)."""
    manage_url = reverse("poles:manage", args=[pole.slug])
    tasks = []
    if not pole.is_published:
        tasks.append(
            {
                "label": f"{pole.name} : publier le pôle",
                "url": reverse("poles:edit", args=[pole.slug]),
            }
        )
    if not pole.places.exists():
        tasks.append(
            {
                "label": f"{pole.name} : ajouter un lieu",
                "url": reverse("poles:place_add", args=[pole.slug]),
            }
        )
    page = pole_page(pole)
    for check in page["compliance"].missing:
        url = (
            reverse("cooperation:plan", args=[pole.slug])
            if check.code == "strategie"
            else manage_url
        )
        tasks.append({"label": f"{pole.name} : {check.reason}", "url": url})
    return tasks
