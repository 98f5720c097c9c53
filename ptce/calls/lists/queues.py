"""The instructors' queues, as in Démarches Simplifiées: « à traiter », « suivis », « traités »,
« tous » (`?onglet=` of the list, « à traiter » by default).

What is « à traiter » depends on who looks: a région instructs the files deposited or in
instruction that have no regional proposal yet; the national cell (and an admin) decides the
files in instruction that have one. A file waiting for the applicant's complement is nobody's
work but the applicant's, so it is only under « tous ».
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from ..models import FINAL_STATES, Application, ApplicationFollow, ApplicationState
from . import selectors


def to_process_q(user) -> Q:
    if selectors.sees_all_regions(user):
        return Q(state=ApplicationState.INSTRUCTION) & ~Q(proposal="")
    return Q(state__in=[ApplicationState.SUBMITTED, ApplicationState.INSTRUCTION], proposal="")


def followed_q(user) -> Q:
    return Q(Exists(ApplicationFollow.objects.filter(application=OuterRef("pk"), user_id=user.pk)))


def processed_q(user) -> Q:
    return Q(state__in=FINAL_STATES)


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    condition: object  # user → Q, or None for every file of the scope


QUEUES = (
    Queue("a-traiter", "À traiter", to_process_q),
    Queue("suivis", "Suivis", followed_q),
    Queue("traites", "Traités", processed_q),
    Queue("tous", "Tous", None),
)
BY_KEY = {queue.key: queue for queue in QUEUES}
DEFAULT = "a-traiter"


def current(params) -> Queue:
    """The queue named by `?onglet=`; an unknown name falls back to « à traiter »."""
    return BY_KEY.get(params.get("onglet") or DEFAULT, BY_KEY[DEFAULT])


def in_queue(applications: QuerySet[Application], queue: Queue, user) -> QuerySet[Application]:
    return applications if queue.condition is None else applications.filter(queue.condition(user))


def counts(applications: QuerySet[Application], user) -> dict[str, int]:
    """The number of files of each queue, in one query."""
    aggregates = {
        queue.key.replace("-", "_"): Count(
            "pk", filter=queue.condition(user) if queue.condition else None
        )
        for queue in QUEUES
    }
    totals = applications.order_by().aggregate(**aggregates)
    return {queue.key: totals[queue.key.replace("-", "_")] for queue in QUEUES}


def tabs(applications: QuerySet[Application], user, active: Queue) -> list[dict]:
    numbers = counts(applications, user)
    return [
        {
            "key": queue.key,
            "label": queue.label,
            "count": numbers[queue.key],
            "active": queue.key == active.key,
        }
        for queue in QUEUES
    ]


def next_to_process(user, application: Application) -> Application | None:
    """The file after `application` in the user's « à traiter » queue, oldest first (the list's
    default order), wrapping round to the oldest; None when nothing else waits."""
    queue = in_queue(selectors.instruction_scope(user), BY_KEY[DEFAULT], user).exclude(
        pk=application.pk
    )
    ordering = ["first_submitted_at", "pk"]
    after = None
    if application.first_submitted_at is not None:
        after = (
            queue.filter(
                Q(first_submitted_at__gt=application.first_submitted_at)
                | Q(first_submitted_at=application.first_submitted_at, pk__gt=application.pk)
            )
            .order_by(*ordering)
            .select_related("pole")
            .first()
        )
    return after or queue.order_by(*ordering).select_related("pole").first()
