"""The one filter of published poles, shared by the map, the embed, the open data and the API.

Every parameter is optional; an unknown value is a form error (the map shows it, the API
answers 400), never a silent empty result.
"""

from django import forms
from django.db.models import Exists, OuterRef

from ptce.calls.models import Application, ApplicationState, Call
from ptce.poles.models import Pole, PoleForm, Sector, Stage
from ptce.poles.near import near_condition
from ptce.poles.search import pole_ids, search_words
from ptce.territories.forms import NearForm
from ptce.territories.models import Departement, Region

YES_NO = [("", "Indifférent"), ("oui", "Oui"), ("non", "Non")]


class PublicPoleFilter(NearForm):
    region = forms.ModelChoiceField(
        Region.objects.order_by("name"),
        required=False,
        to_field_name="code",
        label="Région",
        empty_label="Toutes les régions",
    )
    departement = forms.ModelChoiceField(
        Departement.objects.order_by("code"),
        required=False,
        to_field_name="code",
        label="Département",
        empty_label="Tous les départements",
    )
    sector = forms.ModelChoiceField(
        Sector.objects.all(), required=False, label="Filière", empty_label="Toutes les filières"
    )
    form = forms.ChoiceField(
        choices=[("", "Toutes")] + PoleForm.choices, required=False, label="Forme"
    )
    stage = forms.TypedChoiceField(
        choices=[("", "Toutes")] + Stage.choices, coerce=int, required=False, label="Étape"
    )
    charter = forms.ChoiceField(
        choices=YES_NO, required=False, label="Signataire de la charte des PTCE"
    )
    laureate = forms.ModelChoiceField(
        Call.objects.filter(is_published=True),
        required=False,
        to_field_name="slug",
        label="Lauréat de l’appel",
        empty_label="Indifférent",
    )
    q = forms.CharField(
        label="Rechercher",
        help_text="Nom du pôle ou d’un membre, commune, filière",
        max_length=100,
        required=False,
    )
    # The « près de » fields (`NearForm`) come after the others, as they always did.
    field_order = [
        *("region", "departement", "sector", "form", "stage", "charter", "laureate", "q"),
        *("near", "radius", "lat", "lon"),
    ]

    def clean(self):
        data = super().clean()
        # The forgiving search (typos, word order, members, communes), most relevant first.
        self.matching_ids = pole_ids(data["q"], search_words(data["q"])) if data.get("q") else None
        return data

    def filter(self, poles, *, near: bool = True):
        """`poles` narrowed by the cleaned filters (call `is_valid()` first); `near=False`
        leaves out the « près de » box (to propose the nearest poles beyond it)."""
        data = self.cleaned_data
        origin = getattr(self, "origin", None)
        if getattr(self, "matching_ids", None) is not None:
            poles = poles.filter(pk__in=self.matching_ids)
        if near and origin is not None:
            # A box first (two plain columns, any database); the exact circle in Python.
            poles = poles.filter(near_condition(origin, self.radius_km))
        if data.get("region"):
            poles = poles.filter(region=data["region"])
        if data.get("departement"):
            poles = poles.filter(covered_departements=data["departement"])
        if data.get("sector"):
            poles = poles.filter(sectors=data["sector"])
        if data.get("form"):
            poles = poles.filter(form=data["form"])
        if data.get("stage"):
            poles = poles.filter(stage=data["stage"])
        if data.get("charter") == "oui":
            poles = poles.filter(charter_signed_on__isnull=False)
        elif data.get("charter") == "non":
            poles = poles.filter(charter_signed_on__isnull=True)
        if data.get("laureate"):
            won = Application.objects.filter(
                pole=OuterRef("pk"),
                phase__call=data["laureate"],
                state=ApplicationState.LAUREATE,
            )
            poles = poles.filter(Exists(won))
        return poles

    def active_filters(self) -> dict[str, str]:
        """The filters in use, as query parameters (for shareable URLs and download links)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: self.data[name] for name in self.fields if self.data.get(name)}


def published_poles(params=None):
    """(poles, form): the published poles matching `params` (a QueryDict or dict). With invalid
    params the queryset is empty and the form carries the French errors."""
    form = PublicPoleFilter(params or None)
    poles = Pole.objects.published()
    if not form.is_bound:
        form.cleaned_data, form.origin, form.matching_ids = {}, None, None
        return poles, form
    if not form.is_valid():
        return poles.none(), form
    return form.filter(poles).distinct(), form
