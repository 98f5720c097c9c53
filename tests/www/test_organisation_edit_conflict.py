"""An organisation's record edited in two tabs, or proposed from a tab loaded before a change."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from ptce.organisations.services import organisation_update
from tests.editing import edit_form, reapply, stale_save
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory


@pytest.fixture
def organisation(pole):
    organisation = OrganisationFactory(name="Recyclerie des Coteaux")
    MembershipFactory(pole=pole, organisation=organisation)
    return organisation


def test_a_stale_organisation_tab_is_refused_then_reapplied(client_as, organisation):
    client = client_as("coordinator")
    url = reverse("organisations:edit", args=[organisation.pk])
    conflict = stale_save(
        client,
        url,
        theirs={"name": "Recyclerie du Touch"},
        yours={"website": "https://recyclerie.example"},
    )
    organisation.refresh_from_db()
    assert (organisation.name, organisation.website) == ("Recyclerie du Touch", "")
    reapply(client, url, conflict)
    organisation.refresh_from_db()
    assert organisation.website == "https://recyclerie.example"


def test_a_proposal_from_a_tab_loaded_before_a_change_would_undo_it_so_it_is_refused(
    client_as, organisation
):
    client = client_as("member")
    url = reverse("organisations:propose", args=[organisation.pk])
    loaded = edit_form(client.get(url))
    organisation_update(organisation=organisation, name="Recyclerie du Touch")

    response = client.post(url, {**loaded, "website": "https://recyclerie.example"})

    assertContains(response, "Recyclerie du Touch", status_code=409)
    assert not organisation.change_proposals.exists()
