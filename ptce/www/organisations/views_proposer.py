"""The author's side of a proposed change: withdrawing it before a decision. Reached from
« Mon espace »; only the author finds it (404 for anyone else, whatever they may see)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from ptce.organisations.models import OrganisationChangeProposal, ProposalState
from ptce.organisations.selectors import with_changes
from ptce.organisations.services_proposals import proposal_withdraw


@require_http_methods(["GET", "POST"])
def proposal_withdraw_view(request, pk, proposal_pk):
    proposal = get_object_or_404(
        OrganisationChangeProposal.objects.select_related("organisation__commune"),
        pk=proposal_pk,
        organisation_id=pk,
        proposed_by=request.user,
    )
    if request.method == "POST":
        try:
            proposal_withdraw(proposal=proposal, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Votre proposition est retirée.")
        return redirect("core:dashboard")
    if proposal.state != ProposalState.PENDING:
        messages.error(request, "Cette proposition n’est plus en attente.")
        return redirect("core:dashboard")
    (proposal,) = with_changes(proposal.organisation, [proposal])
    return render(
        request,
        "www/organisations/proposal_withdraw.html",
        {"organisation": proposal.organisation, "proposal": proposal},
    )
