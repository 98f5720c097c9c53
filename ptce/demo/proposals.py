"""Proposed changes to organisations' records (`data/proposals.yaml`), written through
`ptce.organisations.services_proposals`. A proposal is keyed on (organisation, proposer): once
written, a rerun leaves it as it is, even after someone decided it."""

from ptce.organisations.models import OrganisationChangeProposal
from ptce.organisations.services import EDITABLE_FIELDS
from ptce.organisations.services_proposals import proposal_create

from .files import ContentError, read

KINDS = {"propositions de modification d’organisations": True}
_KIND = "propositions de modification d’organisations"


def load(report, *, orgs: dict, users: dict) -> None:
    for row in read("proposals.yaml"):
        organisation, user = orgs.get(row["organisation"]), users.get(row["proposed_by"])
        if organisation is None or user is None:
            raise ContentError(f"Proposition de modification inconnue : {row}")
        if OrganisationChangeProposal.objects.filter(
            organisation=organisation, proposed_by=user
        ).exists():
            report.unchanged[_KIND] += 1
            continue
        current = {name: getattr(organisation, name) for name in EDITABLE_FIELDS}
        proposal_create(organisation=organisation, proposed_by=user, **{**current, **row["values"]})
        report.created[_KIND] += 1
