"""An organisation's record: its page, its edit form, and the changes proposed by those who may
see it but not change it (who may decide is the pole layer's rule, checked here before calling
the organisations' services)."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ptce.core.versioning import EditConflict, conflict_response
from ptce.organisations.forms import OrganisationForm
from ptce.organisations.models import OrganisationChangeProposal, ProposalState
from ptce.organisations.selectors import pending_proposals, with_changes
from ptce.organisations.services import organisation_update
from ptce.organisations.services_proposals import (
    proposal_accept,
    proposal_create,
    proposal_decline,
)
from ptce.organisations.sirene import organisation_initial
from ptce.poles import organisation_access as perms
from ptce.poles.selectors import organisation_memberships
from ptce.sirene.selectors import sirene_unit, sirene_unit_for_siret

from .forms import DeclineForm


def detail(request, pk):
    organisation = perms.get_organisation_for_user(request, pk, need="view")
    memberships = organisation_memberships(organisation, perms.pole_visibility(request.user))
    can_edit = perms.can_edit_organisation(request.user, organisation)
    return render(
        request,
        "www/organisations/detail.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "can_edit": can_edit,
            "proposals": pending_proposals(organisation) if can_edit else [],
            # The register's record of its head office, when the copy has it.
            "sirene": sirene_unit_for_siret(organisation.siret),
        },
    )


def edit(request, pk):
    organisation = perms.get_organisation_for_user(request, pk, need="edit")
    return _organisation_form(request, organisation, propose=False)


def propose(request, pk):
    """The edit form for whoever may see the record but not change it: saved as a proposal."""
    organisation = perms.get_organisation_for_user(request, pk, need="view")
    if perms.can_edit_organisation(request.user, organisation):
        return redirect("organisations:edit", pk=organisation.pk)
    return _organisation_form(request, organisation, propose=True)


def _organisation_form(request, organisation, *, propose: bool):
    # The form works on a copy: the page title keeps the saved name while errors are shown.
    # `?sirene=<SIREN>` (a suggestion of the name field) fills it with the register's values.
    chosen = sirene_unit(request.GET.get("sirene", ""))
    form = OrganisationForm(
        request.POST if request.method == "POST" else None,
        initial=organisation_initial(chosen) if chosen else None,
        instance=copy.copy(organisation),
        can_view=lambda existing: perms.can_view_organisation(request.user, existing),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if propose:
                proposal_create(
                    organisation=organisation,
                    proposed_by=request.user,
                    notify=perms.organisation_owner_emails(organisation),
                    **form.cleaned_data,
                )
            else:
                organisation_update(organisation=organisation, **form.cleaned_data)
        except EditConflict as conflict:
            return conflict_response(
                request,
                form=form,
                current=conflict.current,
                cancel_url=reverse("organisations:detail", args=[organisation.pk]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if propose:
                messages.success(
                    request,
                    f"Votre proposition de modification de « {organisation.name} » est "
                    f"transmise : {perms.organisation_deciders(organisation)} l’accepteront "
                    "ou la refuseront.",
                )
            else:
                messages.success(request, f"La fiche de « {organisation.name} » est enregistrée.")
            return redirect("organisations:detail", pk=organisation.pk)
    return render(
        request,
        "www/organisations/edit.html",
        {"organisation": organisation, "form": form, "propose": propose, "chosen": chosen},
    )


def _proposal_for_decider(request, pk, proposal_pk):
    organisation = perms.get_organisation_for_user(request, pk, need="edit")
    proposal = get_object_or_404(
        OrganisationChangeProposal.objects.select_related("proposed_by"),
        pk=proposal_pk,
        organisation=organisation,
    )
    return organisation, proposal


@require_http_methods(["GET", "POST"])
def proposal_accept_view(request, pk, proposal_pk):
    organisation, proposal = _proposal_for_decider(request, pk, proposal_pk)
    if request.method == "POST":
        try:
            proposal_accept(proposal=proposal, by=request.user)
        except ValidationError as error:
            messages.error(request, _refusal(error))
        else:
            messages.success(
                request,
                f"La modification est acceptée : la fiche de « {organisation} » est à jour.",
            )
        return redirect("organisations:detail", pk=organisation.pk)
    return _confirm(request, organisation, proposal, accept=True)


@require_http_methods(["GET", "POST"])
def proposal_decline_view(request, pk, proposal_pk):
    organisation, proposal = _proposal_for_decider(request, pk, proposal_pk)
    form = DeclineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal_decline(proposal=proposal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _refusal(error))
        else:
            messages.success(request, "La proposition est refusée ; la fiche reste inchangée.")
        return redirect("organisations:detail", pk=organisation.pk)
    return _confirm(request, organisation, proposal, accept=False, form=form)


def _confirm(request, organisation, proposal, *, accept: bool, form=None):
    if proposal.state != ProposalState.PENDING:
        messages.error(request, "Cette proposition a déjà été traitée.")
        return redirect("organisations:detail", pk=organisation.pk)
    (proposal,) = with_changes(organisation, [proposal])
    return render(
        request,
        "www/organisations/proposal_confirm.html",
        {
            "organisation": organisation,
            "proposal": proposal,
            "changes": proposal.changes,
            "accept": accept,
            "form": form,
        },
    )


def _refusal(error: ValidationError) -> str:
    return " ".join(error.messages)
