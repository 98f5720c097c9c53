"""The decision letter in the file: the applicant's page and the instruction's history link to
it; the pole's coordinators, the région's instructors and the national cell download it, anyone
else gets a 404."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from ptce.calls.models import ApplicationState, DecisionLetter
from tests.calls.factories.instruction import application_in

CONTENT = b"%PDF-1.4 lettre"


@pytest.fixture
def decided(pole, coordinator):
    return application_in(
        pole, ApplicationState.LAUREATE, author=coordinator, decided_at=timezone.now()
    )


@pytest.fixture
def letter(decided):
    letter = DecisionLetter(
        application=decided,
        decision=decided.state,
        original_name="lettre-de-decision.pdf",
        size=len(CONTENT),
    )
    letter.file.save("lettre.pdf", ContentFile(CONTENT), save=True)
    return letter


@pytest.mark.parametrize("role", ["coordinator", "instructor", "national_instructor"])
def test_the_applicant_and_the_instruction_download_the_letter(client_as, role, decided, letter):
    response = client_as(role).get(reverse("calls:decision_letter", args=[decided.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "lettre-de-decision.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == CONTENT


@pytest.mark.parametrize("role", ["outsider", "member", "other_coordinator", "other_instructor"])
def test_anyone_else_gets_a_404(client_as, role, decided, letter):
    response = client_as(role).get(reverse("calls:decision_letter", args=[decided.pk]))
    assert response.status_code == 404


def test_no_letter_yet_is_a_404_and_the_page_says_it_is_coming(client_as, decided):
    client = client_as("coordinator")
    assert client.get(reverse("calls:decision_letter", args=[decided.pk])).status_code == 404
    page = client.get(reverse("calls:application_detail", args=[decided.pk]))
    assert "La lettre de décision est en cours d’établissement" in page.content.decode()


def test_an_old_decision_without_a_letter_says_nothing_of_one(client_as, decided):
    decided.decided_at = timezone.now() - datetime.timedelta(days=400)
    decided.save()
    page = client_as("coordinator").get(reverse("calls:application_detail", args=[decided.pk]))
    assert "lettre de décision" not in page.content.decode().lower()


def test_the_applicants_page_links_to_the_letter(client_as, decided, letter, strict_templates):
    page = client_as("coordinator").get(reverse("calls:application_detail", args=[decided.pk]))
    url = reverse("calls:decision_letter", args=[decided.pk])
    html = page.content.decode()
    assert f'href="{url}"' in html
    assert "Lettre de décision" in html


def test_the_instructions_history_links_to_the_letter(client_as, decided, letter, strict_templates):
    page = client_as("instructor").get(reverse("calls:instruction", args=[decided.pk]))
    html = page.content.decode()
    history = html[html.index('id="titre-historique"') :]
    assert f'href="{reverse("calls:decision_letter", args=[decided.pk])}"' in history


def test_an_undecided_application_says_nothing_of_a_letter(client_as, pole, coordinator):
    application = application_in(pole, author=coordinator)
    page = client_as("coordinator").get(reverse("calls:application_detail", args=[application.pk]))
    assert "Lettre de décision" not in page.content.decode()
    assert "lettre de décision" not in page.content.decode()
