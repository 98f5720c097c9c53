import pytest
from django.core.exceptions import ValidationError

from ptce.organisations.models import OrganisationChangeProposal, ProposalState
from ptce.organisations.services_proposals import (
    proposal_accept,
    proposal_create,
    proposal_decline,
)
from tests.organisations.factories import OrganisationFactory


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Recyclerie des Coteaux", website="https://old.example")


def propose(organisation, user, **changes):
    fields = {
        "name": organisation.name,
        "legal_category": organisation.legal_category,
        "siret": organisation.siret,
        "rna": organisation.rna,
        "ess_quality": organisation.ess_quality,
        "naf_code": organisation.naf_code,
        "commune": organisation.commune,
        "website": organisation.website,
        **changes,
    }
    return proposal_create(organisation=organisation, proposed_by=user, **fields)


def test_a_proposal_records_only_the_fields_that_change(organisation, member):
    proposal = propose(organisation, member, name="  Recyclerie du Touch ")
    assert proposal.values == {"name": "Recyclerie du Touch"}
    assert proposal.state == ProposalState.PENDING
    organisation.refresh_from_db()
    assert organisation.name == "Recyclerie des Coteaux"


def test_a_proposal_that_changes_nothing_is_refused(organisation, member):
    with pytest.raises(ValidationError, match="Aucune modification"):
        propose(organisation, member)


def test_an_invalid_proposal_is_refused_like_an_edit(organisation, member):
    other = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        propose(organisation, member, siret=other.siret)
    assert "siret" in error.value.message_dict


def test_one_pending_proposal_per_organisation_and_proposer(organisation, member, coordinator):
    propose(organisation, member, name="Un")
    with pytest.raises(ValidationError, match="déjà proposé"):
        propose(organisation, member, name="Deux")
    propose(organisation, coordinator, name="Trois")
    assert organisation.change_proposals.count() == 2


def test_accepting_applies_the_values_and_logs_the_decision(organisation, member, instructor):
    proposal = propose(
        organisation, member, name="Recyclerie du Touch", website="https://touch.example"
    )
    proposal_accept(proposal=proposal, by=instructor)
    organisation.refresh_from_db()
    assert organisation.name == "Recyclerie du Touch"
    assert organisation.website == "https://touch.example"
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by) == (ProposalState.ACCEPTED, instructor)
    assert proposal.decided_at is not None
    log = proposal.transitions.get()
    assert (log.from_state, log.to_state, log.by) == ("en_attente", "acceptee", instructor)


def test_declining_needs_a_reason_and_changes_nothing(organisation, member, instructor):
    proposal = propose(organisation, member, name="Recyclerie du Touch")
    with pytest.raises(ValidationError, match="Indiquez pourquoi"):
        proposal_decline(proposal=proposal, by=instructor, reason="   ")
    proposal_decline(proposal=proposal, by=instructor, reason="Le nom officiel est l’ancien.")
    organisation.refresh_from_db()
    assert organisation.name == "Recyclerie des Coteaux"
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DECLINED
    assert proposal.transitions.get().reason == "Le nom officiel est l’ancien."


def test_a_stale_accept_of_a_declined_proposal_is_refused(organisation, member, instructor):
    proposal = propose(organisation, member, name="Recyclerie du Touch")
    stale = OrganisationChangeProposal.objects.get(pk=proposal.pk)
    proposal_decline(proposal=proposal, by=instructor, reason="Non.")
    with pytest.raises(ValidationError, match="déjà été refusée"):
        proposal_accept(proposal=stale, by=instructor)
    organisation.refresh_from_db()
    assert organisation.name == "Recyclerie des Coteaux"
    assert proposal.transitions.count() == 1


def test_an_accept_that_is_no_longer_valid_writes_nothing(organisation, member, instructor):
    proposal = propose(organisation, member, siret="73282932000074")
    OrganisationFactory(siret="73282932000074")
    with pytest.raises(ValidationError):
        proposal_accept(proposal=proposal, by=instructor)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING
    assert not proposal.transitions.exists()


def test_a_declined_proposal_frees_its_proposer_to_propose_again(organisation, member, instructor):
    proposal_decline(proposal=propose(organisation, member, name="Un"), by=instructor, reason="x")
    assert propose(organisation, member, name="Deux").values == {"name": "Deux"}
