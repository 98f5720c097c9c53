"""What waits in the calls app, for « Mon espace » (`ptce/core/todo.py`): complements requested
(coordinators), files to instruct, opinions received, overdue files (a région's instructors),
proposals to decide per phase, overdue files and régions behind (the national cell).

Reads the instructors' scope and queues of `lists/` (the one definition of « à traiter »); one
query per item kind, whatever the number of files.
"""

import datetime
from urllib.parse import urlencode

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone

from ptce.core.todo import TodoItem, plural

from .lists import queues, selectors
from .models import Application, ApplicationState, Opinion

OPINIONS_WITHIN_DAYS = 30


def _list_url(**params) -> str:
    return reverse("calls:instruction_list") + "?" + urlencode(params)


def complements(poles) -> list[TodoItem]:
    applications = (
        Application.objects.filter(pole__in=poles, state=ApplicationState.COMPLEMENT)
        .select_related("pole", "phase__call")
        .order_by("pole__name", "pk")[:50]
    )
    return [
        TodoItem(
            1,
            "1 complément demandé sur une candidature",
            reverse("calls:application_detail", args=[application.pk]),
            detail=f"{application.pole.name} : {application.phase.call.name}, "
            f"phase {application.phase.number}",
        )
        for application in applications
    ]


def _age(moment, now) -> str:
    days = (now - moment).days
    return plural(days, "jour", "jours")


def to_instruct(user, *, now=None) -> list[TodoItem]:
    """A région's « à traiter » queue: how many, by state, and the age of the oldest. A single
    file is linked straight to its instruction."""
    if not selectors.can_see_instruction_list(user) or selectors.sees_all_regions(user):
        return []
    now = now or timezone.now()
    waiting = selectors.instruction_scope(user).filter(queues.to_process_q(user))
    totals = waiting.order_by().aggregate(
        count=Count("pk"),
        submitted=Count("pk", filter=Q(state=ApplicationState.SUBMITTED)),
        oldest=Min("first_submitted_at"),
        one=Min("pk"),
    )
    count = totals["count"]
    if not count:
        return []
    instructing = count - totals["submitted"]
    detail = f"{plural(totals['submitted'], 'déposée', 'déposées')}, {instructing} en instruction"
    if totals["oldest"]:
        detail += f" ; la plus ancienne attend depuis {_age(totals['oldest'], now)}"
    url = (
        reverse("calls:instruction", args=[totals["one"]])
        if count == 1
        else _list_url(onglet=queues.DEFAULT)
    )
    label = plural(count, "candidature à instruire", "candidatures à instruire")
    return [TodoItem(count, label, url, detail=detail)]


def opinions_received(user, *, now=None) -> list[TodoItem]:
    """Experts' opinions answered in the last 30 days on files still pending in the scope."""
    if not selectors.can_see_instruction_list(user):
        return []
    since = (now or timezone.now()) - datetime.timedelta(days=OPINIONS_WITHIN_DAYS)
    application_ids = list(
        Opinion.objects.filter(
            answered_at__gte=since,
            application__in=selectors.instruction_scope(user).filter(
                state__in=[
                    ApplicationState.SUBMITTED,
                    ApplicationState.INSTRUCTION,
                    ApplicationState.COMPLEMENT,
                ]
            ),
        )
        .order_by("application_id")
        .values_list("application_id", flat=True)[:100]
    )
    if not application_ids:
        return []
    count = len(application_ids)
    url = (
        reverse("calls:instruction", args=[application_ids[0]]) + "#titre-avis"
        if len(set(application_ids)) == 1
        else _list_url(onglet="tous")
    )
    return [TodoItem(count, plural(count, "avis d’expert reçu", "avis d’experts reçus"), url)]


def overdue(user, *, now=None) -> list[TodoItem]:
    if not selectors.can_see_instruction_list(user):
        return []
    count = selectors.instruction_scope(user).filter(selectors.overdue_q(now)).count()
    if not count:
        return []
    label = plural(count, "candidature en retard", "candidatures en retard")
    return [
        TodoItem(
            count,
            label,
            _list_url(onglet="tous", overdue="on"),
            detail=f"sans décision {selectors.overdue_days()} jours après le premier dépôt",
        )
    ]


def proposals_to_decide(user) -> list[TodoItem]:
    """The national cell's « à traiter » queue, per phase."""
    if not selectors.sees_all_regions(user) or not selectors.can_see_instruction_list(user):
        return []
    rows = (
        selectors.instruction_scope(user)
        .filter(queues.to_process_q(user))
        .values("phase", "phase__number", "phase__name", "phase__call__name")
        .annotate(count=Count("pk"))
        .order_by("phase__call__name", "phase__number")
    )
    return [
        TodoItem(
            row["count"],
            plural(row["count"], "proposition à décider", "propositions à décider"),
            _list_url(onglet=queues.DEFAULT, phase=row["phase"]),
            detail=f"{row['phase__call__name']} — phase {row['phase__number']} : "
            f"{row['phase__name']}",
        )
        for row in rows
    ]


def regions_behind(user, *, now=None) -> list[TodoItem]:
    """For the national cell: the régions with overdue files, the most behind first."""
    if not selectors.sees_all_regions(user) or not selectors.can_see_instruction_list(user):
        return []
    rows = list(
        selectors.instruction_scope(user)
        .filter(selectors.overdue_q(now), region__isnull=False)
        .values("region__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "region__name")
    )
    if not rows:
        return []
    detail = ", ".join(f"{row['region__name']} ({row['count']})" for row in rows)
    return [
        TodoItem(
            len(rows),
            plural(len(rows), "région en retard", "régions en retard"),
            _list_url(onglet="tous", overdue="on", sort="etat"),
            detail=detail,
        )
    ]
