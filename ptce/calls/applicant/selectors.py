"""Reads for the applicant's pages, and the read-only view of an application's answers.

`answers_view(application)` is shared with the instruction page, the expert's page and the PDF
(template `calls/applicant/answers.html`): a list of `AnswerSection` (title, rows of `AnswerRow`:
the question's label and its display value, file links (`FileLink`: name, url, size, pk), and
for a repeated block its rows).
It shows the snapshot once the application was submitted, the draft before (or when `draft`).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from ptce.core.files import human_size
from ptce.core.models import User
from ptce.poles.models import PersonRole
from ptce.territories.models import Commune

from ..models import Application, ApplicationState, Phase
from ..models import QuestionKind as K
from ..workflow import APPLICANT, TRANSITIONS
from .eligibility import EligibilityContext, check_eligibility
from .formbuilder import form_structure, is_empty

EMPTY = "Non renseigné"


@dataclass
class FileLink:
    name: str
    url: str
    size: str
    pk: int | None = None  # the ApplicationFile's pk, to build another link (e.g. the expert's)


@dataclass
class AnswerRow:
    key: str
    label: str
    value: str = ""
    is_empty: bool = False
    files: list[FileLink] = field(default_factory=list)
    blocks: list[list["AnswerRow"]] = field(default_factory=list)
    is_block: bool = False
    missing_url: str = ""  # on the summary before deposit: where to fix a missing answer


@dataclass
class AnswerSection:
    pk: int
    title: str
    rows: list[AnswerRow]


def shown_answers(application, *, draft: bool | None = None) -> dict:
    if draft is None:
        draft = application.state == ApplicationState.DRAFT
    snapshot = application.snapshot or {}
    if not draft and "answers" in snapshot:
        return snapshot["answers"] or {}
    return application.answers or {}


def _number(value, decimals: int | None = None) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = f"{number:,.{decimals}f}" if decimals is not None else f"{number:,}"
    return text.replace(",", "\u202f").replace(".", ",")


def display(question, value, *, files: dict, communes: dict) -> str:
    kind = question.kind
    if kind == K.AMOUNT:
        return f"{_number(value, 2)} €"
    if kind == K.NUMBER:
        return _number(value)
    if kind == K.DATE:
        try:
            return datetime.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        except ValueError:
            return str(value)
    if kind == K.YES_NO:
        return "Oui" if value is True else "Non" if value is False else str(value)
    if kind == K.MULTIPLE_CHOICE and isinstance(value, list):
        return ", ".join(map(str, value))
    if kind == K.COMMUNE:
        commune = communes.get(value)
        return f"{commune.name} ({commune.code})" if commune else str(value)
    if kind == K.FILE:
        stored = files.get(value)
        return stored.original_name if stored else "Fichier introuvable"
    return str(value)


def _file_url(application, stored) -> str:
    return reverse("calls:application_file", args=[application.pk, stored.pk])


def _row(question, value, *, application, files, communes, file_url=_file_url) -> AnswerRow:
    row = AnswerRow(question.key, question.label)
    if question.kind == K.REPEATED:
        row.is_block = True
        for answers in value if isinstance(value, list) else []:
            if isinstance(answers, dict):
                row.blocks.append(
                    [
                        _row(
                            child,
                            answers.get(child.key),
                            application=application,
                            files=files,
                            communes=communes,
                            file_url=file_url,
                        )
                        for child in question.subquestions
                    ]
                )
        row.is_empty = not row.blocks
        row.value = EMPTY if row.is_empty else f"{len(row.blocks)} ligne(s)"
        return row
    if is_empty(value):
        row.value, row.is_empty = EMPTY, True
        return row
    row.value = display(question, value, files=files, communes=communes)
    stored = files.get(value) if question.kind == K.FILE else None
    if stored is not None:
        url = file_url(application, stored)
        row.files.append(FileLink(stored.original_name, url, human_size(stored.size), stored.pk))
    return row


def _codes(structure, answers) -> set:
    codes = set()
    for _, questions in structure:
        for question in questions:
            value = answers.get(question.key)
            if question.kind == K.COMMUNE and isinstance(value, str):
                codes.add(value)
            for child in question.subquestions:
                if child.kind == K.COMMUNE and isinstance(value, list):
                    codes |= {
                        r.get(child.key) for r in value if isinstance(r, dict) and r.get(child.key)
                    }
    return codes


def answers_view(application, *, draft: bool | None = None, file_url=None) -> list[AnswerSection]:
    """The application's answers for reading, in four queries whatever their number.

    `file_url(application, stored_file)` gives a file's link (default: the permission-checked
    `calls:application_file`; an expert's page may pass its own, or `lambda a, f: ""`)."""
    file_url = file_url or _file_url
    answers = shown_answers(application, draft=draft)
    structure = form_structure(application.phase, revision=application.form_revision_id)
    files = {f.pk: f for f in application.files.all()}
    codes = _codes(structure, answers)
    communes = {c.code: c for c in Commune.objects.filter(code__in=codes)} if codes else {}
    return [
        AnswerSection(
            section.pk,
            section.title,
            [
                _row(
                    q,
                    answers.get(q.key),
                    application=application,
                    files=files,
                    communes=communes,
                    file_url=file_url,
                )
                for q in questions
            ],
        )
        for section, questions in structure
    ]


def deposit_summary(application, missing) -> list[AnswerSection]:
    """Every answer as the deposit will record it, each missing or wrong one carrying the link
    to fix it (`missing`: `completeness.missing_items`)."""
    links = {}
    for item in missing:
        links.setdefault(item.key, f"{item.url}#q-{item.key}")
    sections = answers_view(application, draft=True)
    for section in sections:
        for row in section.rows:
            row.missing_url = links.get(row.key, "")
    return sections


# --- The pole's applications --------------------------------------------------------------------


def pole_applications(pole):
    return (
        Application.objects.filter(pole=pole)
        .select_related("phase__call")
        .order_by("-created_at", "-pk")
    )


def open_phases(*, today=None):
    """Phases of published calls whose window is open today."""
    today = today or timezone.localdate()
    return (
        Phase.objects.filter(call__is_published=True)
        .exclude(opens_on__gt=today)
        .exclude(closes_on__lt=today)
        .select_related("call", "requires_phase")
        .prefetch_related("regions")
        .order_by("-call__year", "call__name", "number")
    )


def phases_for_pole(pole, *, today=None) -> list[tuple[Phase, list[str]]]:
    """The open phases with, for each, why the pole may not apply (empty: it may)."""
    context = EligibilityContext(pole, today=today)
    return [
        (phase, check_eligibility(pole, phase, context=context))
        for phase in open_phases(today=context.today)[:50]
    ]


@dataclass
class HistoryItem:
    at: datetime.datetime
    from_label: str
    to_label: str
    side: str
    motivation: str


def application_history(application) -> list[HistoryItem]:
    """The transitions as the applicant may read them: when, from, to, which side, and the
    motivation (a complement request or a decision is written for the applicant)."""
    labels = dict(ApplicationState.choices)
    applicant_targets = {t.target for t in TRANSITIONS if t.actor == APPLICANT}
    items = []
    for transition in application.transitions.order_by("at", "pk"):
        side = "Porteur" if transition.to_state in applicant_targets else "Instruction"
        if transition.to_state in (
            ApplicationState.LAUREATE,
            ApplicationState.REJECTED,
            ApplicationState.CLOSED,
        ):
            side = "Cellule nationale"
        items.append(
            HistoryItem(
                transition.at,
                labels.get(transition.from_state, transition.from_state),
                labels.get(transition.to_state, transition.to_state),
                side,
                transition.motivation,
            )
        )
    return items


def coeditor_candidates(application):
    """The pole's coordinators who are neither the author nor already co-editors."""
    current = set(application.co_editors.values_list("pk", flat=True))
    return (
        User.objects.filter(
            pole_roles__pole=application.pole, pole_roles__role=PersonRole.COORDINATOR
        )
        .exclude(pk__in=current | {application.created_by_id or 0})
        .order_by("last_name", "email")
    )


def with_coeditors(queryset):
    return queryset.prefetch_related(
        Prefetch("co_editors", queryset=User.objects.order_by("last_name", "email"))
    )
