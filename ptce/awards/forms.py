from django import forms

from ptce.calls.models import Call
from ptce.core.files import ACCEPT_ATTRIBUTE, ALLOWED_LABEL, human_size, max_bytes
from ptce.core.forms import DsfrForm, DsfrModelForm
from ptce.core.versioning import VersionedFormMixin
from ptce.territories.models import Region

from .models import Agreement, AgreementState, Committee, Instalment, ReportKind, ServiceDelivery
from .services import EDITABLE_FIELDS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def upload_help() -> str:
    return f"Formats acceptés : {ALLOWED_LABEL}. Taille maximale : {human_size(max_bytes())}."


def file_field(label: str, *, required: bool = True) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=required,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )


class AgreementForm(VersionedFormMixin, DsfrModelForm):
    """Creation (from the decision, prefilled) and edit (with its version)."""

    class Meta:
        model = Agreement
        fields = EDITABLE_FIELDS
        widgets = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "signed_on": DATE_WIDGET,
            "services": forms.Textarea(attrs={"rows": 3}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "signatories": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "La fin de la convention suit son début.")
        return data


class UploadForm(DsfrForm):
    file = file_field("Convention signée")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = upload_help()


class InstalmentForm(DsfrModelForm):
    class Meta:
        model = Instalment
        fields = ["amount", "due_date", "condition"]
        widgets = {"due_date": DATE_WIDGET}


class ConditionForm(DsfrForm):
    met = forms.BooleanField(label="Condition remplie", required=False)


class MoveForm(DsfrForm):
    reason = forms.CharField(
        label="Motif", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class PayForm(MoveForm):
    paid_on = forms.DateField(label="Versé le", widget=DATE_WIDGET)
    paid_amount = forms.DecimalField(
        label="Montant versé (€)", max_digits=12, decimal_places=2, min_value=0.01
    )

    field_order = ["paid_on", "paid_amount", "reason"]


class CommitteeForm(DsfrModelForm):
    minutes = file_field("Compte rendu", required=False)

    class Meta:
        model = Committee
        fields = ["date", "attendees", "decisions"]
        widgets = {
            "date": DATE_WIDGET,
            "attendees": forms.Textarea(attrs={"rows": 4}),
            "decisions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minutes"].help_text = upload_help()


class FilterForm(DsfrForm):
    state = forms.ChoiceField(
        label="État", required=False, choices=[("", "Tous"), *AgreementState.choices]
    )
    call = forms.ModelChoiceField(
        label="Appel",
        required=False,
        queryset=Call.objects.order_by("-year", "name"),
        empty_label="Tous",
    )
    region = forms.ModelChoiceField(
        label="Région",
        required=False,
        queryset=Region.objects.order_by("name"),
        empty_label="Toutes",
    )


class ReportScheduleForm(DsfrForm):
    kind = forms.ChoiceField(label="Rapport", choices=ReportKind.choices)
    due_date = forms.DateField(
        label="À remettre le",
        required=False,
        widget=DATE_WIDGET,
        help_text="Par défaut : à mi-parcours (intermédiaire), deux mois après la fin (final).",
    )


class ReviewForm(DsfrForm):
    reason = forms.CharField(
        label="Modifications attendues",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class DeliveryForm(DsfrModelForm):
    class Meta:
        model = ServiceDelivery
        fields = ["item", "quantity", "date", "note"]
        widgets = {"date": DATE_WIDGET}

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["item"].empty_label = "—"

    def _post_clean(self):
        pass  # the service validates the delivery, with the agreement it belongs to
