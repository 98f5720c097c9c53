"""The PDF of one application: answers, attachments, history; the instruction's parts only
for the instruction."""

import pytest
from django.urls import reverse

from ptce.calls.models import (
    Annotation,
    ApplicationFile,
    ApplicationState,
    ApplicationTransition,
    Opinion,
    Score,
)
from tests import poppler
from tests.calls.factories import CriterionFactory, PhaseFactory, QuestionFactory, SectionFactory
from tests.calls.factories.lists import at, filed

pytestmark = pytest.mark.django_db

CONFIDENTIAL = [
    "Annotations de l’instruction",
    "Dossier solide mais budget fragile",
    "Avis d’experts",
    "Camille Experte",
    "Réseau très actif sur le territoire",
    "Grille de notation",
    "Ancrage territorial",
]


def pdftotext(data: bytes) -> str:
    return " ".join(poppler.pdftotext(data).split())


@pytest.fixture
def application(pole, coordinator, instructor):
    phase = PhaseFactory(call__name="AMI PTCE 2022", name="Reconnaissance et accompagnement")
    section = SectionFactory(phase=phase, title="Le projet coopératif")
    QuestionFactory(section=section, key="projet", label="Décrivez le projet", kind="texte_long")
    application = filed(phase, pole=pole, state=ApplicationState.INSTRUCTION)
    application.snapshot = {"answers": {"projet": "Une ressourcerie coopérative"}}
    application.answers = {"projet": "Brouillon jamais déposé"}
    application.save()
    ApplicationFile.objects.create(
        application=application,
        question_key="budget",
        file="candidatures/budget.pdf",
        original_name="budget-previsionnel.pdf",
        size=2048,
        uploaded_by=coordinator,
    )
    ApplicationTransition.objects.create(
        application=application, from_state="brouillon", to_state="deposee", by=coordinator
    )
    ApplicationTransition.objects.create(
        application=application, from_state="deposee", to_state="en_instruction", by=instructor
    )
    Annotation.objects.create(
        application=application, author=instructor, body="Dossier solide mais budget fragile"
    )
    Opinion.objects.create(
        application=application,
        expert_name="Camille Experte",
        expert_email="experte@exemple.fr",
        question="Le réseau est-il actif ?",
        token_hash="a" * 64,
        body="Réseau très actif sur le territoire",
        answered_at=at(2022, 3, 20),
        requested_by=instructor,
    )
    criterion = CriterionFactory(phase=phase, label="Ancrage territorial", weight=2, max_score=5)
    Score.objects.create(
        application=application, criterion=criterion, value=4, scored_by=instructor
    )
    return application


def url(application):
    return reverse("calls:application_pdf", args=[application.pk])


@pytest.mark.parametrize("role", ["instructor", "national_instructor", "admin_user"])
def test_the_instruction_gets_annotations_opinions_and_scores(client_as, application, role):
    response = client_as(role).get(url(application))
    assert response["Content-Type"] == "application/pdf"
    assert f"candidature-{application.pk}.pdf" in response["Content-Disposition"]
    text = pdftotext(response.content)
    for part in CONFIDENTIAL:
        assert part in text
    assert "note pondérée : 8 sur 10" in text


def test_the_applicant_gets_answers_attachments_and_history_without_confidential_parts(
    client_as, application
):
    text = pdftotext(client_as("coordinator").get(url(application)).content)
    assert "Pôle des Coteaux" in text
    assert "AMI PTCE 2022" in text
    assert "Décrivez le projet" in text
    assert "Une ressourcerie coopérative" in text
    assert "Brouillon jamais déposé" not in text
    assert "budget-previsionnel.pdf" in text
    assert "Historique" in text
    assert "En instruction" in text
    for part in CONFIDENTIAL:
        assert part not in text
    assert "confidentiel" not in text.lower()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("outsider", 404),
        ("member", 404),
        ("other_coordinator", 404),
        ("other_instructor", 404),
        ("coordinator", 200),
        ("instructor", 200),
        ("national_instructor", 200),
        ("admin_user", 200),
    ],
)
def test_who_may_download_the_pdf(client_as, application, role, status):
    assert client_as(role).get(url(application)).status_code == status


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, application):
    response = client.get(url(application))
    assert response.status_code == 302
    assert reverse("core:login") in response["Location"]


def test_the_pdf_template_renders_without_undefined_variables(
    client_as, application, strict_templates
):
    from django.template.loader import render_to_string

    from ptce.calls.lists.pdf import application_context

    for for_instruction in (True, False):
        html = render_to_string(
            "calls/lists/application_pdf.html",
            application_context(application, for_instruction=for_instruction),
        )
        assert "VARIABLE-INDEFINIE" not in html
