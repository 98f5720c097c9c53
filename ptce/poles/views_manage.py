"""The coordinator's space: profile, territory, places, history. Members: `views_members`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ptce.core import once
from ptce.core.versioning import EditConflict, conflict_response

from . import perms, selectors
from .forms import PlaceForm, PoleForm, TerritoryForm
from .models import Place
from .services import place_delete, place_save, pole_territory_set, pole_update

HISTORY_LIMIT = 100


def _render(request, template, pole, tab, **context):
    return render(request, template, {"pole": pole, "tab": tab, **context})


def edit(request, slug):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    form = PoleForm(request.POST if request.method == "POST" else None, instance=pole)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        sectors = data.pop("sectors")
        try:
            pole_update(pole=pole, sectors=sectors, **data)
        except EditConflict as conflict:
            return conflict_response(
                request,
                form=form,
                current=conflict.current,
                pole=pole,
                cancel_url=reverse("poles:manage", args=[pole.slug]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Les informations du pôle sont enregistrées.")
            return redirect("poles:manage", slug=pole.slug)
    return _render(request, "poles/manage/edit.html", pole, "edit", form=form)


def _territory(pole) -> dict:
    """The territory form's values, as saved (the région shown when it is all there is: else
    it derives from the rest)."""
    values = {
        "scale": pole.scale,
        "area_type": pole.area_type,
        "departements": list(pole.territory_departements.all()),
        "epcis": list(pole.territory_epcis.all()),
        "communes": list(pole.territory_communes.all()),
    }
    is_precise = values["departements"] or values["epcis"] or values["communes"]
    return {**values, "region": None if is_precise else pole.region}


def territory(request, slug):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    form = TerritoryForm(
        request.POST if request.method == "POST" else None,
        initial=_territory(pole),
        version=pole.version,
        pole_region=pole.region,
    )
    if request.method == "POST" and form.is_valid():
        try:
            pole_territory_set(pole=pole, **form.cleaned_data)
        except EditConflict as conflict:
            return conflict_response(
                request,
                form=form,
                current=conflict.current,
                current_values=_territory(conflict.current),
                cancel_url=reverse("poles:manage", args=[pole.slug]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Le territoire du pôle est enregistré.")
            return redirect("poles:manage", slug=pole.slug)
    return _render(request, "poles/manage/territory.html", pole, "territory", form=form)


def places(request, slug):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    return _render(
        request, "poles/manage/places.html", pole, "places", places=selectors.pole_places(pole)
    )


def place_form(request, slug, pk=None):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    place = get_object_or_404(Place, pk=pk, pole=pole) if pk else None
    form = PlaceForm(request.POST if request.method == "POST" else None, instance=place)
    if place is None:
        once.arm(form)
    if request.method == "POST" and form.is_valid():
        if replayed := once.replay(request, form):
            return replayed
        try:
            place_save(pole=pole, place=place, **form.cleaned_data)
        except EditConflict as conflict:
            return conflict_response(
                request,
                form=form,
                current=conflict.current,
                cancel_url=reverse("poles:places", args=[pole.slug]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Le lieu est enregistré.")
            return once.done(form, redirect("poles:places", slug=pole.slug))
    return _render(request, "poles/manage/place_form.html", pole, "places", form=form, place=place)


@require_POST
def place_remove(request, slug, pk):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    place = get_object_or_404(Place, pk=pk, pole=pole)
    place_delete(place=place)
    messages.success(request, f"Le lieu « {place.name} » est supprimé.")
    return redirect("poles:places", slug=pole.slug)


def history(request, slug):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    return _render(
        request,
        "poles/manage/history.html",
        pole,
        "history",
        entries=selectors.pole_history(pole, limit=HISTORY_LIMIT),
    )
