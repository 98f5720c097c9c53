"""A proposed change as its author lives it: seen in « Mon espace », withdrawn before a
decision, told of the decision by email; those who own the record are told when it is made."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ptce.organisations.models import ProposalState
from ptce.organisations.services_proposals import (
    proposal_accept,
    proposal_decline,
    proposal_withdraw,
)
from ptce.poles.models import PersonRole
from tests.poles.factories import PolePersonFactory
from tests.www.test_organisation_proposals import a_proposal, form_data, url

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("core:dashboard")


@pytest.fixture
def organisation(pole, member):
    """The member's organisation: a member of one pole (its coordination owns the record)."""
    return member.pole_roles.get(pole=pole).membership.organisation


@pytest.fixture
def proposer(organisation, pole):
    """Someone of the pole who may see the record but not change it: a member acting for no
    organisation."""
    return PolePersonFactory(pole=pole, role=PersonRole.MEMBER, user__email="ines@exemple.fr").user


def test_the_author_sees_their_pending_and_decided_proposals_in_my_space(
    client, organisation, proposer, instructor, other_pole
):
    declined = a_proposal(organisation, proposer, name="Nom refusé")
    proposal_decline(proposal=declined, by=instructor, reason="Ce n’est pas le nom officiel.")
    a_proposal(organisation, proposer, name="Nom en attente")

    client.force_login(proposer)
    page = client.get(DASHBOARD).content.decode()

    assert "Mes propositions de modification" in page
    assert "En attente" in page
    assert "Refusée" in page
    assert "Ce n’est pas le nom officiel." in page
    assert page.count("Retirer<span") == 1  # only the pending one


def test_the_author_withdraws_a_pending_proposal_after_confirming(client, organisation, proposer):
    proposal = a_proposal(organisation, proposer, name="Recyclerie du Touch")
    client.force_login(proposer)
    withdraw = url("proposal_withdraw", organisation, proposal.pk)

    confirm = client.get(withdraw).content.decode()
    assert "Confirmer le retrait" in confirm
    assert "Recyclerie du Touch" in confirm
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING

    response = client.post(withdraw)

    assert response["Location"] == DASHBOARD
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN
    log = proposal.transitions.get()
    assert (log.from_state, log.to_state, log.by) == (
        ProposalState.PENDING,
        ProposalState.WITHDRAWN,
        proposer,
    )
    # Withdrawn, it no longer blocks a new proposal.
    assert a_proposal(organisation, proposer, name="Recyclerie du Lauragais").pk != proposal.pk


@pytest.mark.parametrize("role", ["coordinator", "instructor", "admin_user"])
def test_nobody_but_the_author_withdraws_a_proposal(
    client_as, organisation, proposer, role, request
):
    proposal = a_proposal(organisation, proposer, name="Recyclerie du Touch")
    client = client_as(role)
    assert client.get(url("proposal_withdraw", organisation, proposal.pk)).status_code == 404
    assert client.post(url("proposal_withdraw", organisation, proposal.pk)).status_code == 404
    with pytest.raises(PermissionDenied):
        proposal_withdraw(proposal=proposal, by=request.getfixturevalue(role))
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING


def test_a_decided_proposal_is_not_withdrawn_nor_a_withdrawn_one_decided(
    client, organisation, proposer, instructor
):
    accepted = a_proposal(organisation, proposer, website="https://recyclerie.fr")
    proposal_accept(proposal=accepted, by=instructor)
    with pytest.raises(ValidationError, match="déjà été acceptée"):
        proposal_withdraw(proposal=accepted, by=proposer)
    client.force_login(proposer)
    client.post(url("proposal_withdraw", organisation, accepted.pk))
    accepted.refresh_from_db()
    assert accepted.state == ProposalState.ACCEPTED

    withdrawn = a_proposal(organisation, proposer, name="Recyclerie du Touch")
    proposal_withdraw(proposal=withdrawn, by=proposer)
    with pytest.raises(ValidationError, match="retirée par son auteur"):
        proposal_accept(proposal=withdrawn, by=instructor)
    organisation.refresh_from_db()
    assert organisation.name != "Recyclerie du Touch"


def test_the_owners_of_the_record_are_emailed_when_a_change_is_proposed(
    client, organisation, proposer, coordinator, member, django_capture_on_commit_callbacks
):
    client.force_login(proposer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("propose", organisation), form_data(organisation, name="Recyclerie du Touch")
        )
    assert response.status_code == 302
    # The member represents the organisation; the coordination owns the record of its only pole.
    assert sorted(message.to[0] for message in mail.outbox) == [
        coordinator.email,
        member.email,
    ]
    proposal = organisation.change_proposals.get()
    assert f"#proposition-{proposal.pk}" in mail.outbox[0].body
    assert organisation.name in mail.outbox[0].subject


@pytest.mark.parametrize("accept", [True, False], ids=["accepted", "declined"])
def test_the_author_is_emailed_the_decision(
    organisation, proposer, instructor, accept, django_capture_on_commit_callbacks
):
    proposal = a_proposal(organisation, proposer, name="Recyclerie du Touch")
    with django_capture_on_commit_callbacks(execute=True):
        if accept:
            proposal_accept(proposal=proposal, by=instructor)
        else:
            proposal_decline(proposal=proposal, by=instructor, reason="Nom non officiel.")

    [message] = mail.outbox
    assert message.to == [proposer.email]
    assert ("acceptée" if accept else "refusée") in message.subject
    assert ("Motif" in message.body) is not accept
    assert reverse("core:dashboard") in message.body


def test_withdrawing_emails_nobody(organisation, proposer, django_capture_on_commit_callbacks):
    proposal = a_proposal(organisation, proposer, name="Recyclerie du Touch")
    with django_capture_on_commit_callbacks(execute=True):
        proposal_withdraw(proposal=proposal, by=proposer)
    assert mail.outbox == []
