"""Writes of the application form (sections, questions) and of the scoring grid.

Only the current form is edited (sections with no revision); when an application has been
deposited against it, the change goes to a new revision (`revisions.editable_form`): the rows
edited are then the copies, and the frozen ones stay as the deposited applications answered
them. A question's key is unique in the current form (answers and exports are keyed on it).
A criterion that has scores is not deleted, and its maximum never falls below a given score.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from ptce.core.once import save_unique
from ptce.core.versioning import check_version

from ..models import Phase, Question, QuestionKind, Score, ScoringCriterion, Section
from . import revisions
from .revisions import editable_form

SECTION_FIELDS = ("position", "title", "help_text")
QUESTION_FIELDS = (*revisions.QUESTION_FIELDS, "parent")
CRITERION_FIELDS = ("position", "label", "help_text", "weight", "max_score")
CHOICE_KINDS = (QuestionKind.CHOICE, QuestionKind.MULTIPLE_CHOICE)
STALE = (
    "Cette partie du formulaire a été figée depuis l’ouverture de la page : rechargez le "
    "formulaire en cours pour la modifier."
)


def _ensure_current(section: Section) -> None:
    if section.revision_id is not None:
        raise ValidationError(STALE)


def _next_position(queryset) -> int:
    return (queryset.aggregate(n=Max("position"))["n"] or 0) + 1


# --- Sections ---------------------------------------------------------------------------------


@transaction.atomic
def section_create(*, phase: Phase, by, **fields) -> Section:
    editable_form(phase=phase, by=by)
    section = Section(phase=phase)
    for name in SECTION_FIELDS:
        if name in fields:
            setattr(section, name, fields[name])
    if not fields.get("position"):
        section.position = _next_position(Section.objects.filter(phase=phase, revision=None))
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_update(*, section: Section, by, version: int | None = None, **fields) -> Section:
    check_version(section, version)
    _ensure_current(section)
    section = editable_form(phase=section.phase, by=by).section(section)
    for name in SECTION_FIELDS:
        if name in fields:
            setattr(section, name, fields[name])
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_delete(*, section: Section, by) -> None:
    section = Section.objects.select_for_update().get(pk=section.pk)
    _ensure_current(section)
    editable_form(phase=section.phase, by=by).section(section).delete()


# --- Questions --------------------------------------------------------------------------------


def _unique_key(section: Section, question: Question) -> str:
    """The question's key, or one made from its label; unique in the current form."""
    taken = set(
        Question.objects.filter(section__phase_id=section.phase_id, section__revision=None)
        .exclude(pk=question.pk)
        .values_list("key", flat=True)
    )
    if question.key:
        if question.key in taken:
            raise ValidationError(
                {"key": [f"L’identifiant « {question.key} » sert déjà dans ce formulaire."]}
            )
        return question.key
    base = slugify(question.label)[:50] or "question"
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key


def _question_errors(question: Question, section: Section) -> dict[str, list[str]]:
    errors = {}
    if question.kind in CHOICE_KINDS and len(question.choices or []) < 2:
        errors["choices"] = ["Indiquez au moins deux choix, un par ligne."]
    if question.kind not in CHOICE_KINDS:
        question.choices = []
    parent = question.parent
    if parent is not None:
        if parent.section_id != section.pk or parent.kind != QuestionKind.REPEATED:
            errors["parent"] = ["Le bloc parent doit être un « bloc répété » de la même section."]
        elif question.kind == QuestionKind.REPEATED:
            errors["kind"] = ["Un bloc répété ne se place pas dans un autre bloc."]
        elif parent.pk == question.pk:
            errors["parent"] = ["Une question ne peut pas être son propre bloc."]
    return errors


def _save_question(question: Question, section: Section, fields: dict) -> Question:
    for name in QUESTION_FIELDS:
        if name in fields:
            setattr(question, name, fields[name])
    errors = _question_errors(question, section)
    if errors:
        raise ValidationError(errors)
    question.key = _unique_key(section, question)
    if not question.position:
        question.position = _next_position(section.questions.all())
    question.full_clean(validate_unique=False, validate_constraints=False)
    return save_unique(
        question,
        existing=lambda: section.questions.filter(key=question.key).exclude(pk=question.pk).first(),
        message=f"L’identifiant « {question.key} » sert déjà dans cette section.",
        field="key",
    )


@transaction.atomic
def question_create(*, section: Section, by, **fields) -> Question:
    section = Section.objects.select_for_update().get(pk=section.pk)
    _ensure_current(section)
    copies = editable_form(phase=section.phase, by=by)
    section = copies.section(section)
    if fields.get("parent") is not None:
        fields["parent"] = copies.question(fields["parent"])
    return _save_question(Question(section=section), section, fields)


@transaction.atomic
def question_update(*, question: Question, by, version: int | None = None, **fields) -> Question:
    check_version(question, version)
    _ensure_current(question.section)
    copies = editable_form(phase=question.section.phase, by=by)
    question = copies.question(question)  # a copy starts again at version 1
    if fields.get("parent") is not None:
        fields["parent"] = copies.question(fields["parent"])
    return _save_question(question, question.section, fields)


@transaction.atomic
def question_delete(*, question: Question, by) -> None:
    question = Question.objects.select_for_update().select_related("section").get(pk=question.pk)
    _ensure_current(question.section)
    editable_form(phase=question.section.phase, by=by).question(question).delete()


# --- The scoring grid -------------------------------------------------------------------------


def _save_criterion(criterion: ScoringCriterion, fields: dict) -> ScoringCriterion:
    for name in CRITERION_FIELDS:
        if name in fields:
            setattr(criterion, name, fields[name])
    for name in ("weight", "max_score"):
        if not 1 <= (getattr(criterion, name) or 0) <= 100:
            raise ValidationError({name: ["Indiquez un nombre entier de 1 à 100."]})
    if criterion.pk:
        top = Score.objects.filter(criterion=criterion).aggregate(n=Max("value"))["n"]
        if top is not None and criterion.max_score < top:
            raise ValidationError(
                {"max_score": [f"Une note de {top} est déjà donnée sur ce critère."]}
            )
    if not criterion.position:
        criterion.position = _next_position(ScoringCriterion.objects.filter(phase=criterion.phase))
    criterion.full_clean(validate_constraints=False)
    criterion.save()
    return criterion


@transaction.atomic
def criterion_create(*, phase: Phase, **fields) -> ScoringCriterion:
    Phase.objects.select_for_update().filter(pk=phase.pk).first()
    return _save_criterion(ScoringCriterion(phase=phase), fields)


@transaction.atomic
def criterion_update(
    *, criterion: ScoringCriterion, version: int | None = None, **fields
) -> ScoringCriterion:
    check_version(criterion, version)
    return _save_criterion(criterion, fields)


@transaction.atomic
def criterion_delete(*, criterion: ScoringCriterion) -> None:
    criterion = ScoringCriterion.objects.select_for_update().get(pk=criterion.pk)
    if Score.objects.filter(criterion=criterion).exists():
        raise ValidationError(
            "Ce critère est déjà noté dans des candidatures : il ne peut plus être supprimé."
        )
    criterion.delete()
