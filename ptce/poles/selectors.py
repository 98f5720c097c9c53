"""Reads on poles: directory, public page, coordinator space, « Mon espace »."""

from django.db.models import Count, Q
from django.urls import reverse

from ptce.organisations.models import FAMILY_LABELS
from ptce.territories.text import normalize

from .compliance import pole_compliance
from .history import pole_history  # noqa: F401  (re-exported for views)
from .models import Membership, PersonRole, Place, Pole, PolePerson


def directory_poles(*, region=None, departement=None, sector=None, stage=None, q=""):
    poles = (
        Pole.objects.published()
        .select_related("region")
        .prefetch_related("sectors")
        .annotate(member_count=Count("memberships", filter=Q(memberships__left_on__isnull=True)))
        .order_by("name")
    )
    if region:
        poles = poles.filter(region=region)
    if departement:
        poles = poles.filter(covered_departements=departement)
    if sector:
        poles = poles.filter(sectors=sector)
    if stage:
        poles = poles.filter(stage=stage)
    if q:
        words = normalize(q).split()
        for word in words:
            poles = poles.filter(Q(name__icontains=word) | Q(search_name__contains=word))
    return poles


def current_memberships(pole):
    return (
        Membership.objects.current()
        .filter(pole=pole)
        .select_related("organisation__commune__departement")
        .order_by("organisation__name")
    )


def pole_page(pole):
    """Everything the public page shows, in a fixed number of queries."""
    memberships = list(current_memberships(pole))
    covered = list(pole.covered_departements.select_related("region").order_by("code"))
    families = {code: [] for code in FAMILY_LABELS}
    for membership in memberships:
        families[membership.organisation.family].append(membership)
    return {
        "pole": pole,
        "sectors": list(pole.sectors.all()),
        "places": list(pole.places.select_related("commune").all()),
        "communes": list(pole.territory_communes.select_related("departement")[:50]),
        "commune_count": pole.territory_communes.count(),
        "epcis": list(pole.territory_epcis.all()),
        "departements": covered,
        "memberships": memberships,
        "member_groups": [
            (code, FAMILY_LABELS[code], members) for code, members in families.items() if members
        ],
        "compliance": pole_compliance(pole, memberships, {d.code for d in covered}),
    }


def pole_people(pole):
    return (
        PolePerson.objects.filter(pole=pole)
        .select_related("user", "membership__organisation")
        .order_by("role", "user__last_name", "user__email")
    )


def pole_pending_invitations(pole):
    return pole.invitations.filter(accepted_at__isnull=True).select_related(
        "membership__organisation", "invited_by"
    )


def pole_places(pole):
    return Place.objects.filter(pole=pole).select_related("commune__departement")


def dashboard_for_user(user):
    roles = list(
        PolePerson.objects.filter(user=user)
        .select_related("pole__region", "membership__organisation")
        .order_by("pole__name")
    )
    coordinated = [r.pole for r in roles if r.role == PersonRole.COORDINATOR]
    instructed = []
    if user.is_instructor:
        poles = Pole.objects.select_related("region").order_by("region__name", "name")
        if not user.is_national_instructor:
            poles = poles.filter(region__in=user.instructor_regions.all())
        instructed = list(poles[:200])
    return {
        "roles": roles,
        "coordinated": coordinated,
        "instructed_poles": instructed,
        "tasks": [task for pole in coordinated for task in coordinator_tasks(pole)],
    }


def coordinator_tasks(pole) -> list[dict]:
    """What a coordinator still has to do for the pole (a few queries per coordinated pole)."""
    manage_url = reverse("poles:manage", args=[pole.slug])
    tasks = []
    if not pole.is_published:
        tasks.append(
            {
                "label": f"{pole.name} : publier le pôle",
                "url": reverse("poles:edit", args=[pole.slug]),
            }
        )
    if not pole.places.exists():
        tasks.append(
            {
                "label": f"{pole.name} : ajouter un lieu",
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
        tasks.append({"label": f"{pole.name} : {check.reason}", "url": url})
    return tasks
