"""The pages of the saved filters: save the list's filters under a name (a POST from the list),
rename one, delete one (after confirmation). Instruction only (403 for the others, as the
list); another person's filter is a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ptce.core import once
from ptce.core.confirm import Confirmation, confirmation_page, confirmed_action, is_confirmed
from ptce.core.versioning import EditConflict, conflict_response

from . import saved_filters
from .forms import RenameFilterForm, SaveFilterForm
from .views import _require_instruction


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@require_POST
def saved_filter_create(request):
    _require_instruction(request.user)
    form = once.arm(SaveFilterForm(request.POST))
    if form.is_valid():
        if replayed := once.replay(request, form):
            return replayed
        try:
            saved = saved_filters.saved_filter_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Le filtre « {saved.name} » est enregistré.")
            return once.done(form, redirect(saved_filters.list_url(saved)))
    querystring = form.data.get(form.add_prefix("querystring"), "")
    return render(
        request,
        "calls/lists/saved_filter_form.html",
        {
            "form": form,
            "title": "Enregistrer ces filtres",
            "action": reverse("calls:saved_filter_create"),
            "words": saved_filters.describe(request.user, querystring),
            "back_url": reverse("calls:instruction_list") + "?" + querystring[:1000],
        },
        status=400,
    )


@require_http_methods(["GET", "POST"])
def saved_filter_edit(request, filter_pk):
    _require_instruction(request.user)
    saved = saved_filters.get_saved_filter_for_user(request, filter_pk)
    form = RenameFilterForm(
        request.POST if request.method == "POST" else None,
        initial={"name": saved.name},
        version=saved.version,
    )
    if form.is_bound and form.is_valid():
        try:
            saved_filters.saved_filter_rename(
                saved_filter=saved,
                by=request.user,
                name=form.cleaned_data["name"],
                version=form.pop_version(),
            )
        except EditConflict as conflict:
            return conflict_response(
                request, form=form, current=conflict.current, cancel_url=request.path
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Le filtre s’appelle désormais « {saved.name} ».")
            return redirect(saved_filters.list_url(saved))
    return render(
        request,
        "calls/lists/saved_filter_form.html",
        {
            "form": form,
            "saved_filter": saved,
            "title": f"Renommer le filtre « {saved.name} »",
            "action": request.path,
            "words": saved_filters.describe(request.user, saved.querystring),
            "back_url": saved_filters.list_url(saved),
        },
        status=400 if form.is_bound else 200,
    )


@confirmed_action
@require_http_methods(["GET", "POST"])
def saved_filter_delete(request, filter_pk):
    _require_instruction(request.user)
    saved = saved_filters.get_saved_filter_for_user(request, filter_pk)
    if not is_confirmed(request):
        return confirmation_page(
            request,
            Confirmation(
                title="Supprimer le filtre",
                subject=f"le filtre enregistré « {saved.name} »",
                cancel_url=reverse("calls:saved_filter_edit", args=[saved.pk]),
                effects=[
                    "Le lien de ce filtre disparaît de la liste des candidatures ; les "
                    "candidatures elles-mêmes ne changent pas."
                ],
            ),
        )
    saved_filters.saved_filter_delete(saved_filter=saved, by=request.user)
    messages.success(request, f"Le filtre « {saved.name} » est supprimé.")
    return redirect("calls:instruction_list")
