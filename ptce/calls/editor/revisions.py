"""The form is frozen once an application is deposited against it (`models/revisions.py`).

`form_revise` files the current sections under a new `FormRevision`, pins the deposited
applications to it (their answers stay with the questions they answered) and copies the
sections and questions back as the new current form, which drafts and later applications
answer. Every editing service of the form goes through `editable_form`, which revises first
when the form is frozen and tells which copy stands for the row being edited.
"""

from django.db import transaction
from django.db.models import Max, Q

from ..models import Application, ApplicationState, FormRevision, Phase, Question, Section

# What a copy of a question keeps (its section and parent are the copies').
QUESTION_FIELDS = (
    "position",
    "key",
    "label",
    "help_text",
    "kind",
    "required",
    "choices",
    "prefill",
    "max_repeats",
)


def deposited(phase_id: int):
    """The applications of the phase that answer its current form and were deposited."""
    return Application.objects.filter(phase_id=phase_id, form_revision__isnull=True).filter(
        Q(first_submitted_at__isnull=False) | ~Q(state=ApplicationState.DRAFT)
    )


def form_is_frozen(phase_id: int) -> bool:
    return deposited(phase_id).exists()


class Copies(dict):
    """{("section", old pk): new Section, ("question", old pk): new Question}."""

    def section(self, section: Section) -> Section:
        return self.get(("section", section.pk), section)

    def question(self, question: Question) -> Question:
        return self.get(("question", question.pk), question)


@transaction.atomic
def form_revise(*, phase: Phase, by) -> tuple[FormRevision, Copies]:
    """Freeze the phase's current form as a new revision and carry on with a copy of it."""
    phase = Phase.objects.select_for_update().get(pk=phase.pk)
    last = FormRevision.objects.filter(phase=phase).aggregate(n=Max("number"))["n"] or 0
    revision = FormRevision.objects.create(phase=phase, number=last + 1, created_by=by)
    sections = list(Section.objects.filter(phase=phase, revision=None).order_by("position", "pk"))
    questions = list(Question.objects.filter(section__in=sections).order_by("position", "pk"))
    Section.objects.filter(pk__in=[s.pk for s in sections]).update(revision=revision)
    deposited(phase.pk).update(form_revision=revision)
    copies = Copies()
    for section in sections:
        copies[("section", section.pk)] = Section.objects.create(
            phase=phase, position=section.position, title=section.title, help_text=section.help_text
        )
    # A block's children after the blocks, so that each finds its parent's copy.
    for question in sorted(questions, key=lambda q: q.parent_id is not None):
        copies[("question", question.pk)] = Question.objects.create(
            section=copies[("section", question.section_id)],
            parent=copies[("question", question.parent_id)] if question.parent_id else None,
            **{name: getattr(question, name) for name in QUESTION_FIELDS},
        )
    return revision, copies


def editable_form(*, phase: Phase, by) -> Copies:
    """Lock the phase (two editors never revise twice at once) and, if its form is frozen,
    revise it: the copies to edit instead of the frozen rows (empty: edit the rows). Call
    inside `transaction.atomic`."""
    Phase.objects.select_for_update().filter(pk=phase.pk).first()
    if form_is_frozen(phase.pk):
        return form_revise(phase=phase, by=by)[1]
    return Copies()
