"""An organisation's record: its page and its edit form."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from . import perms, selectors
from .forms import OrganisationForm
from .services import organisation_update


def detail(request, pk):
    organisation = perms.get_organisation_for_user(request, pk, need="view")
    memberships = selectors.organisation_memberships(
        organisation, perms.pole_visibility(request.user)
    )
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "can_edit": perms.can_edit_organisation(request.user, organisation),
        },
    )


def edit(request, pk):
    organisation = perms.get_organisation_for_user(request, pk, need="edit")
    # The form works on a copy: the page title keeps the saved name while errors are shown.
    form = OrganisationForm(
        request.POST if request.method == "POST" else None,
        instance=copy.copy(organisation),
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation_update(organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"La fiche de « {organisation.name} » est enregistrée.")
            return redirect("organisations:detail", pk=organisation.pk)
    return render(request, "organisations/edit.html", {"organisation": organisation, "form": form})
