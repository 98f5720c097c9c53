"""Write the life of the demo poles (`data/life/`) through the cooperation services.

Rows are keyed on natural keys: needs, topics, objectives, actions, resources and meetings on
(pole, title), matrix cells on (topic, need), join requests on (pole, contact e-mail). A row
that differs from the content is updated through its service, one that matches is left alone,
rows added by people using the demo are never deleted. Join requests, once there, are never
touched again (a reviewer may have answered them); they are written directly, because
`join_request_create` e-mails the coordinators and the demo must not send e-mail.

Dates are relative to `today` (see `spec_life`), so that a rerun on another day moves the
meetings and the calendar instead of adding rows.
"""

import datetime
from decimal import Decimal
from operator import attrgetter, itemgetter

from django.core.exceptions import ValidationError
from django.utils import timezone

from ptce.cooperation.life import services as life_services
from ptce.cooperation.models import (
    CooperationAction,
    JoinRequest,
    JoinRequestStatus,
    Meeting,
    SharedResource,
    StrategicObjective,
    TerritoryNeed,
    Topic,
    TopicNeedLink,
)
from ptce.cooperation.plan import services as plan_services
from ptce.cooperation.plan import services_matrix as plan_matrix
from ptce.poles.models import Membership

from .accounts import pole_people
from .content import LIVES
from .files import ContentError
from .meetings import meeting_plan
from .spec import demo_siret
from .spec_life import ActionSpec, LifeSpec

# What the summary counts, and whether the French word is feminine.
KINDS = {
    "besoins du territoire": False,
    "sujets à co-construire": False,
    "liens de la matrice": False,
    "objectifs stratégiques": False,
    "actions de coopération": True,
    "ressources partagées": True,
    "réunions et événements": True,
    "demandes d’adhésion": True,
}


def months_from(today: datetime.date, months: int | None) -> datetime.date | None:
    """The 15th of the month `months` months from `today` (None stays None): the same date
    all month long, so that a rerun within the month changes nothing."""
    if months is None:
        return None
    index = today.year * 12 + today.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 15)


def load(report, *, poles: dict, pole_specs: dict, users: dict, now: datetime.datetime) -> None:
    """`poles` and `pole_specs` by slug, `users` by e-mail."""
    members = _memberships([poles[life.pole].pk for life in LIVES])
    for life in LIVES:
        pole, spec = poles[life.pole], pole_specs[life.pole]
        people = [users[email] for email, _, _ in pole_people(spec)]
        try:
            _load_pole_life(report, pole, spec, life, people, members.get(pole.pk, {}), now)
        except ValidationError as error:
            raise ContentError(
                f"Vie du pôle « {pole.name} » : {' '.join(error.messages)}"
            ) from error


def _load_pole_life(report, pole, spec, life: LifeSpec, people, members, now) -> None:
    today = timezone.localdate(now)
    needs = [_need(report, pole, need, people) for need in _keyed(TerritoryNeed, pole, life.needs)]
    topics = [_topic(report, pole, topic, people) for topic in _keyed(Topic, pole, life.topics)]
    _matrix(report, pole, life, topics, needs, people[0])
    objectives = [
        _objective(report, pole, row)
        for row in _keyed(StrategicObjective, pole, life.objectives, title=itemgetter(0))
    ]
    links = {"members": members, "objectives": objectives, "topics": topics, "needs": needs}
    for action in _keyed(
        CooperationAction, pole, life.actions, "participants", "needs", "fundings"
    ):
        _action(report, pole, action, links, today)
    for resource in _keyed(SharedResource, pole, life.resources):
        _resource(report, pole, resource, members, people, today)
    planned = meeting_plan(spec, life.animation, members, now)
    for meeting in _keyed(Meeting, pole, planned, "attendees"):
        _meeting(report, pole, meeting, people[0])
    _join_requests(report, pole, life, people[0], now)


def _memberships(pole_ids) -> dict[int, dict[str, Membership]]:
    found: dict[int, dict[str, Membership]] = {}
    for membership in (
        Membership.objects.current().filter(pole_id__in=pole_ids).select_related("organisation")
    ):
        found.setdefault(membership.pole_id, {})[membership.organisation.name] = membership
    return found


def _member(pole, members: dict, name: str) -> Membership:
    if name not in members:
        raise ContentError(f"« {name} » n’est pas membre du pôle « {pole.name} ».")
    return members[name]


def _keyed(model, pole, specs, *prefetch, title=attrgetter("title")) -> list[tuple]:
    """(spec, the pole's row of the same title or None) for each spec."""
    rows = {row.title: row for row in model.objects.filter(pole=pole).prefetch_related(*prefetch)}
    return [(spec, rows.get(title(spec))) for spec in specs]


def _differs(obj, values: dict) -> bool:
    return any(getattr(obj, name) != value for name, value in values.items())


def _count(report, kind: str, existing, changed: bool) -> None:
    counter = report.created if existing is None else report.updated if changed else None
    (counter if counter is not None else report.unchanged)[kind] += 1


def _sync(report, kind: str, obj, changed: bool, create, update):
    """Count the row, then create it, update it or leave it; returns the row."""
    _count(report, kind, obj, obj is not None and changed)
    if obj is None:
        return create()
    return update() if changed else obj


def _need(report, pole, keyed, people) -> TerritoryNeed:
    spec, need = keyed
    values = {
        "title": spec.title,
        "theme": spec.theme,
        "description": spec.description,
        "source": spec.source,
        "affected": spec.affected,
        "is_covered_elsewhere": bool(spec.covered_by),
        "covered_by": spec.covered_by,
        "is_public": spec.is_public,
    }
    return _sync(
        report,
        "besoins du territoire",
        need,
        need is not None and _differs(need, values),
        lambda: plan_services.need_create(pole=pole, proposed_by=people[spec.proposer], **values),
        lambda: plan_services.need_update(need=need, **values),
    )


def _topic(report, pole, keyed, people) -> Topic:
    spec, topic = keyed
    values = {"title": spec.title, "description": spec.description}
    return _sync(
        report,
        "sujets à co-construire",
        topic,
        topic is not None and _differs(topic, values),
        lambda: plan_services.topic_create(pole=pole, proposed_by=people[spec.proposer], **values),
        lambda: plan_services.topic_update(topic=topic, **values),
    )


def _objective(report, pole, keyed) -> StrategicObjective:
    (title, description), objective = keyed
    return _sync(
        report,
        "objectifs stratégiques",
        objective,
        objective is not None and objective.description != description,
        lambda: plan_services.objective_create(pole=pole, title=title, description=description),
        lambda: plan_services.objective_update(
            objective=objective, title=title, description=description, position=objective.position
        ),
    )


def _matrix(report, pole, life: LifeSpec, topics, needs, marked_by) -> None:
    wanted = {
        (topics[t].pk, needs[n].pk): strength
        for t, spec in enumerate(life.topics)
        for n, strength in spec.answers
    }
    if not wanted:
        return
    existing = {
        (topic_id, need_id): strength
        for topic_id, need_id, strength in TopicNeedLink.objects.filter(
            topic__pole=pole
        ).values_list("topic_id", "need_id", "strength")
    }
    changes = {}
    for key, strength in wanted.items():
        current = existing.get(key)
        _count(report, "liens de la matrice", current, current != strength)
        if current != strength:
            changes[key] = strength
    if changes:
        plan_matrix.matrix_set(pole=pole, cells=changes, marked_by=marked_by)


def _action(report, pole, keyed: tuple[ActionSpec, object], links: dict, today) -> None:
    spec, action = keyed
    participants = [_member(pole, links["members"], name) for name in spec.participants]
    outcomes = spec.outcomes
    fields = {
        "title": spec.title,
        "description": spec.description,
        "action_type": spec.action_type,
        "status": spec.status,
        "objective": None if spec.objective is None else links["objectives"][spec.objective],
        "topic": None if spec.topic is None else links["topics"][spec.topic],
        "lead": participants[0],
        "partners": spec.partners,
        "ess_statute": spec.ess_statute,
        "start_date": months_from(today, spec.start),
        "end_date": months_from(today, spec.end),
        "budget": None if spec.budget is None else Decimal(spec.budget),
        "in_action_plan": spec.in_plan,
        "is_public": True,
        "jobs_created_etp": Decimal(outcomes.jobs_created),
        "jobs_kept_etp": Decimal(outcomes.jobs_kept),
        "activities_created": outcomes.activities,
        "turnover": None if outcomes.turnover is None else Decimal(outcomes.turnover),
    }
    answered = [links["needs"][n] for n in spec.needs]
    fundings = sorted((source, Decimal(amount)) for source, amount in outcomes.fundings)
    changed = action is not None and (
        _differs(action, _by_id(fields))
        or {m.pk for m in action.participants.all()} != {m.pk for m in participants}
        or {n.pk for n in action.needs.all()} != {n.pk for n in answered}
        or sorted((f.source, f.amount) for f in action.fundings.all()) != fundings
    )
    save = lambda: plan_services.action_save(  # noqa: E731
        pole=pole,
        action=action,
        participants=participants,
        needs=answered,
        fundings=fundings,
        **fields,
    )
    _sync(report, "actions de coopération", action, changed, save, save)


def _by_id(fields: dict) -> dict:
    """Compare links by their ids (no query per link)."""
    links = {"objective", "topic", "lead"}
    return {
        (f"{name}_id" if name in links else name): (
            getattr(value, "pk", None) if name in links else value
        )
        for name, value in fields.items()
    }


def _resource(report, pole, keyed, members, people, today) -> None:
    spec, resource = keyed
    membership = _member(pole, members, spec.org)
    values = {
        "kind": spec.kind,
        "category": spec.category,
        "title": spec.title,
        "description": spec.description,
        "available_from": months_from(today, spec.available_from),
        "available_until": months_from(today, spec.available_until),
    }
    changed = resource is not None and (
        _differs(resource, values)
        or resource.membership_id != membership.pk
        or not resource.is_active
    )

    def update():
        updated = life_services.resource_update(resource=resource, membership=membership, **values)
        life_services.resource_set_active(resource=updated, is_active=True)

    create = lambda: life_services.resource_create(  # noqa: E731
        pole=pole, membership=membership, created_by=people[spec.author], **values
    )
    _sync(report, "ressources partagées", resource, changed, create, update)


def _meeting(report, pole, keyed, coordinator) -> None:
    planned, meeting = keyed
    fields, attendees = planned.fields, planned.attendees
    changed = meeting is not None and (
        _differs(meeting, fields)
        or {m.pk for m in meeting.attendees.all()} != {m.pk for m in attendees}
    )
    _sync(
        report,
        "réunions et événements",
        meeting,
        changed,
        lambda: life_services.meeting_create(
            pole=pole, created_by=coordinator, attendees=attendees, **fields
        ),
        lambda: life_services.meeting_update(meeting=meeting, attendees=attendees, **fields),
    )


def _join_requests(report, pole, life: LifeSpec, coordinator, now) -> None:
    existing = set(JoinRequest.objects.filter(pole=pole).values_list("contact_email", flat=True))
    for spec in life.join_requests:
        if spec.contact_email in existing:
            report.unchanged["demandes d’adhésion"] += 1
            continue
        declined = bool(spec.declined_reason)
        join_request = JoinRequest(
            pole=pole,
            organisation_name=spec.organisation,
            siret=demo_siret(spec.organisation, spec.category),
            legal_category=spec.category,
            commune_id=spec.commune,
            contact_name=spec.contact_name,
            contact_email=spec.contact_email,
            contribution=spec.contribution,
            needs=spec.needs,
            status=JoinRequestStatus.DECLINED if declined else JoinRequestStatus.PENDING,
            decline_reason=spec.declined_reason,
            decided_by=coordinator if declined else None,
            decided_at=now - datetime.timedelta(days=spec.days_ago - 5) if declined else None,
        )
        join_request.full_clean(exclude=["commune", "organisation", "decided_by"])
        join_request.save()
        JoinRequest.objects.filter(pk=join_request.pk).update(
            created_at=now - datetime.timedelta(days=spec.days_ago)
        )
        report.created["demandes d’adhésion"] += 1
