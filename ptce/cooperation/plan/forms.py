"""Forms of steps 2 and 3: needs, topics, the matrix, objectives, actions and their funding.
They parse and check input; services write."""

from django import forms
from django.core.exceptions import ValidationError

from ptce.core.forms import DsfrForm, DsfrModelForm
from ptce.core.versioning import VersionedFormMixin

from ..models import (
    CooperationAction,
    FundingSource,
    StrategicObjective,
    TerritoryNeed,
    Topic,
)
from .services import NEED_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
STRENGTHS = [("", "—"), ("1", "1 – faible"), ("2", "2 – moyen"), ("3", "3 – fort")]


class NeedForm(VersionedFormMixin, DsfrModelForm):
    class Meta:
        model = TerritoryNeed
        fields = list(NEED_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "source": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "source": "Diagnostic, étude, témoignages, chiffres… ce qui montre que le besoin "
            "existe.",
            "is_covered_elsewhere": "Laissez décoché si personne ne répond à ce besoin sur le "
            "territoire : il apparaîtra comme « besoin non traité ».",
            "is_public": "Le titre et le thème du besoin apparaissent sur la page publique.",
        }

    def clean(self):
        data = super().clean()
        if data.get("is_covered_elsewhere") is False:
            data["covered_by"] = ""
        return data


class TopicForm(VersionedFormMixin, DsfrModelForm):
    class Meta:
        model = Topic
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class ObjectiveForm(VersionedFormMixin, DsfrModelForm):
    class Meta:
        model = StrategicObjective
        fields = ["title", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"position": "Ordre d’affichage"}

    def clean_title(self):
        """Renamed, an objective may not take another's title (the database refuses it)."""
        title = self.cleaned_data["title"].strip()
        same = StrategicObjective.objects.filter(pole_id=self.instance.pole_id, title__iexact=title)
        if self.instance.pk and same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Un objectif du plan porte déjà ce titre.")
        return title


class MatrixForm(forms.Form):
    """One select per cell of the topics × needs matrix, named `cell-<topic>-<need>`."""

    def __init__(self, *args, matrix, **kwargs):
        super().__init__(*args, **kwargs)
        self.matrix = matrix
        # The cells as this page shows them, so a save writes only what this person changed.
        self.fields["loaded"] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=self.encode(matrix.strengths)
        )
        for topic, cells in matrix.rows():
            for need, strength in cells:
                self.fields[self.cell_name(topic, need)] = forms.TypedChoiceField(
                    label=f"Le sujet « {topic.title} » répond au besoin « {need.title} »",
                    choices=STRENGTHS,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=str(strength or ""),
                    widget=forms.Select(attrs={"class": "fr-select"}),
                )

    @staticmethod
    def cell_name(topic, need) -> str:
        return f"cell-{topic.pk}-{need.pk}"

    @staticmethod
    def encode(strengths: dict[tuple[int, int], int | None]) -> str:
        return " ".join(f"{t}-{n}-{s}" for (t, n), s in sorted(strengths.items()) if s)

    def clean_loaded(self) -> dict[tuple[int, int], int] | None:
        """None when the page sent no snapshot (an old page: last save wins, as before)."""
        if "loaded" not in self.data:
            return None
        loaded = {}
        for item in self.cleaned_data["loaded"].split():
            parts = item.split("-")
            if len(parts) != 3 or not all(part.isdigit() for part in parts):
                raise ValidationError("La page est incomplète : rechargez-la.")
            loaded[int(parts[0]), int(parts[1])] = int(parts[2])
        return loaded

    def cells(self) -> dict[tuple[int, int], int | None]:
        return {
            (topic.pk, need.pk): self.cleaned_data[self.cell_name(topic, need)]
            for topic, row in self.matrix.rows()
            for need, _ in row
        }

    def grid(self):
        """[(topic, [(need, bound field, strength), …]), …] for the template."""
        return [
            (topic, [(need, self[self.cell_name(topic, need)], s) for need, s in row])
            for topic, row in self.matrix.rows()
        ]


class MembershipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.organisation.name


class MembershipMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.organisation.name


class ActionForm(VersionedFormMixin, DsfrModelForm):
    lead = MembershipChoiceField(label="Membre pilote", queryset=None, required=False)
    participants = MembershipMultipleChoiceField(
        label="Organisations membres participantes",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="Au moins deux organisations membres du pôle (le membre pilote compte).",
        error_messages={
            "required": "Une action de coopération réunit au moins deux organisations membres "
            "du pôle : choisissez-en au moins deux."
        },
    )

    class Meta:
        model = CooperationAction
        fields = [
            "title",
            "description",
            "action_type",
            "status",
            "objective",
            "in_action_plan",
            "topic",
            "lead",
            "participants",
            "partners",
            "needs",
            "ess_statute",
            "start_date",
            "end_date",
            "budget",
            "jobs_created_etp",
            "jobs_kept_etp",
            "activities_created",
            "turnover",
            "is_public",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "needs": forms.CheckboxSelectMultiple,
            "start_date": DATE,
            "end_date": DATE,
        }
        labels = {"topic": "Sujet à co-construire"}
        help_texts = {
            "ess_statute": "Critère F : un statut de l’ESS mobilisé pour l’action (création "
            "d’une SCIC, d’un groupe coopératif…).",
            "is_public": "Titre, type, état, nombre de participants et résultats apparaissent "
            "sur la page publique du pôle.",
            "partners": "Partenaires qui ne sont pas membres du pôle.",
        }

    def __init__(self, *args, pole, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = memberships
        self.fields["participants"].queryset = memberships
        self.fields["objective"].queryset = StrategicObjective.objects.filter(pole=pole)
        self.fields["topic"].queryset = Topic.objects.filter(pole=pole)
        self.fields["needs"].queryset = TerritoryNeed.objects.filter(pole=pole)
        self.fields["needs"].required = False

    def clean_jobs_created_etp(self):
        return _non_negative(self, "jobs_created_etp", "Le nombre d’emplois créés (ETP)")

    def clean_jobs_kept_etp(self):
        return _non_negative(self, "jobs_kept_etp", "Le nombre d’emplois maintenus (ETP)")

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date", "La date de fin doit être postérieure ou égale à la date de début."
            )
        return data

    def _post_clean(self):
        # The service validates and writes the instance; the form only parses.
        pass


def _non_negative(form, name, label):
    value = form.cleaned_data.get(name)
    if value is not None and value < 0:
        raise ValidationError(f"{label} ne peut pas être négatif.")
    return value


class FundingForm(DsfrForm):
    source = forms.ChoiceField(
        label="Source", choices=[("", "—"), *FundingSource.choices], required=False
    )
    amount = forms.DecimalField(
        label="Montant (€)", required=False, min_value=0, max_digits=12, decimal_places=2
    )

    def clean(self):
        data = super().clean()
        if data.get("source") and data.get("amount") is None:
            self.add_error("amount", "Indiquez le montant de ce financement.")
        if data.get("amount") is not None and not data.get("source"):
            self.add_error("source", "Indiquez la source de ce financement.")
        return data


FundingFormSet = forms.formset_factory(FundingForm, extra=2, max_num=20, absolute_max=30)


def funding_rows(formset) -> list[tuple]:
    return [
        (form.cleaned_data["source"], form.cleaned_data["amount"])
        for form in formset
        if form.cleaned_data.get("source")
    ]
