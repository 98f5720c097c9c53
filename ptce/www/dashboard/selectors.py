"""« Mon espace »: the person's poles and roles, and what is waiting for them."""

from django.urls import reverse

from ptce.core.access import user_scope
from ptce.poles.models import PersonRole, Pole, PolePerson, Verification
from ptce.www.poles.selectors import pole_page


def dashboard_for_user(user):
    roles = list(
        PolePerson.objects.filter(user=user)
        .select_related("pole__region", "membership__organisation")
        .order_by("pole__name")
    )
    coordinated = [r.pole for r in roles if r.role == PersonRole.COORDINATOR]
    instructed, to_verify = [], []
    scope = user_scope(user)
    if scope.is_instructor:
        poles = Pole.objects.select_related("region").order_by("region__name", "name")
        if not scope.is_national:
            poles = poles.filter(region__in=scope.region_ids)
        instructed = list(poles[:200])
        to_verify = list(
            poles.filter(verification=Verification.DECLARED).order_by("created_at")[:100]
        )
    return {
        "roles": roles,
        "coordinated": coordinated,
        "instructed_poles": instructed,
        "poles_to_verify": to_verify,
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
