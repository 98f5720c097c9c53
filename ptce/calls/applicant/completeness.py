"""What submission needs: required questions answered and stored answers of the right type.

`missing_items(application)` lists what prevents submission, in French, with a link to the
section; the form builder (`formbuilder.py`) lets drafts save without any of it.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.urls import reverse

from ..models import Question
from ..models import QuestionKind as K
from .formbuilder import form_structure, is_empty, rows_of


@dataclass(frozen=True)
class MissingItem:
    section: str
    message: str
    url: str
    key: str = ""  # the (top-level) question's key, to flag its row in the summary


def stored_error(question: Question, value, file_pks: set) -> str | None:
    """Why a stored (non-empty) answer does not fit its question's type, or None."""
    kind = question.kind
    if kind in (K.SHORT_TEXT, K.LONG_TEXT, K.COMMUNE) and not isinstance(value, str):
        return "la réponse doit être un texte"
    if kind == K.COMMUNE and not re.fullmatch(r"(\d{2}|2[AB])\d{3}", value):
        return "indiquez une commune (code INSEE)"
    if kind in (K.NUMBER, K.AMOUNT):
        try:
            number = Decimal(str(value)) if not isinstance(value, bool) else None
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            return "la réponse doit être un nombre"
        if kind == K.AMOUNT and number < 0:
            return "le montant doit être positif ou nul"
    if kind == K.DATE:
        try:
            datetime.date.fromisoformat(str(value))
        except ValueError:
            return "la réponse doit être une date"
    if kind == K.CHOICE and value not in question.choices:
        return "choisissez l’une des réponses proposées"
    if kind == K.MULTIPLE_CHOICE and (
        not isinstance(value, list) or not set(value) <= set(question.choices)
    ):
        return "choisissez parmi les réponses proposées"
    if kind == K.YES_NO and not isinstance(value, bool):
        return "répondez par oui ou par non"
    if kind == K.FILE and value not in file_pks:
        return "le fichier est introuvable : envoyez-le de nouveau"
    if kind == K.REPEATED and not isinstance(value, list):
        return "la réponse doit être une liste de lignes"
    return None


def missing_items(application, structure=None) -> list[MissingItem]:
    """What prevents submission: required questions unanswered and answers of the wrong type,
    with French messages and a link to the section (a few queries)."""
    structure = (
        structure
        if structure is not None
        else form_structure(application.phase, revision=application.form_revision_id)
    )
    answers = application.answers or {}
    file_pks = set(application.files.values_list("pk", flat=True))
    edit_url = reverse("calls:application_edit", args=[application.pk])
    items = []
    for section, questions in structure:
        url = f"{edit_url}?section={section.pk}"
        for question in questions:

            def add(child, message, label=None, url=url, section=section, key=question.key):
                label = label or f"« {child.label} »"
                items.append(MissingItem(section.title, f"{label} : {message}.", url, key))

            value = answers.get(question.key)
            if is_empty(value):
                if question.required:
                    add(question, "réponse obligatoire")
                continue
            error = stored_error(question, value, file_pks)
            if error:
                add(question, error)
                continue
            if question.kind != K.REPEATED:
                continue
            for number, row in enumerate(rows_of(value), start=1):
                for child in question.subquestions:
                    label = f"« {question.label} », ligne {number}, « {child.label} »"
                    child_value = row.get(child.key)
                    if is_empty(child_value):
                        if child.required:
                            add(child, "réponse obligatoire", label)
                    elif error := stored_error(child, child_value, file_pks):
                        add(child, error, label)
    return items
