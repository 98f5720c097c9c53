"""The application form, built from a phase's sections and typed questions.

One Django form per section (`section_form`), one field per question; a « bloc répété » gives
N rows of its children's fields, plus one blank row to add a row without JavaScript, and a
« supprimer » box per saved row. Drafts save WITHOUT requiring anything (every field is
optional); types are always checked (« abc » is not a number). What submission needs is listed
by `completeness.missing_items(application)`.

Answers are JSON, by question key: text as str, number as int (or a decimal string), amount as
a decimal string (« 1250.00 »), date as ISO, choice as the label, multiple choice as a list,
yes/no as a bool, file as the `ApplicationFile` pk, commune as its INSEE code, repeated block as
a list of dicts by child key.
"""

import re
from collections import defaultdict
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from ptce.core.files import ACCEPT_ATTRIBUTE, ALLOWED_LABEL, human_size
from ptce.core.forms import DsfrForm
from ptce.core.versioning import VersionedFormMixin, part_version
from ptce.territories import selectors as territories
from ptce.territories.models import Commune

from ..models import Question, Section
from ..models import QuestionKind as K
from ..uploads import validate_application_file

# The art. 9 sources: computed from the pole's data, shown read-only, never taken from a POST
# (`applicant/compliance.py` recomputes them at every save and at the deposit).
COMPUTED_SOURCES = frozenset({"conforme_article_9", "conformite_article_9"})
ROW_SEPARATOR = "__"
DELETE = "supprimer"
INSEE_IN_TEXT = re.compile(r"((?:\d{2}|2[AB])\d{3})\)?\s*$")
YES, NO = "oui", "non"


def form_structure(phase, *, revision=None) -> list[tuple[Section, list[Question]]]:
    """The phase's sections with their top-level questions; a block's children are in its
    `subquestions`. `revision`: the pk of the frozen revision an application answered (its
    `form_revision_id`), None for the current form (`models/revisions.py`). Two queries."""
    sections = list(
        Section.objects.filter(phase=phase, revision=revision).order_by("position", "pk")
    )
    questions = list(
        Question.objects.filter(section__phase=phase, section__revision=revision).order_by(
            "position", "pk"
        )
    )
    children = defaultdict(list)
    for question in questions:
        if question.parent_id:
            children[question.parent_id].append(question)
    by_section = defaultdict(list)
    for question in questions:
        question.subquestions = children.get(question.pk, [])
        if question.parent_id is None:
            by_section[question.section_id].append(question)
    return [(section, by_section[section.pk]) for section in sections]


def is_computed(question: Question) -> bool:
    return question.prefill in COMPUTED_SOURCES


def is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def file_max_bytes() -> int:
    return settings.PTCE_APPLICATION_FILE_MAX_BYTES


# --- Fields -----------------------------------------------------------------------------------


class FrenchDecimalField(forms.DecimalField):
    """Accepts « 1 250,50 » and « 1250.50 € » as well as « 1250.50 »."""

    widget = forms.TextInput

    def to_python(self, value):
        if isinstance(value, str):
            for space in (" ", "\xa0", "\u202f"):
                value = value.replace(space, "")
            value = value.replace(",", ".").removesuffix("€")
        return super().to_python(value)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal"}


class CommuneField(forms.CharField):
    """A commune by INSEE code (« 31555 », « Toulouse (31555) ») or exact name; cleans to the
    INSEE code."""

    def clean(self, value) -> str:
        text = super().clean(value)
        if not text:
            return ""
        code = INSEE_IN_TEXT.search(text.upper())
        if code:
            commune = territories.commune_by_code(code.group(1))
            if commune is None:
                raise ValidationError(f"Aucune commune n’a le code INSEE {code.group(1)}.")
            return commune.code
        matches = territories.communes_named(text, limit=6)
        if len(matches) == 1:
            return matches[0].code
        if not matches:
            raise ValidationError(
                f"Aucune commune ne s’appelle « {text} » : indiquez son nom exact ou son code "
                "INSEE (5 caractères)."
            )
        names = ", ".join(f"{c.name} ({c.code})" for c in matches)
        raise ValidationError(
            f"Plusieurs communes s’appellent « {text} » : indiquez le code INSEE ({names})."
        )


class ApplicationFileField(forms.FileField):
    """One file, size-limited and content-checked like the ECARTS evidence files."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, None)
        if uploaded:
            validate_application_file(uploaded)
        return uploaded


def _field(question: Question, value, *, files: dict, communes: dict) -> forms.Field:
    field = _make_field(question, value, files=files, communes=communes)
    field.required = question.required  # shown only: see `SectionForm._clean_fields`
    return field


def _make_field(question: Question, value, *, files: dict, communes: dict) -> forms.Field:
    options = {"label": question.label, "help_text": question.help_text}
    kind = question.kind
    if kind == K.SHORT_TEXT:
        return forms.CharField(max_length=500, initial=value, **options)
    if kind == K.LONG_TEXT:
        return forms.CharField(
            max_length=20000, widget=forms.Textarea(attrs={"rows": 6}), initial=value, **options
        )
    if kind == K.NUMBER:
        return FrenchDecimalField(max_digits=15, decimal_places=4, initial=value, **options)
    if kind == K.AMOUNT:
        return FrenchDecimalField(
            max_digits=14, decimal_places=2, min_value=0, initial=value, **options
        )
    if kind == K.DATE:
        return forms.DateField(
            input_formats=["%Y-%m-%d", "%d/%m/%Y"],
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            initial=value,
            **options,
        )
    if kind == K.CHOICE:
        choices = [(c, c) for c in question.choices]
        if len(choices) <= 6:
            return forms.ChoiceField(
                choices=choices, widget=forms.RadioSelect, initial=value, **options
            )
        return forms.ChoiceField(choices=[("", "—"), *choices], initial=value, **options)
    if kind == K.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=[(c, c) for c in question.choices],
            widget=forms.CheckboxSelectMultiple,
            initial=value if isinstance(value, list) else [],
            **options,
        )
    if kind == K.YES_NO:
        initial = {True: YES, False: NO}.get(value)
        return forms.TypedChoiceField(
            choices=[(YES, "Oui"), (NO, "Non")],
            coerce=lambda v: v == YES,
            empty_value=None,
            widget=forms.RadioSelect,
            initial=initial,
            **options,
        )
    if kind == K.FILE:
        current = files.get(value)
        help_text = f"Taille maximale : {human_size(file_max_bytes())}. Formats : {ALLOWED_LABEL}."
        if current is not None:
            help_text = f"Fichier actuel : {current.original_name}. Envoyez-en un autre pour le "
            help_text += "remplacer. " + f"Taille maximale : {human_size(file_max_bytes())}."
        options["help_text"] = " ".join(filter(None, [question.help_text, help_text]))
        return ApplicationFileField(**options)
    if kind == K.COMMUNE:
        commune = communes.get(value)
        initial = f"{commune.name} ({commune.code})" if commune else value
        options["help_text"] = question.help_text or "Nom exact ou code INSEE de la commune."
        return CommuneField(max_length=120, initial=initial, **options)
    raise ValueError(f"Type de question inconnu : {kind}")


# --- The section form -------------------------------------------------------------------------


def _row_name(block: Question, index: int, key: str) -> str:
    return f"{block.key}{ROW_SEPARATOR}{index}{ROW_SEPARATOR}{key}"


def rows_of(value) -> list[dict]:
    return [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []


class SectionForm(VersionedFormMixin, DsfrForm):
    """Fields of required questions are `required` for display only (the DSFR templates mark
    the other ones « optionnel »): a draft is cleaned with nothing required. It carries the
    section's version under a name no question key (a slug) can take."""

    use_required_attribute = False
    version_field = "version.section"

    def __init__(self, *args, section, questions, answers: dict, files: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.section, self.questions, self.answers = section, questions, answers
        communes = _communes_in(questions, answers)
        self.layout = []  # ("field", question, name) or ("block", question, rows)
        for question in questions:
            value = answers.get(question.key)
            if is_computed(question):
                self.layout.append(("computed", question, None))  # no field: nothing to post
                continue
            if question.kind != K.REPEATED:
                self.fields[question.key] = _field(question, value, files=files, communes=communes)
                self.layout.append(("field", question, question.key))
                continue
            saved = rows_of(value)
            count = len(saved) + (1 if len(saved) < question.max_repeats else 0)
            rows = []
            for index in range(count):
                row_answers = saved[index] if index < len(saved) else {}
                names = []
                for child in question.subquestions:
                    name = _row_name(question, index, child.key)
                    self.fields[name] = _field(
                        child, row_answers.get(child.key), files=files, communes=communes
                    )
                    names.append(name)
                delete = None
                if index < len(saved):
                    delete = _row_name(question, index, DELETE)
                    self.fields[delete] = forms.BooleanField(
                        label=f"Supprimer la ligne {index + 1}"
                    )
                rows.append((index, names, delete))
            self.layout.append(("block", question, rows))

    def _clean_fields(self):
        shown = {name: field.required for name, field in self.fields.items()}
        for field in self.fields.values():
            field.required = False
        try:
            super()._clean_fields()
        finally:
            for name, field in self.fields.items():
                field.required = shown[name]

    def groups(self) -> list[dict]:
        """What the template walks: plain fields, and blocks with their rows of fields."""
        groups = []
        for kind, question, spec in self.layout:
            if kind == "computed":
                groups.append({"question": question, "field": None, "rows": None, "computed": True})
                continue
            if kind == "field":
                groups.append(
                    {"question": question, "field": self[spec], "rows": None, "computed": False}
                )
                continue
            rows = [
                {
                    "number": index + 1,
                    "is_new": delete is None,
                    "fields": [self[name] for name in names],
                    "delete": self[delete] if delete else None,
                }
                for index, names, delete in spec
            ]
            groups.append({"question": question, "field": None, "rows": rows, "computed": False})
        return groups

    def saved_values(self) -> dict:
        """The section's saved answers by field name, for the conflict page (files left out:
        a new file is not sent again)."""
        values = {}
        for kind, question, spec in self.layout:
            saved = self.answers.get(question.key)
            if kind == "computed":
                continue
            if kind == "field":
                if question.kind != K.FILE:
                    values[spec] = saved
                continue
            rows = rows_of(saved)
            for index, names, _ in spec:
                row = rows[index] if index < len(rows) else {}
                for child, name in zip(question.subquestions, names, strict=True):
                    if child.kind != K.FILE:
                        values[name] = row.get(child.key)
        return values

    def to_answers(self, store_file) -> dict:
        """The section's answers as JSON, after `is_valid()`. `store_file(question_key,
        uploaded)` keeps a new file and returns its pk; without a new file the old one stays."""
        data = self.cleaned_data
        result = {}
        for kind, question, spec in self.layout:
            old = self.answers.get(question.key)
            if kind == "computed":
                continue  # recomputed from the pole's data by the service, never posted
            if kind == "field":
                result[question.key] = _json(question, data.get(spec), old, store_file, spec)
                continue
            old_rows, rows = rows_of(old), []
            for index, names, delete in spec:
                if delete and data.get(delete):
                    continue
                previous = old_rows[index] if index < len(old_rows) else {}
                row = {}
                for child, name in zip(question.subquestions, names, strict=True):
                    path = f"{question.key}.{len(rows)}.{child.key}"
                    row[child.key] = _json(
                        child, data.get(name), previous.get(child.key), store_file, path
                    )
                if not all(is_empty(v) for v in row.values()):
                    rows.append(row)
            result[question.key] = rows
        return result


def _json(question: Question, value, old, store_file, path: str):
    kind = question.kind
    if kind == K.FILE:
        return store_file(path, value) if value else old
    if is_empty(value):
        return None
    if kind == K.NUMBER:
        return int(value) if value == value.to_integral_value() else str(value.normalize())
    if kind == K.AMOUNT:
        return str(value.quantize(Decimal("0.01")))
    if kind == K.DATE:
        return value.isoformat()
    if kind == K.MULTIPLE_CHOICE:
        return list(value)
    if isinstance(value, str):
        return value.strip()
    return value


def _communes_in(questions, answers: dict) -> dict:
    codes = set()
    for question in questions:
        value = answers.get(question.key)
        if question.kind == K.COMMUNE and isinstance(value, str):
            codes.add(value)
        for child in getattr(question, "subquestions", []):
            if child.kind == K.COMMUNE:
                codes |= {r.get(child.key) for r in rows_of(value) if r.get(child.key)}
    if not codes:
        return {}
    return {c.code: c for c in Commune.objects.filter(code__in=codes)}


def section_form(application, section, questions, *, data=None, files=None) -> SectionForm:
    stored = {f.pk: f for f in application.files.all()}
    return SectionForm(
        data,
        files,
        section=section,
        questions=questions,
        answers=application.answers or {},
        files=stored,
        version=part_version(application, section.pk),
    )
