"""Write the demo's ECARTS evaluations (`data/evaluations.yaml`) through the assessments services.

Each evaluation goes the way a coordinator takes it: created in « brouillon », raters added
(people of the pole, externals invited by e-mail), opened, sheets filled and sent (paper sheets
typed in by the coordinator), consolidated (agreed score: the median, with a comment where
raters diverged; a synthesis; an action plan), validated, its radar published for some. The
services check the workflow and write the transition log; the coordinator's account acts.

Then the dates are moved back to when it happened (creation, invitations, sheets sent,
transitions, validation), with plain updates: the services stamp everything « now ».

No e-mail is sent: raters are marked invited before the evaluation opens, so that
`evaluation_open` has nobody left to invite (demo addresses are fictitious).

Keyed on (pole, title): an evaluation already there is left as it is, whatever its state (a
validated one cannot change; an open one may have been filled by a reviewer since).
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from ptce.assessments.evaluation import services, services_consolidation, services_sheet
from ptce.assessments.evaluation import services_workflow as workflow
from ptce.assessments.models import (
    Answer,
    Criterion,
    Evaluation,
    EvaluationState,
    EvaluationTransition,
    Rater,
)
from ptce.organisations.models import LegalCategory

from . import sheets as sheets_
from .accounts import coordinator_email, pole_people
from .content import EVALUATIONS
from .files import ContentError
from .spec_life import EvaluationSpec

KINDS = {"évaluations ECARTS": True}


def load(report, *, poles: dict, pole_specs: dict, users: dict, referentiel, now) -> None:
    letters = set(
        Criterion.objects.filter(referentiel=referentiel).values_list("letter", flat=True)
    )
    if letters != set(sheets_.LETTERS):
        raise ContentError(
            f"Le référentiel « {referentiel.code} » n’a pas les critères A à I attendus par la "
            "démonstration."
        )
    existing = set(
        Evaluation.objects.filter(pole__in=list(poles.values())).values_list("pole_id", "title")
    )
    previous: dict[str, dict] = {}
    for spec in EVALUATIONS:
        pole, pole_spec = poles[spec.pole], pole_specs[spec.pole]
        people = [
            (email, f"{p.first_name} {p.last_name}") for email, p, _ in pole_people(pole_spec)
        ]
        context = _context(pole_spec)
        sheets = sheets_.sheets(spec, people, context)
        scores = sheets_.agreed(sheets) if spec.state == EvaluationState.VALIDATED else None
        if (pole.pk, spec.title) in existing:
            report.unchanged["évaluations ECARTS"] += 1
        else:
            coordinator = users[coordinator_email(pole_spec)]
            try:
                _write(
                    spec,
                    pole=pole,
                    carrier=pole_spec.carrier.name,
                    coordinator=coordinator,
                    users=users,
                    sheets=sheets,
                    scores=scores,
                    previous=previous.get(spec.pole),
                    referentiel=referentiel,
                    when=_timeline(spec, now),
                )
            except ValidationError as error:
                raise ContentError(
                    f"Évaluation « {spec.title} » du pôle « {pole.name} » : "
                    + " ".join(error.messages)
                ) from error
            report.created["évaluations ECARTS"] += 1
        if scores is not None:
            previous[spec.pole] = scores


def _context(pole_spec) -> dict:
    place = next((p for p in pole_spec.places if p.is_main), pole_spec.places[0])
    authority = next(
        (m.org.name for m in pole_spec.members if m.org.category == LegalCategory.COLLECTIVITE),
        "La collectivité",
    )
    return {"lieu": place.name, "collectivite": authority}


def _aware(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _timeline(spec: EvaluationSpec, now: datetime.datetime) -> dict:
    """When each step happened: around the consolidation workshop for a validated
    evaluation, relative to today for the open one and the one in consolidation."""
    if spec.held_on is not None:
        held = spec.held_on
        return {
            "created": _aware(held - datetime.timedelta(days=35), 11),
            "opened": _aware(held - datetime.timedelta(days=28), 9),
            "first_sheet": _aware(held - datetime.timedelta(days=21), 17),
            "consolidation": _aware(held, 16),
            "validated": _aware(held + datetime.timedelta(days=10), 10),
            "deadline": held - datetime.timedelta(days=3),
            "period": (held - datetime.timedelta(days=365), held),
        }
    today = timezone.localdate(now)
    days_open = 12 if spec.state == EvaluationState.OPEN else 40
    opened = today - datetime.timedelta(days=days_open)
    deadline = opened + datetime.timedelta(days=30 if spec.state == EvaluationState.OPEN else 28)
    return {
        "created": _aware(opened - datetime.timedelta(days=3), 11),
        "opened": _aware(opened, 9),
        "first_sheet": _aware(opened + datetime.timedelta(days=2), 17),
        "consolidation": _aware(today - datetime.timedelta(days=3), 16),
        "validated": None,
        "deadline": deadline,
        "period": (datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)),
    }


def _write(
    spec: EvaluationSpec,
    *,
    pole,
    carrier: str,
    coordinator,
    users: dict,
    sheets: list,
    scores: dict | None,
    previous: dict | None,
    referentiel,
    when: dict,
) -> None:
    """Take one evaluation through the workflow, as its coordinator, then date it back."""
    evaluation = services.evaluation_create(
        pole=pole,
        title=spec.title,
        created_by=coordinator,
        referentiel=referentiel,
        period_start=when["period"][0],
        period_end=when["period"][1],
        mode=spec.mode,
        deadline=when["deadline"],
    )
    raters = {}
    for sheet in sheets:
        if sheet.kind == sheets_.MEMBER:
            raters[sheet.kind, sheet.index] = services.rater_add_member(
                evaluation=evaluation, user=users[sheet.email], by=coordinator
            )
        elif sheet.kind == sheets_.EXTERNAL:
            raters[sheet.kind, sheet.index] = services.rater_invite_external(
                evaluation=evaluation, name=sheet.name, email=sheet.email, by=coordinator
            )
    # Marked invited before opening: `evaluation_open` then sends no e-mail.
    Rater.objects.filter(evaluation=evaluation).update(invited_at=when["opened"])
    workflow.evaluation_open(evaluation=evaluation, by=coordinator)
    sent_at = when["first_sheet"]
    for sheet in sheets:
        if sheet.kind == sheets_.PAPER:
            rater = services_sheet.sheet_enter_on_paper(
                evaluation=evaluation,
                participant_name=sheet.name,
                answers=sheet.answers,
                by=coordinator,
            )
        else:
            rater = raters[sheet.kind, sheet.index]
            if not sheet.answers:
                continue  # not even a draft yet
            services_sheet.sheet_save(rater=rater, answers=sheet.answers, submit=sheet.sent)
        stamp = sent_at if sheet.sent else None
        Rater.objects.filter(pk=rater.pk).update(submitted_at=stamp)
        Answer.objects.filter(rater=rater).update(updated_at=sent_at)
        sent_at += datetime.timedelta(days=1, hours=3)
    if spec.state != EvaluationState.OPEN:
        workflow.evaluation_start_consolidation(evaluation=evaluation, by=coordinator)
    if spec.state == EvaluationState.VALIDATED:
        services_consolidation.consolidation_save(
            evaluation=evaluation,
            scores=scores,
            synthesis=sheets_.synthesis(spec, scores, previous),
            action_items=sheets_.action_items(scores, carrier=carrier, held_on=spec.held_on),
            by=coordinator,
        )
        workflow.evaluation_validate(evaluation=evaluation, by=coordinator)
        if spec.is_public:
            services.evaluation_publish(evaluation=evaluation, is_public=True, by=coordinator)
    _backdate(evaluation, when)


def _backdate(evaluation: Evaluation, when: dict) -> None:
    Evaluation.objects.filter(pk=evaluation.pk).update(
        created_at=when["created"], validated_at=when["validated"]
    )
    moments = {
        EvaluationState.OPEN: when["opened"],
        EvaluationState.CONSOLIDATION: when["consolidation"],
        EvaluationState.VALIDATED: when["validated"],
    }
    for state, moment in moments.items():
        if moment is not None:
            EvaluationTransition.objects.filter(evaluation=evaluation, to_state=state).update(
                at=moment
            )
