"""A pole's life as the State sees it: declared → verified (by an instructor of its région) →
published (by its team); recognised only by a decision. Issue « Trust », findings 1 and 2: a
visitor-created pole could publish itself and declare itself « Reconnu par l'État »."""

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.forms.models import model_to_dict
from django.urls import reverse

from ptce.poles.admin import PoleAdmin
from ptce.poles.forms import PoleAdminForm
from ptce.poles.models import Pole, PoleVerificationTransition, Stage, Verification
from ptce.poles.services import pole_update
from ptce.poles.verification import pole_verify
from tests.calls.factories import ApplicationFactory
from tests.poles.factories import PoleFactory
from tests.territories.factories import DepartementFactory

pytestmark = pytest.mark.django_db

PROFILE = {"name": "Pôle des Vallons", "form": "grappe", "stage": "1", "is_published": "on"}


@pytest.fixture
def declared(pole):
    pole.is_published = False
    pole.verification = Verification.DECLARED
    pole.save()
    return pole


def verification_url(pole):
    return reverse("poles:verification", args=[pole.slug])


def test_a_pole_created_by_a_visitor_is_declared_and_not_public(client_as, client):
    visitor = client_as("outsider")
    response = visitor.post(reverse("poles:create"), {"name": "Pôle des Vallons", "form": "grappe"})
    pole = Pole.objects.get(name="Pôle des Vallons")
    assert response.status_code == 302
    assert pole.verification == Verification.DECLARED
    assert not pole.is_published

    visitor.post(reverse("poles:edit", args=[pole.slug]), PROFILE)

    pole.refresh_from_db()
    assert not pole.is_published
    client.logout()
    assert client.get(reverse("poles:detail", args=[pole.slug])).status_code == 404


def test_publishing_a_declared_pole_says_why_it_waits(client_as, declared, coordinator):
    response = client_as("coordinator").post(reverse("poles:edit", args=[declared.slug]), PROFILE)
    assert response.status_code == 200
    assert "quand un instructeur de sa région" in response.content.decode()
    declared.refresh_from_db()
    assert not declared.is_published


def test_the_database_refuses_a_published_pole_that_is_not_verified(region):
    with pytest.raises(IntegrityError), transaction.atomic():
        PoleFactory(region=region, verification=Verification.DECLARED, is_published=True)


def test_the_instructor_of_the_region_sees_the_pole_waiting_and_verifies_it(
    client_as, declared, instructor, coordinator
):
    client = client_as("instructor")
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert "Pôles à vérifier (1)" in dashboard
    assert verification_url(declared) in dashboard

    refused = client.post(verification_url(declared), {})
    assert refused.status_code == 200
    declared.refresh_from_db()
    assert declared.verification == Verification.DECLARED

    response = client.post(verification_url(declared), {"confirm": "on"})

    assert response.status_code == 302
    declared.refresh_from_db()
    assert declared.verification == Verification.VERIFIED
    assert not declared.is_published  # publication stays the team's choice
    log = PoleVerificationTransition.objects.get(pole=declared)
    assert (log.by, log.from_state, log.to_state) == (
        instructor,
        Verification.DECLARED,
        Verification.VERIFIED,
    )

    client_as("coordinator").post(reverse("poles:edit", args=[declared.slug]), PROFILE)
    declared.refresh_from_db()
    assert declared.is_published


def test_verifying_twice_leaves_one_log_row(client_as, declared, instructor):
    client = client_as("instructor")
    client.post(verification_url(declared), {"confirm": "on"})
    # A second tab loaded before the first verification posts « vérifier » again: the state
    # re-read under the lock refuses it.
    with pytest.raises(ValidationError, match="n’est possible que pour un pôle"):
        pole_verify(pole=declared, by=instructor)
    assert PoleVerificationTransition.objects.filter(pole=declared).count() == 1


def test_withdrawing_a_verification_needs_a_reason_and_unpublishes(client_as, pole, instructor):
    client = client_as("instructor")
    assert client.post(verification_url(pole), {"reason": " "}).status_code == 200
    pole.refresh_from_db()
    assert pole.verification == Verification.VERIFIED

    client.post(verification_url(pole), {"reason": "Adresse introuvable, aucun membre joignable."})

    pole.refresh_from_db()
    assert (pole.verification, pole.is_published) == (Verification.DECLARED, False)
    assert PoleVerificationTransition.objects.get(pole=pole).reason.startswith("Adresse")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("member", 403),
        ("coordinator", 403),
        ("other_instructor", 404),
        ("instructor", 200),
        ("national_instructor", 200),
    ],
)
def test_only_the_instructors_of_the_region_open_the_verification_page(
    client_as, declared, role, status
):
    response = client_as(role).get(verification_url(declared))
    assert response.status_code == status
    if role == "coordinator":
        response = client_as(role).post(verification_url(declared), {"confirm": "on"})
        declared.refresh_from_db()
        assert declared.verification == Verification.DECLARED


# --- « Reconnu par l'État » is the State's word (finding 2) ------------------------------------


def test_a_coordinator_cannot_declare_the_pole_recognised(client_as, pole, coordinator):
    response = client_as("coordinator").post(
        reverse("poles:edit", args=[pole.slug]), {**PROFILE, "stage": str(Stage.RECOGNISED)}
    )
    assert response.status_code == 200
    pole.refresh_from_db()
    assert pole.stage != Stage.RECOGNISED


def test_no_service_call_recognises_a_pole_outside_a_decision(pole):
    with pytest.raises(ValidationError, match="Seule une décision de l’État"):
        pole_update(pole=pole, stage=Stage.RECOGNISED)


def test_a_recognised_pole_keeps_its_recognition_when_its_team_edits_the_profile(
    client_as, pole, coordinator
):
    Pole.objects.filter(pk=pole.pk).update(stage=Stage.RECOGNISED)
    client = client_as("coordinator")
    form = client.get(reverse("poles:edit", args=[pole.slug])).content.decode()
    assert 'name="stage"' not in form

    client.post(reverse("poles:edit", args=[pole.slug]), {**PROFILE, "stage": "1"})

    pole.refresh_from_db()
    assert pole.stage == Stage.RECOGNISED
    assert pole.is_published


def test_the_admin_cannot_recognise_a_pole_either(pole):
    data = {**model_to_dict(pole), "stage": Stage.RECOGNISED}
    form = PoleAdminForm(data=data, instance=pole)
    assert not form.is_valid()
    assert "Seule une décision de l’État" in str(form.errors["stage"])


def test_the_admin_shows_the_verification_read_only_and_the_stage_with_its_rule(
    client_as, pole, admin_user
):
    page = client_as("admin_user").get(reverse("admin:poles_pole_change", args=[pole.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="stage"' in html
    assert 'name="verification"' not in html


# --- State records protected (finding 7) -------------------------------------------------------


def test_deleting_a_pole_with_an_application_or_an_evaluation_is_refused(pole, coordinator):
    ApplicationFactory(pole=pole)
    with pytest.raises(ProtectedError):
        pole.delete()
    assert Pole.objects.filter(pk=pole.pk).exists()


def test_the_admin_keeps_the_covered_departements_in_step(rf, pole, admin_user, region):
    ariege = DepartementFactory(code="09", region=region)
    pole.territory_departements.set([ariege])  # what the admin's form saves
    request = rf.post("/")
    request.user = admin_user

    class SavedForm:
        instance = pole

        def save_m2m(self):
            """The admin form saved its many-to-many fields already."""

    PoleAdmin(Pole, admin.site).save_related(request, SavedForm(), [], change=True)

    assert list(pole.covered_departements.values_list("code", flat=True)) == ["09"]
