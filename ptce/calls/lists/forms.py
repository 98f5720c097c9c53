"""The filters of the instructors' list, shared by the list page and its exports."""

from django import forms

from ptce.core.forms import DsfrForm
from ptce.core.versioning import VersionedFormMixin
from ptce.poles.models import Sector
from ptce.territories.models import Departement, Region

from ..models import ApplicationState, Call, Phase
from . import selectors
from .exports import COLUMNS, DEFAULT_COLUMNS


class ApplicationFilterForm(DsfrForm):
    call = forms.ModelChoiceField(
        Call.objects.order_by("-year", "name"),
        required=False,
        to_field_name="slug",
        label="Appel",
        empty_label="Tous les appels",
    )
    phase = forms.ModelChoiceField(
        Phase.objects.select_related("call").order_by("-call__year", "call__name", "number"),
        required=False,
        label="Phase",
        empty_label="Toutes les phases",
    )
    state = forms.ChoiceField(
        choices=[("", "Tous les états")]
        + [(v, label) for v, label in ApplicationState.choices if v != ApplicationState.DRAFT],
        required=False,
        label="État",
    )
    region = forms.ModelChoiceField(
        Region.objects.order_by("name"),
        required=False,
        label="Région",
        empty_label="Toutes les régions",
    )
    departement = forms.ModelChoiceField(
        Departement.objects.order_by("code"),
        required=False,
        label="Département",
        empty_label="Tous les départements",
    )
    sector = forms.ModelChoiceField(
        Sector.objects.all(), required=False, label="Filière", empty_label="Toutes les filières"
    )
    mine = forms.BooleanField(required=False, label="Seulement celles qui me sont attribuées")
    overdue = forms.BooleanField(required=False, label="Seulement celles en retard")
    sort = forms.ChoiceField(
        choices=[(key, label) for key, (label, _) in selectors.SORTS.items()],
        required=False,
        label="Trier par",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["phase"].label_from_instance = lambda phase: (
            f"{phase.call.name} — phase {phase.number} : {phase.name}"
        )
        self.fields["departement"].label_from_instance = lambda d: f"{d.code} — {d.name}"
        if user is not None and not selectors.sees_all_regions(user):
            self.fields["region"].queryset = user.instructor_regions.order_by("name")

    def filter(self, applications):
        """`applications` narrowed by the cleaned filters, then sorted."""
        data = self.cleaned_data
        if data.get("call"):
            applications = applications.filter(phase__call=data["call"])
        if data.get("phase"):
            applications = applications.filter(phase=data["phase"])
        if data.get("state"):
            applications = applications.filter(state=data["state"])
        if data.get("region"):
            applications = applications.filter(region=data["region"])
        if data.get("departement"):
            applications = applications.filter(
                pole__in=data["departement"].covering_poles.values("pk")
            )
        if data.get("sector"):
            applications = applications.filter(pole__in=data["sector"].pole_set.values("pk"))
        if data.get("mine") and self.user is not None:
            applications = applications.filter(pk__in=self.user.assigned_applications.values("pk"))
        if data.get("overdue"):
            applications = applications.filter(selectors.overdue_q())
        _, ordering = selectors.SORTS[data.get("sort") or selectors.DEFAULT_SORT]
        return applications.order_by(*ordering)

    def active_filters(self) -> dict[str, str]:
        """The filters in use, as query parameters (for the export links and pagination)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: self.data[name] for name in self.fields if self.data.get(name)}


class ColumnsForm(DsfrForm):
    columns = forms.MultipleChoiceField(
        choices=[(key, column.label) for key, column in COLUMNS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Colonnes à exporter",
    )

    def chosen(self) -> list[str]:
        """The chosen columns in their display order, the default set when none is chosen."""
        if self.is_bound and self.is_valid() and self.cleaned_data["columns"]:
            picked = set(self.cleaned_data["columns"])
            return [key for key in COLUMNS if key in picked]
        return list(DEFAULT_COLUMNS)


def filtered_applications(user, params):
    """(applications, form): the applications of `user`'s scope matching `params`, sorted,
    with the data a row shows. Invalid params give no rows and the form's French errors."""
    form = ApplicationFilterForm(params or None, user=user)
    applications = selectors.with_list_data(selectors.instruction_scope(user))
    if not form.is_bound:
        form.cleaned_data = {}
        return form.filter(applications), form
    if not form.is_valid():
        return applications.none(), form
    return form.filter(applications), form


class SaveFilterForm(DsfrForm):
    """Saves the list's current filters (`querystring`, hidden) under a name."""

    prefix = "filtre"
    name = forms.CharField(label="Nom du filtre", max_length=100)
    querystring = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)


class RenameFilterForm(VersionedFormMixin, DsfrForm):
    name = forms.CharField(label="Nom du filtre", max_length=100)
