"""Forms of the evaluation workflow. They parse and check input; the services write."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from ptce.core.files import ACCEPT_ATTRIBUTE, validate_upload
from ptce.core.forms import DsfrForm, DsfrModelForm
from ptce.core.versioning import VersionedFormMixin

from ..models import Answer, Criterion, Evaluation, EvaluationState, Referentiel

NO_OPINION = "nsp"
SCORE_ERROR = "Choisissez une note de 1 à 5 ou « Ne se prononce pas »."
SCORE_ERROR_LOWER = "choisissez une note de 1 à 5 ou « Ne se prononce pas »."
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EvaluationForm(DsfrModelForm):
    referentiel = forms.ModelChoiceField(
        label="Référentiel",
        queryset=Referentiel.objects.all(),
        required=False,
        empty_label=None,
        help_text="La version du référentiel ne change plus une fois l’évaluation créée.",
    )

    class Meta:
        model = Evaluation
        fields = ["title", "mode", "period_start", "period_end", "deadline"]
        widgets = {"period_start": DATE_WIDGET, "period_end": DATE_WIDGET, "deadline": DATE_WIDGET}
        help_texts = {
            "title": "Par exemple : « Auto-évaluation collective 2026 ».",
            "deadline": "Date à laquelle les feuilles d’observation doivent être envoyées.",
        }

    def __init__(self, *args, with_referentiel: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_referentiel:
            self.fields["referentiel"].initial = Referentiel.objects.filter(is_default=True).first()
            self.order_fields(["title", "referentiel"])
        else:
            del self.fields["referentiel"]

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "La fin de la période doit suivre son début.")
        return data

    def _post_clean(self):
        pass  # the service validates the model (full_clean) and writes it


class EvaluationEditForm(VersionedFormMixin, EvaluationForm):
    """The settings of an existing evaluation, with the version they were loaded from."""


class MemberRaterForm(DsfrForm):
    user = forms.ModelChoiceField(
        label="Personne du pôle",
        queryset=None,
        empty_label="Choisir une personne",
        error_messages={"required": "Choisissez une personne du pôle."},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.get_full_name()} ({u.email})" if u.get_full_name() else u.email
        )


class ExternalRaterForm(DsfrForm):
    name = forms.CharField(label="Nom et prénom", max_length=200)
    email = forms.EmailField(label="Adresse électronique", max_length=254)


class TransitionForm(DsfrForm):
    target = forms.ChoiceField(choices=EvaluationState.choices)
    reason = forms.CharField(label="Motif (facultatif)", required=False, max_length=2000)


class ReasonForm(DsfrForm):
    """The reason field of a move's confirmation page (the target travels hidden)."""

    reason = forms.CharField(label="Motif (facultatif)", required=False, max_length=2000)


def _validate_links(value: str) -> None:
    validate = URLValidator(schemes=["http", "https"])
    for line in value.splitlines():
        if line.strip():
            try:
                validate(line.strip())
            except ValidationError:
                raise ValidationError(
                    f"« {line.strip()[:80]} » n’est pas une adresse web (http:// ou https://)."
                ) from None


@dataclass
class ScoreOption:
    value: str
    label: str
    hint: str
    checked: bool
    id: str


@dataclass
class SheetRow:
    criterion: Criterion
    options: list
    score: forms.BoundField
    observation: forms.BoundField
    links: forms.BoundField
    improvement: forms.BoundField
    file: forms.BoundField | None
    answer: Answer | None


class SheetForm(DsfrForm):
    """One feuille d’observation: for each criterion a score (1–5 or « ne se prononce pas »),
    what was observed, links to evidence, a file, an improvement idea.

    A criterion left untouched is not written (it stays unanswered); to send the sheet, every
    criterion needs a score or « ne se prononce pas »."""

    def __init__(
        self,
        data=None,
        files=None,
        *,
        criteria,
        levels,
        answers=None,
        submitting=False,
        with_files=True,
    ):
        super().__init__(data, files)
        self.criteria, self.levels, self.submitting = criteria, levels, submitting
        self.saved_answers = answers or {}
        choices = [(str(level.level), f"{level.level} — {level.label}") for level in levels]
        if not choices:
            choices = [(str(n), str(n)) for n in range(1, 6)]
        choices.append((NO_OPINION, "Ne se prononce pas"))
        for criterion in criteria:
            letter, answer = criterion.letter, self.saved_answers.get(criterion.letter)
            self.fields[f"score_{letter}"] = forms.ChoiceField(
                label=f"Note du critère {letter}",
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": SCORE_ERROR},
                initial=None
                if answer is None
                else (NO_OPINION if answer.score is None else str(answer.score)),
            )
            self.fields[f"observation_{letter}"] = forms.CharField(
                label=f"Ce que j’ai observé (critère {letter})",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=answer.observation if answer else "",
            )
            self.fields[f"links_{letter}"] = forms.CharField(
                label=f"Liens vers des preuves (critère {letter})",
                help_text="Une adresse web par ligne.",
                required=False,
                max_length=3000,
                validators=[_validate_links],
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.evidence_links if answer else "",
            )
            self.fields[f"improvement_{letter}"] = forms.CharField(
                label=f"Piste d’amélioration (critère {letter})",
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=answer.improvement if answer else "",
            )
            if with_files:
                self.fields[f"file_{letter}"] = forms.FileField(
                    label=f"Joindre un fichier (critère {letter})",
                    required=False,
                    widget=forms.ClearableFileInput(
                        attrs={"accept": ACCEPT_ATTRIBUTE, "class": "fr-upload"}
                    ),
                )

    def clean(self):
        data = super().clean()
        for criterion in self.criteria:
            name = f"file_{criterion.letter}"
            uploaded = data.get(name)
            if uploaded:
                try:
                    validate_upload(uploaded)
                except ValidationError as error:
                    self.add_error(name, error)
            score = f"score_{criterion.letter}"
            if self.submitting and not data.get(score) and score not in self.errors:
                self.add_error(score, f"Critère {criterion.letter} : {SCORE_ERROR_LOWER}")
        return data

    def answers(self) -> dict:
        """{letter: {...}} for the criteria the rater touched (see the class docstring)."""
        result = {}
        for criterion in self.criteria:
            letter = criterion.letter
            score = self.cleaned_data.get(f"score_{letter}") or ""
            texts = {
                "observation": self.cleaned_data.get(f"observation_{letter}", ""),
                "evidence_links": self.cleaned_data.get(f"links_{letter}", ""),
                "improvement": self.cleaned_data.get(f"improvement_{letter}", ""),
            }
            if score or any(texts.values()) or letter in self.saved_answers:
                value = None if score in ("", NO_OPINION) else int(score)
                result[letter] = {"score": value, **texts}
        return result

    def uploaded_files(self) -> dict:
        return {
            c.letter: [self.cleaned_data[f"file_{c.letter}"]]
            for c in self.criteria
            if self.cleaned_data.get(f"file_{c.letter}")
        }

    def rows(self) -> list[SheetRow]:
        hints = {str(level.level): level.description for level in self.levels}
        rows = []
        for criterion in self.criteria:
            letter = criterion.letter
            bound = self[f"score_{letter}"]
            current = str(bound.value() or "")
            options = [
                ScoreOption(
                    value=value,
                    label=label,
                    hint=hints.get(value, ""),
                    checked=current == value,
                    id=f"note-{letter}-{value}",
                )
                for value, label in self.fields[f"score_{letter}"].choices
            ]
            rows.append(
                SheetRow(
                    criterion=criterion,
                    options=options,
                    score=bound,
                    observation=self[f"observation_{letter}"],
                    links=self[f"links_{letter}"],
                    improvement=self[f"improvement_{letter}"],
                    file=self[f"file_{letter}"] if f"file_{letter}" in self.fields else None,
                    answer=self.saved_answers.get(letter),
                )
            )
        return rows


class PaperSheetForm(SheetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, with_files=False, submitting=True, **kwargs)
        self.fields["participant_name"] = forms.CharField(
            label="Nom de la personne qui a rempli la feuille",
            max_length=200,
            error_messages={"required": "Indiquez le nom de la personne."},
        )
        self.order_fields(["participant_name"])
