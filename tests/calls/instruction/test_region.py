"""An application keeps the région it was filed in (issue « Trust », finding 3: moving the pole's
territory after submission handed the file to another région's instructors)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from ptce.calls.applicant import services
from ptce.calls.instruction.region import application_region_move
from ptce.calls.lists.figures import call_figures
from ptce.calls.models import Application, ApplicationRegionChange, ApplicationState
from ptce.poles.services import pole_territory_set
from tests.calls.applicant.test_services import COMPLETE
from tests.calls.factories import ApplicationFactory
from tests.calls.factories.applicant import phase_with_form
from tests.territories.factories import DepartementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase():
    return phase_with_form()[0]


@pytest.fixture
def submitted(pole, coordinator, phase, other_region):
    pole_territory_set(pole=pole, departements=list(pole.territory_departements.all()))
    application = ApplicationFactory(
        pole=pole, phase=phase, created_by=coordinator, answers=COMPLETE
    )
    services.application_submit(application=application, by=coordinator)
    application.refresh_from_db()
    return application


def move_pole_to(pole, region):
    pole_territory_set(pole=pole, departements=[DepartementFactory(code="29", region=region)])
    pole.refresh_from_db()


def instruction_url(application):
    return reverse("calls:instruction", args=[application.pk])


def test_the_region_and_departement_are_frozen_at_submission(submitted, region):
    assert submitted.region == region
    assert submitted.departement.code == "31"


def test_moving_the_pole_after_submission_leaves_the_file_with_its_region(
    client_as, submitted, region, other_region, instructor, other_instructor
):
    move_pole_to(submitted.pole, other_region)
    assert submitted.pole.region == other_region

    submitted.refresh_from_db()
    assert submitted.region == region
    page = client_as("instructor").get(instruction_url(submitted))
    assert page.status_code == 200
    assert "Le territoire du pôle a changé depuis le dépôt" in page.content.decode()
    assert client_as("other_instructor").get(instruction_url(submitted)).status_code == 404


def test_the_figures_by_region_count_the_region_of_instruction(submitted, region, other_region):
    move_pole_to(submitted.pole, other_region)
    (row,) = call_figures(submitted.phase.call, Application.objects.all())
    assert {item["name"]: item["applications"] for item in row["by_region"]} == {region.name: 1}


def test_only_the_national_cell_moves_a_file_to_another_region_and_it_is_logged(
    client_as, submitted, other_region, instructor, national_instructor
):
    with pytest.raises(PermissionDenied):
        application_region_move(
            application=submitted, region=other_region, by=instructor, reason="Erreur"
        )
    refused = client_as("national_instructor").post(
        reverse("calls:instruction_region_move", args=[submitted.pk]),
        {"region": other_region.pk, "reason": " "},
    )
    assert refused.status_code == 200
    assert not ApplicationRegionChange.objects.exists()

    client_as("national_instructor").post(
        reverse("calls:instruction_region_move", args=[submitted.pk]),
        {"region": other_region.pk, "reason": "Le pôle a déménagé en Bretagne."},
    )

    submitted.refresh_from_db()
    assert submitted.region == other_region
    change = ApplicationRegionChange.objects.get()
    assert (change.by, change.to_region, change.reason) == (
        national_instructor,
        other_region,
        "Le pôle a déménagé en Bretagne.",
    )
    assert submitted.state == ApplicationState.SUBMITTED
