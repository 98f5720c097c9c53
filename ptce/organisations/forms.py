from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from ptce.core.forms import DsfrFormMixin
from ptce.core.versioning import VersionedFormMixin
from ptce.sirene.forms import SireneNameInput
from ptce.territories.forms import CommuneField

from .models import Organisation
from .selectors import organisation_duplicates
from .services import duplicate_message
from .validators import (
    NAF_HELP,
    RNA_HELP,
    SIRET_HELP,
    normalize_naf,
    normalize_rna,
    normalize_siret,
)


class HttpsURLField(forms.URLField):
    """A web address; "exemple.fr" becomes "https://exemple.fr"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class OrganisationAdminForm(forms.ModelForm):
    """An organisation's record. Its `cleaned_data` are the keyword arguments of
    `organisation_create` / `organisation_update` (without `created_by`).

    Pass `can_view(organisation)` to link a duplicate only when the user may open it.
    This plain version serves the admin; the site uses `OrganisationForm` (DSFR rendering).
    """

    # Declared here (not derived from the model) so that "732 829 320 00074" is not refused
    # for its length before it is normalised.
    siret = forms.CharField(
        label="SIRET (selon la catégorie)",
        required=False,  # required or not by legal category: `identifier_errors`
        max_length=40,
        help_text=f"{SIRET_HELP} Obligatoire pour une entreprise ; une association peut indiquer "
        "son numéro RNA à la place ; facultatif pour une collectivité ou une personne physique.",
    )
    rna = forms.CharField(label="Numéro RNA", required=False, max_length=20, help_text=RNA_HELP)
    naf_code = forms.CharField(
        label="Code NAF (APE)", required=False, max_length=12, help_text=NAF_HELP
    )
    commune = CommuneField(label="Commune du siège", required=False)

    class Meta:
        model = Organisation
        fields = [
            "name",
            "legal_category",
            "ess_quality",
            "siret",
            "rna",
            "naf_code",
            "commune",
            "address",
            "headcount_band",
            "website",
        ]
        labels = {
            "name": "Nom",
            "legal_category": "Catégorie juridique",
            "ess_quality": "Qualité ESS reconnue (société commerciale)",
            "website": "Site internet",
        }
        help_texts = {
            "name": "Raison sociale ou nom d’usage.",
            "legal_category": "Associations, coopératives, SCIC, SCOP, mutuelles et fondations "
            "relèvent de l’ESS par leur statut.",
            "ess_quality": "Seulement pour une société commerciale qui remplit les conditions de "
            "l’art. 1 de la loi du 31 juillet 2014 relative à l’ESS.",
            "website": "Adresse complète (ex. : https://www.exemple.fr).",
        }
        field_classes = {"website": HttpsURLField}

    def __init__(self, *args, can_view=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_view = can_view
        if self.instance.commune_id and self.initial.get("commune") == self.instance.commune_id:
            self.initial["commune"] = self.instance.commune  # unless given (e.g. from SIRENE)

    def clean_siret(self):
        return normalize_siret(self.cleaned_data.get("siret")) or None

    def clean_rna(self):
        return normalize_rna(self.cleaned_data.get("rna")) or None

    def clean_naf_code(self):
        return normalize_naf(self.cleaned_data.get("naf_code"))

    def clean_name(self):
        return (self.cleaned_data.get("name") or "").strip()

    def clean(self):
        cleaned_data = super().clean()
        duplicates = organisation_duplicates(
            siret=cleaned_data.get("siret"),
            rna=cleaned_data.get("rna"),
            exclude_pk=self.instance.pk,
        )
        for field, existing in duplicates.items():
            self.add_error(field, ValidationError(self._duplicate_message(field, existing)))
        return cleaned_data

    def _duplicate_message(self, field, existing):
        message = duplicate_message(field, existing)
        if self.can_view is not None and not self.can_view(existing):
            return message
        return format_html(
            # One span: DSFR error texts are flex boxes, which would drop the space.
            '<span>{} <a href="{}">Voir la fiche de « {} »</a></span>',
            message,
            existing.get_absolute_url(),
            existing.name,
        )

    def validate_unique(self):
        """Duplicate SIRET or RNA numbers are reported by `clean`, naming the existing record."""

    def _update_errors(self, errors):
        # One message per field: a field that failed its own check (e.g. a mistyped SIRET) does
        # not also get the record-level rule (e.g. "SIRET obligatoire").
        if hasattr(errors, "error_dict"):
            remaining = {
                field: messages
                for field, messages in errors.error_dict.items()
                if field not in self._errors
            }
            if not remaining:
                return
            errors = ValidationError(remaining)
        super()._update_errors(errors)


class OrganisationForm(VersionedFormMixin, DsfrFormMixin, OrganisationAdminForm):
    """The site's organisation form, rendered with the DSFR field templates (`{{ form }}`); an
    edit carries the version it was loaded from. Typing the name suggests units of the SIRENE
    copy, to prefill the form with (the page's view reads `?sirene=`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget = SireneNameInput(attrs=self.fields["name"].widget.attrs)
        # Neither « (Optionnel) » nor required: the label and help say when it is.
        self.fields["siret"].template_name = "organisations/fields/conditional_input.html"
