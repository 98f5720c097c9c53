from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ptce.organisations.models import ProposalState
from ptce.organisations.services_proposals import proposal_create
from ptce.poles.models import PersonRole
from tests.core.factories import UserFactory
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory, PoleFactory, PolePersonFactory


@pytest.fixture
def organisation(pole):
    organisation = OrganisationFactory(name="Recyclerie des Coteaux")
    MembershipFactory(pole=pole, organisation=organisation)
    return organisation


@pytest.fixture
def shared(organisation, other_pole):
    """The organisation joins a second pole: its record is no longer its first pole's alone."""
    MembershipFactory(pole=other_pole, organisation=organisation)
    return organisation


def form_data(organisation, **overrides):
    return {
        "name": organisation.name,
        "legal_category": organisation.legal_category,
        "siret": organisation.siret or "",
        "rna": organisation.rna or "",
        "naf_code": organisation.naf_code,
        "commune": organisation.commune_id or "",
        "website": organisation.website,
        **overrides,
    }


def url(name, organisation, *args):
    return reverse(f"organisations:{name}", args=[organisation.pk, *args])


def a_proposal(organisation, user=None, **changes):
    fields = form_data(organisation, **changes)
    fields["commune"] = organisation.commune
    fields["siret"] = fields["siret"] or None
    fields["rna"] = fields["rna"] or None
    return proposal_create(
        organisation=organisation, proposed_by=user or UserFactory(), ess_quality=False, **fields
    )


@pytest.mark.parametrize("role", ["coordinator", "other_coordinator"])
def test_a_coordinator_may_no_longer_take_over_an_organisation_shared_with_another_pole(
    client_as, shared, role
):
    client = client_as(role)
    assert client.get(url("edit", shared)).status_code == 403
    response = client.post(url("edit", shared), form_data(shared, name="Reprise en main"))
    assert response.status_code == 403
    shared.refresh_from_db()
    assert shared.name == "Recyclerie des Coteaux"


def test_a_representative_edits_their_shared_organisation(client, pole, shared):
    person = PolePersonFactory(
        pole=pole, membership=shared.memberships.get(pole=pole), role=PersonRole.MEMBER
    )
    client.force_login(person.user)
    response = client.post(url("edit", shared), form_data(shared, name="Recyclerie du Touch"))
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.name == "Recyclerie du Touch"


def test_a_coordinator_of_one_of_two_poles_proposes_instead(client_as, coordinator, shared):
    client = client_as("coordinator")
    content = client.get(url("detail", shared)).content.decode()
    assert "Proposer une modification" in content
    assert url("edit", shared) not in content
    response = client.post(
        url("propose", shared), form_data(shared, name="Recyclerie du Touch"), follow=True
    )
    assert "les instructeurs de l’État l’accepteront ou la refuseront" in (
        response.content.decode()
    )
    shared.refresh_from_db()
    assert shared.name == "Recyclerie des Coteaux"
    proposal = shared.change_proposals.get()
    assert (proposal.values, proposal.proposed_by) == ({"name": "Recyclerie du Touch"}, coordinator)


def test_the_success_message_names_the_only_pole_coordination_for_a_member(client_as, organisation):
    response = client_as("member").post(
        url("propose", organisation), form_data(organisation, name="Autre nom"), follow=True
    )
    assert "la coordination du pôle « Pôle des Coteaux »" in response.content.decode()


def test_someone_who_may_edit_is_sent_from_the_proposal_form_to_the_edit_form(
    client_as, organisation
):
    response = client_as("coordinator").get(url("propose", organisation))
    assert response["Location"] == url("edit", organisation)


def test_the_decider_sees_the_diff_and_accepts_after_confirming(client_as, organisation, member):
    proposal = a_proposal(organisation, member, name="Recyclerie du Touch")
    client = client_as("coordinator")
    content = client.get(url("detail", organisation)).content.decode()
    assert "<td>Recyclerie des Coteaux</td><td>Recyclerie du Touch</td>" in content
    confirm = client.get(url("proposal_accept", organisation, proposal.pk))
    assert "Confirmer l’acceptation" in confirm.content.decode()
    organisation.refresh_from_db()
    assert organisation.name == "Recyclerie des Coteaux"
    response = client.post(url("proposal_accept", organisation, proposal.pk))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Recyclerie du Touch"
    assert proposal.transitions.get().to_state == ProposalState.ACCEPTED


def test_declining_on_the_page_needs_a_reason(client_as, organisation, member):
    proposal = a_proposal(organisation, member, name="Recyclerie du Touch")
    client = client_as("instructor")
    response = client.post(url("proposal_decline", organisation, proposal.pk), {"reason": ""})
    assert response.status_code == 200
    assert "Indiquez pourquoi la proposition est refusée." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING
    client.post(url("proposal_decline", organisation, proposal.pk), {"reason": "Nom officiel."})
    proposal.refresh_from_db()
    organisation.refresh_from_db()
    assert (proposal.state, proposal.reason) == (ProposalState.DECLINED, "Nom officiel.")
    assert organisation.name == "Recyclerie des Coteaux"


def test_a_stale_accept_on_the_page_is_refused_with_a_message(client_as, organisation, member):
    proposal = a_proposal(organisation, member, name="Recyclerie du Touch")
    client = client_as("coordinator")
    client.post(url("proposal_decline", organisation, proposal.pk), {"reason": "Non."})
    response = client.post(url("proposal_accept", organisation, proposal.pk), follow=True)
    assert "Cette proposition a déjà été refusée." in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.name == "Recyclerie des Coteaux"


@pytest.mark.parametrize(("role", "status"), [("member", 403), ("other_coordinator", 404)])
def test_those_who_may_not_edit_may_not_decide(client_as, organisation, role, status):
    proposal = a_proposal(organisation, name="Recyclerie du Touch")
    client = client_as(role)
    assert client.post(url("proposal_accept", organisation, proposal.pk)).status_code == status
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING


# --- « Mon espace » ---


def dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("core:dashboard")).status_code == 200
    return len(queries)


def test_pending_proposals_are_listed_for_the_decider_in_constant_queries(
    client_as, pole, organisation
):
    client = client_as("coordinator")
    a_proposal(organisation, name="Première")
    client.get(reverse("core:dashboard"))  # warm up the session
    with_one = dashboard_queries(client)
    for _ in range(3):
        other = OrganisationFactory()
        MembershipFactory(pole=pole, organisation=other)
        a_proposal(other, name="Encore")
    assert dashboard_queries(client) == with_one
    content = client.get(reverse("core:dashboard")).content.decode()
    assert content.count("modification proposée par") == 4


def test_pending_proposals_are_not_shown_to_those_who_may_not_decide(
    client_as, organisation, shared
):
    a_proposal(shared, name="Première")
    content = client_as("coordinator").get(reverse("core:dashboard")).content.decode()
    assert "modification proposée par" not in content


def test_a_coordinator_sees_that_an_organisation_of_their_pole_joined_another_one(
    client_as, organisation
):
    later = PoleFactory(name="Pôle du Lauragais", is_published=True)
    MembershipFactory(pole=later, organisation=organisation, joined_on=date.today())
    content = client_as("coordinator").get(reverse("core:dashboard")).content.decode()
    assert "a aussi rejoint le pôle Pôle du Lauragais" in content


def test_an_unpublished_other_pole_is_not_named(client_as, organisation):
    hidden = PoleFactory(name="Pôle secret", is_published=False)
    MembershipFactory(pole=hidden, organisation=organisation, joined_on=date.today())
    content = client_as("coordinator").get(reverse("core:dashboard")).content.decode()
    assert "a aussi rejoint un autre pôle" in content
    assert "Pôle secret" not in content
