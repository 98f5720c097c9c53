"""The demo's « Mon espace » says what waits for each role of `accounts.yaml`."""

import pytest
from django.urls import reverse

from ptce.calls.models import Application, ApplicationState
from ptce.core.models import User


def dashboard(client, email):
    client.force_login(User.objects.get(email=email))
    return client.get(reverse("core:dashboard")).content.decode()


@pytest.mark.usefixtures("demo")
class TestTheDemoTodo:
    def test_submitted_applications_are_instructed_in_their_poles_region(self, db):
        submitted = Application.objects.exclude(state=ApplicationState.DRAFT).select_related("pole")
        assert submitted
        assert all(a.region_id == a.pole.region_id for a in submitted)

    def test_the_bretagne_instructor_has_one_file_to_instruct(self, db, client):
        html = dashboard(client, "instruction.bretagne@demo.ptce.fr")
        assert "1 candidature à instruire" in html
        assert "créer un pôle" not in html

    def test_the_national_cell_has_one_proposal_to_decide(self, db, client):
        assert "1 proposition à décider" in dashboard(client, "cellule.nationale@demo.ptce.fr")

    def test_the_tregor_coordinator_has_one_consolidation_to_do(self, db, client):
        html = dashboard(client, "coordination.energies-partagees-tregor@demo.ptce.fr")
        assert "1 consolidation à faire" in html
