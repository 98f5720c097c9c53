"""Writes for steps 2 and 3: territory needs and topics (the matrix: `services_matrix`);
strategic objectives, cooperation actions, their outcomes and funding."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from ptce.core.invalidation import pole_activity_changed
from ptce.core.once import check_unique, save_unique
from ptce.core.versioning import check_version
from ptce.poles.models import Membership, Pole

from ..models import (
    ActionFunding,
    ActionType,
    CooperationAction,
    FundingSource,
    StrategicObjective,
    TerritoryNeed,
    Topic,
)

NEED_FIELDS = (
    "title",
    "theme",
    "description",
    "source",
    "affected",
    "is_covered_elsewhere",
    "covered_by",
    "is_public",
)
TOPIC_FIELDS = ("title", "description")
ACTION_FIELDS = (
    "title",
    "description",
    "action_type",
    "status",
    "objective",
    "topic",
    "lead",
    "partners",
    "ess_statute",
    "start_date",
    "end_date",
    "budget",
    "in_action_plan",
    "is_public",
    "jobs_created_etp",
    "jobs_kept_etp",
    "activities_created",
    "turnover",
)
NON_NEGATIVE = {
    "jobs_created_etp": "Le nombre d’emplois créés (ETP) ne peut pas être négatif.",
    "jobs_kept_etp": "Le nombre d’emplois maintenus (ETP) ne peut pas être négatif.",
    "budget": "Le budget ne peut pas être négatif.",
    "turnover": "Le chiffre d’affaires ne peut pas être négatif.",
}
MIN_PARTICIPANTS = 2


# --- Step 2: needs and topics --------------------------------------------------------------


def _save_proposal(instance, fields: dict, allowed, *, unique: dict | None = None) -> None:
    """`unique`: on creation, the title's uniqueness (`_same_title`), told with a link."""
    if unique:
        check_unique(**unique)
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise TypeError(f"unexpected fields: {', '.join(unknown)}")
    for name, value in fields.items():
        setattr(instance, name, value.strip() if isinstance(value, str) else value)
    # `proposed_by` may be empty: its author's account may have been deleted since.
    instance.full_clean(exclude=["proposed_by"])
    if unique:
        save_unique(instance, **unique)
    else:
        instance.save()


def _same_title(model, pole: Pole, title: str, *, message: str, page: str, anchor: str) -> dict:
    """The arguments of `check_unique` / `save_unique` for a title unique in its pole (the
    database's `Lower("title")` constraints): the existing row, linked on its list."""
    title = (title or "").strip()
    return {
        "existing": lambda: model.objects.filter(pole=pole, title__iexact=title).first(),
        "message": message.format(title),
        "url": lambda found: reverse(page, args=[pole.slug]) + f"#{anchor}-{found.pk}",
        "field": "title",
    }


@transaction.atomic
def need_create(*, pole: Pole, proposed_by, **fields) -> TerritoryNeed:
    need = TerritoryNeed(pole=pole, proposed_by=proposed_by)
    unique = _same_title(
        TerritoryNeed,
        pole,
        fields.get("title"),
        message="Le besoin « {} » est déjà recensé dans ce pôle.",
        page="cooperation:needs",
        anchor="besoin",
    )
    _save_proposal(need, fields, NEED_FIELDS, unique=unique)
    return need


@transaction.atomic
def need_update(*, need: TerritoryNeed, version: int | None = None, **fields) -> TerritoryNeed:
    """`version`: the one the form was loaded from (EditConflict if stale)."""
    check_version(need, version)
    if not fields.get("is_covered_elsewhere", need.is_covered_elsewhere):
        fields["covered_by"] = ""
    _save_proposal(need, fields, NEED_FIELDS)
    return need


@transaction.atomic
def need_delete(*, need: TerritoryNeed) -> None:
    need.delete()


@transaction.atomic
def topic_create(*, pole: Pole, proposed_by, **fields) -> Topic:
    topic = Topic(pole=pole, proposed_by=proposed_by)
    unique = _same_title(
        Topic,
        pole,
        fields.get("title"),
        message="Le sujet « {} » est déjà proposé dans ce pôle.",
        page="cooperation:topics",
        anchor="sujet",
    )
    _save_proposal(topic, fields, TOPIC_FIELDS, unique=unique)
    return topic


@transaction.atomic
def topic_update(*, topic: Topic, version: int | None = None, **fields) -> Topic:
    check_version(topic, version)
    _save_proposal(topic, fields, TOPIC_FIELDS)
    return topic


@transaction.atomic
def topic_delete(*, topic: Topic) -> None:
    topic.delete()


# --- Step 3: strategic objectives ----------------------------------------------------------


@transaction.atomic
def objective_create(*, pole: Pole, title: str, description: str = "") -> StrategicObjective:
    unique = _same_title(
        StrategicObjective,
        pole,
        title,
        message="L’objectif « {} » est déjà au plan d’action.",
        page="cooperation:plan",
        anchor="objectif",
    )
    check_unique(**unique)
    last = StrategicObjective.objects.filter(pole=pole).aggregate(last=Max("position"))["last"]
    objective = StrategicObjective(
        pole=pole,
        title=title.strip(),
        description=description.strip(),
        position=0 if last is None else last + 1,
    )
    objective.full_clean(validate_constraints=False)
    return save_unique(objective, **unique)


@transaction.atomic
def objective_update(
    *,
    objective: StrategicObjective,
    title: str,
    description: str = "",
    position: int,
    version: int | None = None,
) -> StrategicObjective:
    check_version(objective, version)
    objective.title, objective.description = title.strip(), description.strip()
    objective.position = position
    objective.full_clean()
    objective.save()
    return objective


@transaction.atomic
def objective_delete(*, objective: StrategicObjective) -> None:
    """The objective goes; its actions stay, without objective."""
    objective.delete()


# --- Cooperation actions -------------------------------------------------------------------


def _check_belongs(errors, field, obj, pole, label):
    if obj is not None and obj.pole_id != pole.pk:
        errors[field] = f"{label} n’appartient pas à ce pôle."


def _check_participants(errors, pole, action, participants, lead) -> set[Membership]:
    """New participants must be current members of the pole; those already on the action may
    stay after leaving the pole (the action's history keeps them)."""
    already = set(action.participants.all()) if action is not None else set()
    chosen = set(participants)
    if lead is not None:
        previous = action.lead if action is not None else None
        if lead.pole_id != pole.pk or (lead.left_on is not None and lead != previous):
            errors["lead"] = "Le membre pilote doit être une organisation membre du pôle."
        chosen.add(lead)
    strangers = sorted(
        str(m.organisation)
        for m in chosen
        if m.pole_id != pole.pk or (m.left_on is not None and m not in already)
    )
    if strangers:
        errors["participants"] = (
            "Ces organisations ne sont pas membres du pôle : " + ", ".join(strangers) + "."
        )
    elif len({m.organisation_id for m in chosen}) < MIN_PARTICIPANTS:
        errors["participants"] = (
            "Une action de coopération réunit au moins deux organisations membres du pôle : "
            "choisissez-en au moins deux (le membre pilote compte)."
        )
    return chosen


def _check_fundings(errors, fundings) -> list[tuple[str, Decimal]]:
    cleaned = []
    for source, amount in fundings:
        if source not in FundingSource.values:
            errors["fundings"] = f"Source de financement inconnue : « {source} »."
        elif amount is None or amount < 0:
            errors["fundings"] = "Le montant d’un financement ne peut pas être négatif."
        else:
            cleaned.append((source, amount))
    return cleaned


@transaction.atomic
def action_save(
    *,
    pole: Pole,
    action: CooperationAction | None = None,
    participants=(),
    needs=(),
    fundings=(),
    version: int | None = None,
    **fields,
) -> CooperationAction:
    """Create (`action=None`) or update an action with its participants, the needs it answers
    and its funding by source (`fundings`: `(source, amount)` pairs, replacing the old ones);
    `version`: the one an edit form was loaded from (EditConflict if stale, funding included).

    Every rule is checked before anything is written; on error a `ValidationError` keyed by
    field says what is wrong, in French.
    """
    unknown = sorted(set(fields) - set(ACTION_FIELDS))
    if unknown:
        raise TypeError(f"action_save() got unexpected fields: {', '.join(unknown)}")
    if action is not None:
        check_version(action, version)
    errors = {}
    lead = fields.get("lead", action.lead if action else None)
    chosen = _check_participants(errors, pole, action, participants, lead)
    _check_belongs(errors, "objective", fields.get("objective"), pole, "Cet objectif")
    _check_belongs(errors, "topic", fields.get("topic"), pole, "Ce sujet")
    foreign_needs = [need for need in needs if need.pole_id != pole.pk]
    if foreign_needs:
        errors["needs"] = "Ces besoins n’appartiennent pas à ce pôle : " + ", ".join(
            str(need) for need in foreign_needs
        )
    for name, message in NON_NEGATIVE.items():
        value = fields.get(name)
        if value is not None and value < 0:
            errors[name] = message
    start, end = fields.get("start_date"), fields.get("end_date")
    if start and end and end < start:
        errors["end_date"] = "La date de fin doit être postérieure ou égale à la date de début."
    funding_rows = _check_fundings(errors, fundings)
    if errors:
        raise ValidationError(errors)

    action = action or CooperationAction(pole=pole)
    for name, value in fields.items():
        setattr(action, name, value.strip() if isinstance(value, str) else value)
    action.full_clean()
    action.save()
    action.participants.set(chosen)
    action.needs.set(needs)
    ActionFunding.objects.filter(action=action).delete()
    ActionFunding.objects.bulk_create(
        ActionFunding(action=action, source=source, amount=amount)
        for source, amount in funding_rows
    )
    pole_activity_changed(region_code=action.pole.region_id)
    return action


@transaction.atomic
def action_delete(*, action: CooperationAction) -> None:
    action.delete()
    pole_activity_changed(region_code=action.pole.region_id)


def action_initial_from_matrix(*, pole: Pole, topic_id, need_id) -> dict:
    """Pre-filled values for an action born from a cell of the matrix (unknown ids ignored)."""
    initial = {}
    topic = Topic.objects.filter(pole=pole, pk=_int(topic_id)).first() if topic_id else None
    need = TerritoryNeed.objects.filter(pole=pole, pk=_int(need_id)).first() if need_id else None
    if topic is not None:
        initial.update(topic=topic, title=topic.title, description=topic.description)
    if need is not None:
        initial["needs"] = [need]
        initial.setdefault("title", need.title)
    return initial


def action_initial_from_match(*, pole: Pole, title, action_type, participant_ids) -> dict:
    """Pre-filled values for an action born from a pooling match (bad values ignored)."""
    initial = {}
    if title:
        initial["title"] = title[:200]
    if action_type in ActionType.values:
        initial["action_type"] = action_type
    ids = [_int(value) for value in participant_ids[:20]]
    participants = list(Membership.objects.current().filter(pole=pole, pk__in=ids))
    if participants:
        initial["participants"] = participants
    return initial


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
