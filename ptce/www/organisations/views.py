"""An organisation's record: its page and its edit form."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from ptce.organisations.forms import OrganisationForm
from ptce.organisations.services import organisation_update
from ptce.poles import organisation_access as perms
from ptce.poles.selectors import organisation_memberships


def detail(request, pk):
    organisation = perms.get_organisation_for_user(request, pk, need="view")
    memberships = organisation_memberships(organisation, perms.pole_visibility(request.user))
    return render(
        request,
        "www/organisations/detail.html",
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
        can_view=lambda existing: perms.can_view_organisation(request.user, existing),
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation_update(organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"La fiche de « {organisation.name} » est enregistrée.")
            return redirect("organisations:detail", pk=organisation.pk)
    return render(
        request, "www/organisations/edit.html", {"organisation": organisation, "form": form}
    )
