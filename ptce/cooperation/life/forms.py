"""Forms for shared resources, meetings and their attachments. The rules (dates in order,
members of the pole, file types) live in `services` and `ptce.core.files`: the views add
their errors to these forms."""

from django import forms

from ptce.core.files import ALLOWED_LABEL, human_size, max_bytes
from ptce.core.forms import DsfrForm, DsfrModelForm
from ptce.core.versioning import VersionedFormMixin
from ptce.poles.models import Membership

from ..models import Meeting, ResourceCategory, ResourceKind, SharedResource

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MembershipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.organisation.name


class SharedResourceForm(VersionedFormMixin, DsfrModelForm):
    membership = MembershipChoiceField(
        label="Pour l’organisation", queryset=Membership.objects.none(), empty_label=None
    )

    class Meta:
        model = SharedResource
        fields = [
            "membership",
            "kind",
            "category",
            "title",
            "description",
            "available_from",
            "available_until",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "available_from": DATE_WIDGET,
            "available_until": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "available_from": "Laissez vide si la ressource est disponible dès maintenant.",
            "available_until": "Laissez vide si la disponibilité n’a pas de fin prévue.",
        }

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = memberships

    def _post_clean(self):
        # Model validation (dates in order…) is the service's job, with the same messages.
        pass


class ResourceFilterForm(DsfrForm):
    kind = forms.ChoiceField(
        label="Offre ou demande",
        required=False,
        choices=[("", "Toutes")] + ResourceKind.choices,
    )
    category = forms.ChoiceField(
        label="Catégorie", required=False, choices=[("", "Toutes")] + ResourceCategory.choices
    )
    inactive = forms.BooleanField(label="Inclure les ressources désactivées", required=False)


class MembershipCheckboxes(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.organisation.name


class MeetingForm(VersionedFormMixin, DsfrModelForm):
    starts_at = forms.DateTimeField(
        label="Date et heure",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    attendees = MembershipCheckboxes(
        label="Organisations membres présentes",
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Meeting
        fields = ["kind", "title", "starts_at", "place", "agenda", "attendees", "minutes"]
        widgets = {
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "minutes": "Visible des personnes du pôle et des instructeurs de la région, jamais "
            "du public.",
        }

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = memberships

    def _post_clean(self):
        # Model validation is the service's job (`meeting_create`, `meeting_update`).
        pass


class AttachmentForm(DsfrForm):
    """The file's help (accepted types, size limit) is `upload_help()`, read at each request."""

    file = forms.FileField(label="Ajouter une pièce jointe")


def upload_help() -> str:
    return f"Formats acceptés : {ALLOWED_LABEL}. Taille maximale : {human_size(max_bytes())}."
