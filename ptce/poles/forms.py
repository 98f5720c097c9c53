import re

from django import forms
from django.core.exceptions import ValidationError

from ptce.core.forms import DsfrForm, DsfrModelForm
from ptce.core.versioning import VersionedFormMixin
from ptce.territories.forms import CommuneField, resolution_error
from ptce.territories.models import Commune, Departement, Epci, Region
from ptce.territories.resolve import (
    resolve_commune,
    resolve_departement,
    resolve_epci,
    territory_suggestions,
)

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
            "contact_email": "Ce courriel est affiché publiquement : préférez une adresse "
            "générique.",
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
            raise ValidationError("Indiquez une année de création plausible (ex. : 2015).")
        return year


class PoleCreateForm(DsfrModelForm):
    class Meta:
        model = Pole
        fields = ["name", "summary", "form", "sectors"]
        widgets = {"sectors": forms.CheckboxSelectMultiple}


class ManyValuesTextarea(forms.Textarea):
    """A textarea that also takes a value sent several times (a former multiple select)."""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            return "\n".join(data.getlist(name))
        return super().value_from_datadict(data, files, name)


CODE_LIST = re.compile(r"^(\d{1,9}|2[AB]\d{0,3})$", re.IGNORECASE)
MAX_ENTRIES = 2000
MAX_FREE_TEXT = 5


class TerritoryNamesField(forms.CharField):
    """One name or code per line (or after « ; »): the entries, resolved by the form's
    `clean_<field>` once the région and départements are known. Commas separate codes, and
    names when `comma_separates` (an EPCI's name may hold a comma)."""

    def __init__(self, *, comma_separates=True, **kwargs):
        self.comma_separates = comma_separates
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", ManyValuesTextarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def clean(self, value):
        raw = super().clean(value)
        entries = []
        for line in re.split(r"[\n;]", raw):
            parts = line.replace(",", " ").split()
            if parts and all(CODE_LIST.match(part) for part in parts):
                entries += [part.upper() for part in parts]
            elif self.comma_separates:
                entries += [part.strip() for part in line.split(",") if part.strip()]
            elif line.strip():
                entries.append(line.strip())
        if len(entries) > MAX_ENTRIES:
            raise ValidationError("Trop de lignes : 2 000 au plus.")
        return list(dict.fromkeys(entries))

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(getattr(obj, "pk", str(obj)) for obj in value)
        return value


class TerritoryForm(VersionedFormMixin, DsfrForm):
    """A pole's territory: communes, EPCI and départements by name or code, or only its région
    for now (« territoire à préciser »). A name that designates no single row is refused with
    its candidates (`ptce.territories.resolve`)."""

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
    region = forms.ModelChoiceField(
        label="Région principale",
        queryset=Region.objects.order_by("name"),
        required=False,
        help_text="Suffit, seule, à placer le pôle dans sa région tant que son territoire "
        "n’est pas précisé ; sinon, laissez vide pour la déduire du territoire.",
    )
    departements = TerritoryNamesField(
        label="Départements entiers",
        help_text="Un par ligne, nom ou code, ex. : Ariège ou 09.",
    )
    epcis = TerritoryNamesField(
        label="EPCI",
        comma_separates=False,
        help_text="Un par ligne, nom ou numéro SIREN, ex. : Toulouse Métropole ou 243100518.",
    )
    communes = TerritoryNamesField(
        label="Communes",
        help_text="Une par ligne, nom ou code INSEE, ex. : Saint-Girons, Saint-Denis (93) "
        "ou 31555.",
    )

    def __init__(self, *args, pole_region=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.pole_region = pole_region  # ranks homonyms when no région is chosen

    def _scope(self) -> dict:
        data = self.cleaned_data
        region = data.get("region") or self.pole_region
        return {"region": region, "departements": data.get("departements") or []}

    def _resolved(self, name, resolve, model, **scope):
        rows, errors = [], []
        for entry in self.cleaned_data.get(name, []):
            resolution = resolve(entry, **scope)
            if resolution.match is not None:
                rows.append(resolution.match)
                continue
            suggestions = []
            # Free text in the communes' box may name an EPCI (a few: each reads the tables).
            if not resolution.candidates and model is Commune and len(errors) < MAX_FREE_TEXT:
                suggestions = territory_suggestions(entry, **scope)
            errors.append(resolution_error(resolution, model, suggestions))
        if errors:
            raise ValidationError(errors)
        return list({row.pk: row for row in rows}.values())

    def clean_departements(self):
        return self._resolved("departements", resolve_departement, Departement)

    def clean_epcis(self):
        return self._resolved("epcis", resolve_epci, Epci, **self._scope())

    def clean_communes(self):
        return self._resolved("communes", resolve_commune, Commune, **self._scope())

    def clean(self):
        data = super().clean()
        if not self.errors and not any(
            data.get(name) for name in ("region", "departements", "epcis", "communes")
        ):
            raise ValidationError(
                "Indiquez au moins la région, ou une commune, un EPCI ou un département."
            )
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
        help_text="Facultatif : l’organisation que cette personne représente.",
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
            raise ValidationError("Un pôle archivé n’est pas publié : désarchivez-le d’abord.")
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
