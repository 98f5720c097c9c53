"""Proposed changes to an organisation's identity, as data and their moves.

    en attente ──accept──▶ acceptée      (the values are applied through `organisation_update`)
               ──decline (with a reason)──▶ refusée
               ──withdraw (by its author)──▶ retirée

Those who may decide are emailed when a proposal is made (the caller names them: it is a
pole-layer rule), its author when it is decided.

The registry is shared by every pole: an organisation's record may only be changed by those
the pole layer allows (`ptce.poles.organisation_access.can_edit_organisation`); anyone else who
may see it proposes a change here. Who may decide is a pole-layer rule, so these services take
a `by` that the caller has already authorised. Each move locks the proposal (and, to apply it,
the organisation), re-reads its state and writes an `OrganisationChangeProposalTransition`.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ptce.core.mail import mail_after_commit
from ptce.core.versioning import lock_version
from ptce.core.workflow import Transition, Workflow
from ptce.territories.models import Commune

from .models import (
    Organisation,
    OrganisationChangeProposal,
    OrganisationChangeProposalTransition,
    ProposalState,
)
from .services import organisation_changes, organisation_update

DECIDER = "décideur"
PROPOSER = "auteur"

WORKFLOW = Workflow(
    states=ProposalState,
    transitions=[
        Transition(
            "accept",
            "Accepter",
            ProposalState.PENDING,
            ProposalState.ACCEPTED,
            DECIDER,
            confirm=True,
        ),
        Transition(
            "decline",
            "Refuser",
            ProposalState.PENDING,
            ProposalState.DECLINED,
            DECIDER,
            needs_motivation=True,
            confirm=True,
        ),
        Transition(
            "withdraw",
            "Retirer",
            ProposalState.PENDING,
            ProposalState.WITHDRAWN,
            PROPOSER,
            confirm=True,
        ),
    ],
    noun="une proposition",
    final={
        ProposalState.ACCEPTED: "Cette proposition a déjà été acceptée.",
        ProposalState.DECLINED: "Cette proposition a déjà été refusée.",
        ProposalState.WITHDRAWN: "Cette proposition a été retirée par son auteur.",
    },
)


@transaction.atomic
def proposal_create(
    *,
    organisation: Organisation,
    proposed_by,
    version: int | None = None,
    notify=(),
    **fields,
) -> OrganisationChangeProposal:
    """Record the fields that differ from the record (checked as `organisation_update` would)
    and email `notify` (the addresses of those who may decide) after commit; ValidationError
    when nothing changes or the proposer already has one pending.
    `version`: the one the form was loaded from: a form loaded before the record changed
    would propose to undo that change (EditConflict)."""
    organisation = lock_version(Organisation, pk=organisation.pk, expected=version)
    changes = organisation_changes(organisation=organisation, **fields)
    if not changes:
        raise ValidationError("Aucune modification : la fiche contient déjà ces informations.")
    if "commune" in changes:
        changes["commune"] = changes["commune"].pk if changes["commune"] else None
    if OrganisationChangeProposal.objects.filter(
        organisation=organisation, proposed_by=proposed_by, state=ProposalState.PENDING
    ).exists():
        raise ValidationError(_ALREADY_PENDING)
    proposal = OrganisationChangeProposal(
        organisation=organisation, proposed_by=proposed_by, values=changes
    )
    proposal.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError:
        raise ValidationError(_ALREADY_PENDING) from None
    mail_after_commit(
        subject=f"Modification proposée pour la fiche de {organisation.name}",
        template="organisations/emails/proposal_made.txt",
        context={"proposal": proposal, "organisation": organisation, "link": _link(proposal)},
        recipients=[address for address in notify if address != proposed_by.email],
    )
    return proposal


def _link(proposal) -> str:
    detail = reverse("organisations:detail", args=[proposal.organisation_id])
    return f"{settings.SITE_URL}{detail}#proposition-{proposal.pk}"


_ALREADY_PENDING = (
    "Vous avez déjà proposé une modification de cette fiche : attendez qu’elle soit acceptée "
    "ou refusée avant d’en proposer une autre."
)


def proposal_accept(*, proposal: OrganisationChangeProposal, by) -> OrganisationChangeProposal:
    """Apply the proposed values to the organisation (ValidationError, nothing written, when
    they are no longer valid, e.g. a SIRET registered since)."""
    return _move(proposal=proposal, name="accept", by=by)


def proposal_decline(
    *, proposal: OrganisationChangeProposal, by, reason: str
) -> OrganisationChangeProposal:
    return _move(proposal=proposal, name="decline", by=by, reason=reason)


def proposal_withdraw(*, proposal: OrganisationChangeProposal, by) -> OrganisationChangeProposal:
    """Its author withdraws a pending proposal."""
    if by is None or proposal.proposed_by_id != by.pk:
        raise PermissionDenied("Seul l’auteur d’une proposition peut la retirer.")
    return _move(proposal=proposal, name="withdraw", by=by)


@transaction.atomic
def _move(*, proposal, name: str, by, reason: str = "") -> OrganisationChangeProposal:
    locked = OrganisationChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    transition = WORKFLOW.check_move(locked.state, name)
    reason = (reason or "").strip()
    if transition.needs_motivation and not reason:
        raise ValidationError({"reason": "Indiquez pourquoi la proposition est refusée."})
    if transition.target == ProposalState.ACCEPTED:
        organisation = Organisation.objects.select_for_update().get(pk=locked.organisation_id)
        organisation_update(organisation=organisation, **proposal_fields(locked))
        proposal.organisation = organisation
    locked.state = transition.target
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.reason = reason
    locked.save(update_fields=["state", "decided_by", "decided_at", "reason"])
    OrganisationChangeProposalTransition.objects.create(
        proposal=locked,
        from_state=transition.source,
        to_state=transition.target,
        by=by,
        reason=reason,
    )
    for attribute in ("state", "decided_by", "decided_at", "reason"):
        setattr(proposal, attribute, getattr(locked, attribute))
    if transition.actor == DECIDER and locked.proposed_by_id:
        mail_after_commit(
            subject=f"Votre proposition pour la fiche de {proposal.organisation.name} : "
            f"{transition.target.label.lower()}",
            template="organisations/emails/proposal_decided.txt",
            context={"proposal": locked, "organisation": proposal.organisation},
            recipients=[locked.proposed_by.email],
        )
    return proposal


def proposal_fields(proposal: OrganisationChangeProposal) -> dict:
    """The proposed values as keyword arguments of `organisation_update`."""
    fields = dict(proposal.values)
    if fields.get("commune"):
        commune = Commune.objects.filter(pk=fields["commune"]).first()
        if commune is None:
            raise ValidationError({"commune": "La commune proposée n’existe plus."})
        fields["commune"] = commune
    return fields
