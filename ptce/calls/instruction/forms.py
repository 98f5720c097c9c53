"""Forms of the instruction page, the expert's page and the message thread. Each form of the
instruction page has its own prefix: several live on the same page."""

from django import forms

from ptce.core.forms import DsfrForm
from ptce.core.versioning import VersionedFormMixin
from ptce.territories.models import Region

from ..models import DECISION_STATES, ApplicationState

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class AssignForm(DsfrForm):
    prefix = "affectation"
    instructor = forms.ModelChoiceField(
        label="Instructeur à affecter",
        queryset=None,
        empty_label="Choisir un instructeur",
        error_messages={"invalid_choice": "Choisissez un instructeur de la liste."},
    )

    def __init__(self, *args, instructors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instructor"].queryset = instructors
        self.fields["instructor"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.email}"
            f"{' (cellule nationale)' if u.is_national_instructor else ''}"
        )


class AnnotationForm(DsfrForm):
    prefix = "annotation"
    body = forms.CharField(
        label="Annotation",
        help_text="Visible des seuls instructeurs, jamais du porteur.",
        widget=TEXTAREA,
        max_length=10000,
    )


class OpinionRequestForm(DsfrForm):
    prefix = "avis"
    expert_name = forms.CharField(label="Nom de l’expert", max_length=200)
    expert_email = forms.EmailField(
        label="Adresse électronique de l’expert",
        error_messages={"invalid": "Saisissez une adresse électronique valide."},
    )
    question = forms.CharField(label="Question posée", widget=TEXTAREA, max_length=10000)
    is_confidential = forms.BooleanField(
        label="Avis confidentiel",
        help_text="Un avis confidentiel n’est jamais montré au porteur.",
        required=False,
        initial=True,
    )


class ScoresForm(VersionedFormMixin, DsfrForm):
    """One score field (0..max) and one comment per criterion of the phase's grid, and an
    « effacer » box per score given: an empty field keeps the score, only the box deletes it.
    It carries the grid's version (`version=`)."""

    prefix = "notes"

    def __init__(self, *args, grid=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = []
        for row in grid.rows:
            criterion = row.criterion
            name = f"criterion_{criterion.pk}"
            help_text = f"De 0 à {criterion.max_score}, pondération {criterion.weight}."
            if criterion.help_text:
                help_text = f"{criterion.help_text} — {help_text}"
            self.fields[name] = forms.IntegerField(
                label=criterion.label,
                min_value=0,
                max_value=criterion.max_score,
                required=False,
                help_text=help_text,
                initial=row.score.value if row.score else None,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Commentaire sur « {criterion.label} »",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=row.score.comment if row.score else "",
            )
            if row.score:
                self.fields[f"clear_{criterion.pk}"] = forms.BooleanField(
                    label=f"Effacer la note de « {criterion.label} »",
                    required=False,
                    help_text="La note reste dans l’historique.",
                )
            self.criteria.append(criterion)

    def by_criterion(self) -> list[dict]:
        """The grid laid out criterion by criterion: each one's score, comment and « effacer »
        box together, so a comment always sits under its own criterion."""
        return [
            {
                "criterion": c,
                "score": self[f"criterion_{c.pk}"],
                "comment": self[f"comment_{c.pk}"],
                "clear": self[f"clear_{c.pk}"] if f"clear_{c.pk}" in self.fields else None,
            }
            for c in self.criteria
        ]

    def error_summary(self) -> list[dict]:
        """Every error of the grid for the alert at its top, with the anchor of its field."""
        summary = []
        for name, errors in self.errors.items():
            field = self[name] if name in self.fields else None
            for message in errors:
                summary.append(
                    {
                        "anchor": field.auto_id if field is not None else "",
                        "label": field.label if field is not None else "",
                        "message": message,
                    }
                )
        return summary

    def values(self) -> dict:
        return {c.pk: self.cleaned_data.get(f"criterion_{c.pk}") for c in self.criteria}

    def comments(self) -> dict:
        return {c.pk: self.cleaned_data.get(f"comment_{c.pk}", "") for c in self.criteria}

    def cleared(self) -> set:
        return {c.pk for c in self.criteria if self.cleaned_data.get(f"clear_{c.pk}")}

    def saved_values(self, scores) -> dict:
        """The grid as saved, by field name, for the conflict page; a criterion this form
        leaves empty (it would keep the saved score) is left out."""
        saved, values = {s.criterion_id: s for s in scores}, {}
        cleared = self.cleared()
        for criterion in self.criteria:
            blank = self.cleaned_data.get(f"criterion_{criterion.pk}") is None
            if blank and criterion.pk not in cleared:
                continue
            score = saved.get(criterion.pk)
            values[f"criterion_{criterion.pk}"] = score.value if score else None
            values[f"comment_{criterion.pk}"] = score.comment if score else ""
        return values


class ProposalForm(VersionedFormMixin, DsfrForm):
    prefix = "proposition"
    proposal = forms.ChoiceField(
        label="Proposition de la région",
        choices=[(s.value, s.label) for s in DECISION_STATES],
        widget=forms.RadioSelect,
    )
    motivation = forms.CharField(label="Motivation", widget=TEXTAREA, max_length=10000)


class TransitionForm(DsfrForm):
    motivation = forms.CharField(
        label="Motivation",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10000,
        required=False,
        help_text="Transmise au porteur.",
    )

    def __init__(self, *args, transition=None, **kwargs):
        super().__init__(*args, prefix=transition.name, **kwargs)
        self.transition = transition
        self.fields["motivation"].required = transition.needs_motivation


class DecisionForm(TransitionForm):
    support_granted = forms.CharField(
        label="Soutien accordé",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
        help_text="Pour une lauréate : le bouquet de services ou l’aide accordée.",
    )
    amount_granted = forms.DecimalField(
        label="Montant accordé (€)",
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )

    without_proposal_reason = forms.CharField(
        label="Pourquoi décider sans la proposition de la région",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
        help_text="Seulement si la région n’a pas fait de proposition ; conservé dans le dossier.",
    )

    def __init__(self, *args, transition=None, needs_reason: bool = True, **kwargs):
        super().__init__(*args, transition=transition, **kwargs)
        if transition.target != ApplicationState.LAUREATE:
            del self.fields["support_granted"]
            del self.fields["amount_granted"]
        if not needs_reason:
            del self.fields["without_proposal_reason"]


class OpinionAnswerForm(DsfrForm):
    body = forms.CharField(
        label="Votre avis", widget=forms.Textarea(attrs={"rows": 8}), max_length=20000
    )


class MessageForm(DsfrForm):
    body = forms.CharField(label="Votre message", widget=TEXTAREA, max_length=10000)


class RegionMoveForm(DsfrForm):
    region = forms.ModelChoiceField(
        label="Nouvelle région d’instruction", queryset=Region.objects.order_by("name")
    )
    reason = forms.CharField(
        label="Motif", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
