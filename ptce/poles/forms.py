from django import forms
from django.core.exceptions import ValidationError

from ptce.core.forms import DsfrForm, DsfrModelForm
from ptce.core.versioning import VersionedFormMixin
from ptce.territories.forms import CommuneField
from ptce.territories.models import Commune, Departement, Epci

from .models import Membership, PersonRole, Place, Pole, Stage, Verification

# The three key steps are the coordinator's to declare; « reconnu par l'État » is written only
# by an AMI decision (`ptce.calls.moves`).
COORDINATOR_STAGES = [(value, label) for value, label in Stage.choices if value != Stage.RECOGNISED]


class PoleForm(VersionedFormMixin, DsfrModelForm):
    website = forms.URLField(label="Site internet", required=False, assume_scheme="https")

    class Meta:
        model = Pole
        fields = [
            "name",
            "summary",
            "description",
            "creation_year",
            "form",
            "sectors",
            "stage",
            "charter_signed_on",
            "website",
            "contact_email",
            "contact_phone",
            "is_published",
        ]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "charter_signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "summary": "Une phrase affichée dans l’annuaire (300 caractères au plus).",
            "stage": "Les trois étapes clés sont décrites dans le guide.",
            "is_published": "Un pôle publié apparaît dans l’annuaire, sur la carte et dans les "
            "données ouvertes.",
            "contact_email": "Affichée publiquement : préférez une adresse générique.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.stage == Stage.RECOGNISED:
            # Recognised by a decision of the State: no form may change that.
            del self.fields["stage"]
        else:
            self.fields["stage"].choices = COORDINATOR_STAGES

    def clean_creation_year(self):
        year = self.cleaned_data.get("creation_year")
        if year is not None and not 1980 <= year <= 2100:
            raise ValidationError("Indiquez une année de création plausible (ex. : 2015).")
        return year


class PoleCreateForm(DsfrModelForm):
    class Meta:
        model = Pole
        fields = ["name", "summary", "form", "sectors"]
        widgets = {"sectors": forms.CheckboxSelectMultiple}


class MultipleCodesField(forms.CharField):
    """Several codes, one per line or separated by commas, each checked against a model."""

    def __init__(self, *, model, label_plural, **kwargs):
        self.model, self.label_plural = model, label_plural
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def clean(self, value):
        raw = super().clean(value)
        codes = sorted({part.strip().upper() for part in raw.replace(",", "\n").split() if part})
        if len(codes) > 2000:
            raise ValidationError("Trop de codes : 2 000 au plus.")
        found = {obj.pk: obj for obj in self.model.objects.filter(pk__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise ValidationError(f"{self.label_plural} introuvables : " + ", ".join(unknown[:10]))
        return [found[code] for code in codes]

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(getattr(obj, "pk", str(obj)) for obj in value)
        return value


class TerritoryForm(VersionedFormMixin, DsfrForm):
    scale = forms.ChoiceField(
        label="Échelle",
        choices=[("", "—")] + list(Pole._meta.get_field("scale").choices),
        required=False,
    )
    area_type = forms.ChoiceField(
        label="Type de territoire",
        choices=[("", "—")] + list(Pole._meta.get_field("area_type").choices),
        required=False,
    )
    departements = forms.ModelMultipleChoiceField(
        label="Départements entiers",
        queryset=Departement.objects.order_by("code"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    epcis = MultipleCodesField(
        model=Epci,
        label="EPCI (numéros SIREN)",
        label_plural="EPCI",
        help_text="Un numéro SIREN par ligne, ex. : 243100518 (Toulouse Métropole).",
    )
    communes = MultipleCodesField(
        model=Commune,
        label="Communes (codes INSEE)",
        label_plural="Communes",
        help_text="Un code INSEE par ligne, ex. : 31555 (Toulouse).",
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not (
            data.get("departements") or data.get("epcis") or data.get("communes")
        ):
            raise ValidationError("Indiquez au moins une commune, un EPCI ou un département.")
        return data


class PlaceForm(VersionedFormMixin, DsfrModelForm):
    commune = CommuneField(
        label="Commune",
        help_text="Nom (département) ou code INSEE, par exemple Saint-Denis (93) ou 31555.",
    )

    class Meta:
        model = Place
        fields = [
            "name",
            "address",
            "commune",
            "latitude",
            "longitude",
            "is_public_access",
            "is_main",
        ]
        help_texts = {
            "latitude": "Laissez vide pour placer le lieu au centre de la commune.",
        }

    def clean(self):
        data = super().clean()
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None):
            raise ValidationError("Indiquez la latitude et la longitude, ou aucune des deux.")
        if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValidationError(
                "Coordonnées hors limites (latitude −90 à 90, longitude −180 à 180)."
            )
        return data


class MembershipRoleForm(VersionedFormMixin, DsfrModelForm):
    class Meta:
        model = Membership
        fields = ["role", "joined_on"]
        widgets = {"joined_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class InvitationForm(DsfrForm):
    email = forms.EmailField(label="Adresse électronique")
    role = forms.ChoiceField(label="Rôle", choices=PersonRole.choices, initial=PersonRole.MEMBER)
    membership = forms.ModelChoiceField(
        label="Pour l’organisation membre",
        queryset=Membership.objects.none(),
        required=False,
        help_text="Facultatif : l’organisation que cette personne représente.",
    )

    def __init__(self, *args, pole, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = (
            Membership.objects.current().filter(pole=pole).select_related("organisation")
        )
        self.fields["membership"].label_from_instance = lambda m: m.organisation.name


class PoleAdminForm(forms.ModelForm):
    """The admin's pole form: like the site, it never grants nor removes the State's
    recognition, which only an AMI decision writes."""

    website = forms.URLField(label="Site internet", required=False, assume_scheme="https")

    class Meta:
        model = Pole
        fields = "__all__"  # noqa: DJ007  (the admin's form: every field the admin shows)

    def clean_is_published(self):
        # The admin shows `verification` and `archived_at` read only, so the form leaves their
        # CheckConstraints out: said here, in French, rather than as an IntegrityError.
        published = self.cleaned_data.get("is_published")
        if published and self.instance.archived_at is not None:
            raise ValidationError("Un pôle archivé n’est pas publié : désarchivez-le d’abord.")
        if published and self.instance.verification != Verification.VERIFIED:
            raise ValidationError("Seul un pôle vérifié par un instructeur peut être publié.")
        return published

    def clean_stage(self):
        stage = self.cleaned_data.get("stage")
        if (stage == Stage.RECOGNISED) != (self.instance.stage == Stage.RECOGNISED):
            raise ValidationError(
                "Seule une décision de l’État, au terme d’un appel, reconnaît un pôle."
            )
        return stage
