"""Reports: their creation with the agreement's deadlines, prefilled from the pole's data, the
coordinator's versioned edit, the moves (submit, accept, request changes) and the reminders.

The form is the call's `ReportQuestion`s built by the application forms' builder (one
`SectionForm`, the questions carrying their section title); the prefill reuses the
application's sources and adds two a report needs: the actions with their outcomes, and the
evolution of the ECARTS evaluations.
"""

import datetime
from itertools import groupby
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from ptce.assessments.models import ConsolidatedScore, Evaluation, EvaluationState
from ptce.calls.applicant.formbuilder import SectionForm, is_empty
from ptce.calls.applicant.prefill import PREFILL_SOURCES, adapt, fresh_data
from ptce.cooperation.models import ActionStatus, CooperationAction
from ptce.core.mail import mail_after_commit
from ptce.core.versioning import check_version
from ptce.poles.models import PersonRole, PolePerson

from .models import (
    Agreement,
    Instalment,
    Report,
    ReportKind,
    ReportQuestion,
    ReportState,
    ReportTransition,
)
from .selectors import add_months
from .workflow import REPORT_WORKFLOW

# The instalments' conditions an accepted report meets (« rapport intermédiaire reçu »).
CONDITION_WORDS = {ReportKind.INTERIM: "rapport intermédiaire", ReportKind.FINAL: "rapport final"}
EDITABLE_STATES = (ReportState.DRAFT, ReportState.CHANGES)


# --- Prefill ----------------------------------------------------------------------------------


def validated_evaluations(pole) -> list[dict]:
    """The pole's validated ECARTS evaluations, oldest first, each with its scores by letter
    (two queries)."""
    evaluations = list(
        Evaluation.objects.filter(pole=pole, state=EvaluationState.VALIDATED).order_by(
            F("validated_at").asc(nulls_first=True), "created_at", "pk"
        )
    )
    scores = {}
    for row in ConsolidatedScore.objects.filter(
        evaluation__in=evaluations, score__isnull=False
    ).values("evaluation_id", "criterion__letter", "score"):
        scores.setdefault(row["evaluation_id"], {})[row["criterion__letter"]] = row["score"]
    return [
        {
            "evaluation": e,
            "date": (e.validated_at or e.created_at).date(),
            "notes": scores.get(e.pk, {}),
        }
        for e in evaluations
    ]


def _evolution(pole):
    evaluations = validated_evaluations(pole)
    if len(evaluations) < 2:
        return None
    before, after = evaluations[-2]["notes"], evaluations[-1]["notes"]
    return {
        letter: f"{before.get(letter, '—')} → {after.get(letter, '—')}"
        for letter in sorted(set(before) | set(after))
    }


def _actions_and_outcomes(pole):
    actions = CooperationAction.objects.filter(pole=pole).exclude(status=ActionStatus.ABANDONED)
    return [
        f"{a.title} ({a.get_status_display()}) : {a.jobs_created_etp} ETP créés, "
        f"{a.jobs_kept_etp} ETP maintenus, {a.activities_created} activités créées"
        for a in actions.order_by("start_date", "title", "pk")
    ] or None


REPORT_SOURCES = {
    **PREFILL_SOURCES,
    "actions_resultats": ("Actions et résultats", _actions_and_outcomes),
    "ecarts_evolution": ("Évolution des notes ECARTS", _evolution),
}


def questions_of(call_id: int, kind: str) -> list[ReportQuestion]:
    return list(
        ReportQuestion.objects.filter(call_id=call_id, report_kind=kind).order_by("position", "pk")
    )


def sections(questions) -> list[tuple[str, list]]:
    return [(title, list(items)) for title, items in groupby(questions, lambda q: q.section)]


def prefill(report: Report, questions) -> None:
    """Fill the report's empty answers whose question names a source (in memory)."""
    pole = report.agreement.application.pole
    answers = dict(report.answers or {})
    with fresh_data(pole):
        for question in questions:
            if question.prefill not in REPORT_SOURCES or not is_empty(answers.get(question.key)):
                continue
            value = adapt(REPORT_SOURCES[question.prefill][1](pole), question)
            if value is not None:
                answers[question.key] = value
    report.answers = answers


def report_form(report: Report, questions, data=None) -> SectionForm:
    form = SectionForm(
        data,
        section=SimpleNamespace(pk="rapport", title=report.get_kind_display()),
        questions=questions,
        answers=report.answers or {},
        files={},
        version=report.version,
    )
    return form


# --- Creation and edit ------------------------------------------------------------------------


def default_due_date(agreement: Agreement, kind: str) -> datetime.date | None:
    """Interim: half-way through the agreement; final: two months after its end."""
    if agreement.start_date is None:
        return None
    if kind == ReportKind.INTERIM:
        return add_months(agreement.start_date, max(agreement.duration_months // 2, 1))
    end = agreement.end_date or add_months(agreement.start_date, agreement.duration_months)
    return add_months(end, 2)


def report_open(*, agreement: Agreement, kind: str, due_date=None) -> tuple[Report, bool]:
    """The agreement's report of this kind, created (prefilled) if it does not exist yet:
    asking twice gives the one report. (report, created)."""
    existing = Report.objects.filter(agreement=agreement, kind=kind).first()
    if existing is not None:
        return existing, False
    due_date = due_date or default_due_date(agreement, kind)
    if due_date is None:
        raise ValidationError("Indiquez d’abord les dates de début et de fin de la convention.")
    report = Report(agreement=agreement, kind=kind, due_date=due_date)
    report.full_clean(validate_constraints=False)
    prefill(report, questions_of(agreement.application.phase.call_id, kind))
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        return Report.objects.get(agreement=agreement, kind=kind), False
    return report, True


def report_save(*, report: Report, version: int | None, answers: dict, by) -> Report:
    """The coordinator's edit, versioned; only a draft or a report given back may change."""
    with transaction.atomic():
        check_version(report, version)
        if report.state not in EDITABLE_STATES:
            raise ValidationError(
                f"Ce rapport est « {report.get_state_display()} » : il ne peut plus être modifié."
            )
        report.answers = {**(report.answers or {}), **answers}
        report.save(update_fields=["answers", "version"])
    return report


def missing_answers(report: Report, questions) -> list[str]:
    return [q.label for q in questions if q.required and is_empty(report.answers.get(q.key))]


def report_move(*, report: Report, name: str, by, reason: str = "") -> Report:
    """Submit, accept or request changes, the state read again under the lock; one log row.
    Accepting a report meets the instalments' conditions that wait for it."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().select_related("agreement").get(pk=report.pk)
        transition = REPORT_WORKFLOW.check_move(locked.state, name)
        reason = (reason or "").strip()
        if transition.needs_motivation and not reason:
            raise ValidationError("Indiquez les modifications attendues : le porteur les lira.")
        now = timezone.now()
        if name == "submit":
            questions = questions_of(locked.agreement.application.phase.call_id, locked.kind)
            missing = missing_answers(locked, questions)
            if missing:
                raise ValidationError(
                    "Avant de soumettre, répondez à : " + " ; ".join(missing) + "."
                )
            locked.submitted_at = now
        else:
            locked.reviewed_at = now
            locked.review_comment = reason
        if name == "accept":
            Instalment.objects.filter(
                agreement=locked.agreement, condition__icontains=CONDITION_WORDS[locked.kind]
            ).update(condition_met=True)
        ReportTransition.objects.create(
            report=locked, from_state=locked.state, to_state=transition.target, by=by, reason=reason
        )
        locked.state = transition.target
        locked.save(update_fields=["state", "submitted_at", "reviewed_at", "review_comment"])
    report.state, report.review_comment = locked.state, locked.review_comment
    report.submitted_at, report.reviewed_at = locked.submitted_at, locked.reviewed_at
    return report


# --- Deadlines and reminders ------------------------------------------------------------------


def needs_reminder(report: Report, today: datetime.date) -> bool:
    """A report still to write gets a reminder when its deadline is within
    `PTCE_AWARDS_REPORT_REMINDER_DAYS`, and one more once it is late."""
    if report.state not in EDITABLE_STATES:
        return False
    days = settings.PTCE_AWARDS_REPORT_REMINDER_DAYS
    if today < report.due_date - datetime.timedelta(days=days):
        return False
    if report.reminded_on is None:
        return True
    return today > report.due_date >= report.reminded_on


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Email the coordinators of each pole with a report to remind; the reports reminded."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.PTCE_AWARDS_REPORT_REMINDER_DAYS)
    reports = Report.objects.filter(
        state__in=EDITABLE_STATES, due_date__lte=horizon
    ).select_related("agreement__application__pole")
    reminded = 0
    for report in reports:
        if not needs_reminder(report, today):
            continue
        pole = report.agreement.application.pole
        recipients = PolePerson.objects.filter(
            pole=pole, role=PersonRole.COORDINATOR, user__is_active=True
        ).values_list("user__email", flat=True)
        with transaction.atomic():
            mail_after_commit(
                subject=f"{report.get_kind_display()} du pôle {pole.name} : à remettre le "
                f"{report.due_date:%d/%m/%Y}",
                template="awards/emails/report_reminder.txt",
                context={
                    "report": report,
                    "pole": pole,
                    "late": report.due_date < today,
                    "link": settings.SITE_URL + reverse("awards:report", args=[report.pk]),
                },
                recipients=list(recipients),
            )
            Report.objects.filter(pk=report.pk).update(reminded_on=today)
        reminded += 1
    return reminded
