"""The call editor's forms. They check types only: every rule is the services' (`services.py`,
`services_form.py`), whose French messages are put back on the fields."""

from django import forms
from django.core.exceptions import ValidationError

from ptce.core.files import ACCEPT_ATTRIBUTE
from ptce.core.forms import DsfrForm, DsfrModelForm
from ptce.core.versioning import VersionedFormMixin
from ptce.territories.models import Region

from ..applicant.prefill import PREFILL_SOURCES
from ..models import Call, CallDocument, Phase, Question, QuestionKind, ScoringCriterion, Section
from .services import CALL_FIELDS, PHASE_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


class EditorForm(VersionedFormMixin, DsfrModelForm):
    def validate_unique(self):
        """The services check uniqueness, with a link to what exists."""


class CallForm(EditorForm):
    class Meta:
        model = Call
        fields = list(CALL_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "letter_laureate": forms.Textarea(attrs={"rows": 10}),
            "letter_other": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {"slug": "Lettres minuscules, chiffres et tirets : ami-ptce-2026."}


class PhaseForm(EditorForm):
    regions = forms.ModelMultipleChoiceField(
        label="Régions éligibles",
        queryset=Region.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Aucune cochée : toutes les régions.",
    )

    class Meta:
        model = Phase
        fields = [*PHASE_FIELDS, "regions"]
        widgets = {
            "opens_on": DATE,
            "closes_on": DATE,
            "description": TEXT,
            "support_description": TEXT,
        }
        help_texts = {
            "number": "Laissé vide : la phase suivante.",
            "closes_on": "Facultative en mode permanent.",
            "requires_phase": "Une phase antérieure du même appel.",
        }

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].required = self.instance.pk is not None
        if self.instance.pk is None:
            self.fields["number"].initial = None  # not the model's 1: empty means « next »
        others = Phase.objects.filter(call=call).order_by("number")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["requires_phase"].queryset = others
        self.fields["requires_phase"].label_from_instance = lambda p: f"Phase {p.number} : {p.name}"


class SectionForm(EditorForm):
    class Meta:
        model = Section
        fields = ["title", "help_text", "position"]
        widgets = {"help_text": TEXT}
        help_texts = {"position": "Les sections se suivent dans cet ordre."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False


class ChoicesField(forms.CharField):
    """One choice per line, cleaned to a list of labels."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def clean(self, value):
        lines = [line.strip() for line in (super().clean(value) or "").splitlines()]
        choices = [line for line in lines if line]
        if len(set(choices)) != len(choices):
            raise ValidationError("Chaque choix ne figure qu’une fois.")
        return choices


class QuestionForm(EditorForm):
    choices = ChoicesField(
        label="Choix possibles",
        required=False,
        help_text="Un par ligne, pour un choix unique ou multiple.",
    )
    prefill = forms.ChoiceField(
        label="Pré-remplissage",
        required=False,
        choices=[("", "Aucun")] + [(k, label) for k, (label, _) in PREFILL_SOURCES.items()],
        help_text="Donnée du pôle proposée comme réponse.",
    )

    class Meta:
        model = Question
        fields = [
            "label",
            "key",
            "help_text",
            "kind",
            "required",
            "choices",
            "parent",
            "max_repeats",
            "prefill",
            "position",
        ]
        widgets = {"help_text": TEXT}
        help_texts = {"key": "Laissé vide : tiré du libellé. Sert aux exports."}

    def __init__(self, *args, section: Section, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].required = False
        self.fields["position"].required = False
        blocks = Question.objects.filter(section=section, kind=QuestionKind.REPEATED)
        if self.instance.pk:
            blocks = blocks.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = blocks.order_by("position", "pk")
        self.fields["parent"].help_text = "Pour une question répétée dans un « bloc répété »."


class CriterionForm(EditorForm):
    class Meta:
        model = ScoringCriterion
        fields = ["label", "help_text", "weight", "max_score", "position"]
        widgets = {"help_text": TEXT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False
        for name in ("weight", "max_score"):
            self.fields[name].widget.attrs.update(min=1, max=100)


class InstructorForm(DsfrForm):
    email = forms.EmailField(label="Adresse électronique")
    region = forms.ModelChoiceField(
        label="Région instruite", queryset=Region.objects.order_by("name")
    )
    first_name = forms.CharField(label="Prénom", max_length=150, required=False)
    last_name = forms.CharField(label="Nom", max_length=150, required=False)
    organisation_label = forms.CharField(
        label="Service ou organisme",
        max_length=200,
        required=False,
        help_text="Ex. : DREETS Bretagne.",
    )


class RegionChoiceForm(DsfrForm):
    region = forms.ModelChoiceField(
        label="Région à retirer", queryset=Region.objects.none(), widget=forms.RadioSelect
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = user.instructor_regions.order_by("name")


class DocumentForm(EditorForm):
    """A document's title, link and place; its file is chosen only when it is added."""

    url = forms.URLField(
        label="Lien",
        required=False,
        assume_scheme="https",
        help_text="Une page ou un fichier publié ailleurs, à la place d’un fichier joint.",
    )

    class Meta:
        model = CallDocument
        fields = ["title", "url", "position"]
        help_texts = {"position": "Les documents se suivent dans cet ordre ; vide : à la fin."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False
        if self.instance.pk is not None and self.instance.file:
            del self.fields["url"]  # a file stays a file: add a new document to change it


class DocumentCreateForm(DocumentForm):
    # Not a model field of the form: the service checks and stores it (`documents.py`).
    file = forms.FileField(
        label="Fichier",
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    field_order = ["title", "file", "url", "position"]
