"""Write the demo's State calls and applications (`data/calls.yaml`).

Calls are keyed on their slug, phases on (call, number), questions on (phase, key), criteria
on (phase, label); a call already there keeps its form (an admin may have edited it).
Applications are keyed on (phase, pole): one already there is left as it is, whatever its
state. A new one walks its path through the transition table (`workflow.WORKFLOW.check_move`
refuses a path the table does not allow), with the dates it happened: the log, the submission
and the decision dates are written as they would have been. No e-mail and no webhook is sent.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from ptce.calls.applicant.prefill import pole_snapshot, prefill_answers
from ptce.calls.models import (
    DECISION_STATES,
    Annotation,
    Application,
    ApplicationState,
    ApplicationTransition,
    Call,
    Message,
    Opinion,
    Phase,
    Question,
    Score,
    ScoringCriterion,
    Section,
)
from ptce.calls.moves import instruction_place
from ptce.calls.workflow import APPLICANT, NATIONAL, WORKFLOW
from ptce.core.tokens import token_hash
from ptce.poles.models import Stage

from .accounts import DOMAIN, NATIONAL_CELL, STAFF, coordinator_email
from .content import ANSWERS, APPLICATIONS, CALLS
from .files import ContentError
from .spec_life import ApplicationSpec, CallSpec, PhaseSpec

KINDS = {"appels": False, "candidatures": True}


def load(report, *, poles: dict, pole_specs: dict, users: dict, now) -> None:
    phases = {}
    for spec in CALLS:
        call, created = _load_call(spec)
        (report.created if created else report.unchanged)["appels"] += 1
        for phase in call.phases.all():
            phases[(spec.slug, phase.number)] = phase
    existing = set(Application.objects.values_list("phase_id", "pole_id"))
    instructors = _instructors_by_region(users)
    for spec in APPLICATIONS:
        phase, pole = phases[(spec.call, spec.phase)], poles[spec.pole]
        if (phase.pk, pole.pk) in existing:
            report.unchanged["candidatures"] += 1
            continue
        coordinator = users[coordinator_email(pole_specs[spec.pole])]
        instructor = instructors.get(pole.region.code, users[NATIONAL_CELL.email])
        _write_application(spec, phase, pole, coordinator, instructor, users, now)
        report.created["candidatures"] += 1


def _instructors_by_region(users: dict) -> dict:
    by_region = {}
    for account in STAFF:
        if account.is_instructor and not account.is_national_instructor:
            for code in account.regions:
                by_region[code] = users[account.email]
    return by_region


def _load_call(spec: CallSpec) -> tuple[Call, bool]:
    call = Call.objects.filter(slug=spec.slug).first()
    if call is not None:
        return call, False
    call = Call.objects.create(
        slug=spec.slug,
        name=spec.name,
        year=spec.year,
        summary=spec.summary,
        description=spec.description,
        is_published=True,
    )
    for phase_spec in spec.phases:
        _create_phase(call, phase_spec)
    return call, True


def _create_phase(call: Call, spec: PhaseSpec) -> Phase:
    phase = Phase.objects.create(
        call=call,
        number=spec.number,
        name=spec.name,
        description=spec.description,
        is_recognition=spec.is_recognition,
        support_type=spec.support_type,
        support_description=spec.support_description,
        amount_per_laureate=spec.amount_per_laureate,
        total_budget=spec.total_budget,
        opens_on=spec.opens_on,
        closes_on=spec.closes_on,
        is_permanent=spec.is_permanent,
        requires_compliance=spec.requires_compliance,
        minimum_stage=spec.minimum_stage,
    )
    for position, section_spec in enumerate(spec.sections):
        section = Section.objects.create(phase=phase, position=position, title=section_spec.title)
        for index, question in enumerate(section_spec.questions):
            parent = _create_question(section, question, index)
            for child_index, child in enumerate(question.children):
                _create_question(section, child, child_index, parent=parent)
    ScoringCriterion.objects.bulk_create(
        ScoringCriterion(phase=phase, position=i, label=label, weight=weight, max_score=top)
        for i, (label, weight, top) in enumerate(spec.criteria)
    )
    return phase


def _create_question(section, spec, position, parent=None) -> Question:
    key = spec.key if parent is None else f"{parent.key}-{spec.key}"
    return Question.objects.create(
        section=section,
        parent=parent,
        position=position,
        key=key,
        label=spec.label,
        kind=spec.kind,
        required=spec.required,
        choices=list(spec.choices),
        prefill=spec.prefill,
        help_text=spec.help_text,
    )


def _aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _token_hash(spec: ApplicationSpec, name: str) -> str:
    return token_hash(f"demo:{spec.call}:{spec.pole}:{name}")


def _write_application(spec, phase, pole, coordinator, instructor, users, now) -> None:
    national = users[NATIONAL_CELL.email]
    application = Application(
        phase=phase, pole=pole, created_by=coordinator, answers=_answers(phase, pole)
    )
    prefill_answers(application)
    application.save()
    state, day = ApplicationState.DRAFT, spec.started
    log, times = [], []
    for name, days, motivation in spec.path:
        try:
            transition = WORKFLOW.check_move(state, name)
        except ValidationError as error:
            raise ContentError(
                f"Candidature de « {pole.name} » à « {phase} » : {' '.join(error.messages)}"
            ) from error
        day += datetime.timedelta(days=days)
        if day > timezone.localdate(now):
            raise ContentError(f"Candidature de « {pole.name} » : étape « {name} » future.")
        actor = {APPLICANT: coordinator, NATIONAL: national}.get(transition.actor, instructor)
        at = _aware(day, 9 + len(log) % 8)
        log.append(
            ApplicationTransition(
                application=application,
                from_state=state,
                to_state=transition.target,
                by=actor,
                motivation=motivation,
            )
        )
        times.append(at)
        state = transition.target
        if state == ApplicationState.SUBMITTED:
            application.submitted_at = at
            if application.first_submitted_at is None:
                # As `moves.move` does: the instruction's région is the pole's at the first
                # submission, so the région's instructors find the file in their lists.
                application.region_id, application.departement_id = instruction_place(pole)
            application.first_submitted_at = application.first_submitted_at or at
        if state in DECISION_STATES:
            application.decided_at = at
            application.decision_motivation = motivation
    # `at` is stamped on insert: set it to when it happened.
    for row, at in zip(ApplicationTransition.objects.bulk_create(log), times, strict=True):
        ApplicationTransition.objects.filter(pk=row.pk).update(at=at)
    application.state = state
    if application.submitted_at:
        application.snapshot = {
            "answers": application.answers,
            "pole": pole_snapshot(pole),
            "taken_at": application.submitted_at.isoformat(),
        }
    if spec.proposal:
        application.proposal, application.proposal_motivation = spec.proposal
        application.proposed_by = instructor
        application.proposed_at = application.decided_at or _aware(day, 15)
    application.support_granted = spec.support_granted
    application.amount_granted = spec.amount_granted
    application.save()
    Application.objects.filter(pk=application.pk).update(
        created_at=_aware(spec.started, 8), updated_at=_aware(day, 18)
    )
    if state != ApplicationState.DRAFT:
        application.assigned_to.add(instructor)
    _write_instruction(spec, application, phase, coordinator, instructor, _aware(day, 11))
    if state == ApplicationState.LAUREATE and phase.is_recognition:
        pole.stage = Stage.RECOGNISED
        pole.save(update_fields=["stage", "updated_at"])


def _write_instruction(spec, application, phase, coordinator, instructor, when) -> None:
    Annotation.objects.bulk_create(
        Annotation(application=application, author=instructor, body=body)
        for body in spec.annotations
    )
    Message.objects.bulk_create(
        Message(
            application=application,
            author=instructor if from_instruction else coordinator,
            from_instruction=from_instruction,
            body=body,
        )
        for from_instruction, body in spec.messages
    )
    for name, question, confidential, answer in spec.opinions:
        slug = name.lower().replace(" ", ".")
        Opinion.objects.create(
            application=application,
            expert_name=name,
            expert_email=f"{slug}@expertise.{DOMAIN}",
            question=question,
            is_confidential=confidential,
            token_hash=_token_hash(spec, name),
            requested_by=instructor,
            answered_at=when if answer else None,
            body=answer,
        )
    criteria = list(phase.criteria.order_by("position"))
    Score.objects.bulk_create(
        Score(application=application, criterion=criterion, value=value, scored_by=instructor)
        for criterion, value in zip(criteria, spec.scores, strict=False)
    )


def _answers(phase: Phase, pole) -> dict:
    """Plausible answers from the pole's own data, for the questions the phase asks."""
    main = pole.places.filter(is_main=True).first() or pole.places.first()
    summary = pole.summary or pole.name
    known = {
        **ANSWERS,
        "presentation": f"{summary} {pole.description}".strip(),
        "siege": main.commune_id if main else "",
        "charte": pole.charter_signed_on is not None,
        "projet": ANSWERS["projet"].format(name=pole.name),
    }
    asked = set(Question.objects.filter(section__phase=phase).values_list("key", flat=True))
    return {key: value for key, value in known.items() if key in asked}
