"""The thread between applicant and instruction, and what the applicant never sees."""

import pytest
from django.core import mail
from django.urls import reverse

from ptce.calls.models import ApplicationState, Message
from tests.calls.factories.instruction import (
    AnnotationFactory,
    MessageFactory,
    OpinionFactory,
    application_in,
    grid,
    scored,
)

S = ApplicationState


pytestmark = pytest.mark.usefixtures("strict_templates")


@pytest.fixture
def application(pole, coordinator):
    return application_in(pole, S.INSTRUCTION, author=coordinator)


def url(application):
    return reverse("calls:messages", args=[application.pk])


STATUS = {
    "anonymous": 302,
    "outsider": 404,
    "member": 404,
    "other_coordinator": 404,
    "other_instructor": 404,
    "coordinator": 200,
    "instructor": 200,
    "national_instructor": 200,
    "admin_user": 200,
}


@pytest.mark.parametrize(("role", "status"), STATUS.items())
def test_the_thread_is_for_the_applicant_and_the_instruction(client_as, application, role, status):
    MessageFactory(application=application, body="Pouvez-vous préciser le budget ?")
    response = client_as(role).get(url(application))
    assert response.status_code == status
    if status == 200:
        assert "Pouvez-vous préciser le budget ?" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"), [(r, s if s != 200 else 302) for r, s in STATUS.items()]
)
def test_who_may_post_in_the_thread(client_as, application, role, status):
    response = client_as(role).post(url(application), {"body": "Bonjour."})
    assert response.status_code == status
    assert Message.objects.filter(body="Bonjour.").exists() == (
        status == 302 and role != "anonymous"
    )


def test_a_message_from_the_applicant_reaches_the_instruction_after_commit(
    client_as, application, instructor, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("coordinator").post(url(application), {"body": "Voici le budget."})
    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.author, message.from_instruction) == (coordinator, False)
    assert [m.to for m in mail.outbox] == [[instructor.email]]
    assert "Voici le budget." in mail.outbox[0].body


def test_an_empty_message_is_refused(client_as, application):
    response = client_as("coordinator").post(url(application), {"body": " "})
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.content.decode()
    assert not Message.objects.exists()


def test_no_message_form_on_a_draft(client_as, pole, coordinator):
    draft = application_in(pole, S.DRAFT, author=coordinator)
    client = client_as("coordinator")
    assert 'name="body"' not in client.get(url(draft)).content.decode()
    client.post(url(draft), {"body": "Bonjour."})
    assert not Message.objects.exists()


@pytest.fixture
def secrets_of_instruction(application, instructor):
    """Everything of the instruction the applicant must never see, plus one shared opinion."""
    AnnotationFactory(application=application, author=instructor, body="ANNOTATION-SECRETE")
    OpinionFactory(
        application=application,
        is_confidential=True,
        expert_name="EXPERT-CONFIDENTIEL",
        body="AVIS-CONFIDENTIEL",
        answered_at="2024-03-01T10:00:00Z",
    )
    OpinionFactory(
        application=application,
        is_confidential=False,
        expert_name="Experte Partagée",
        body="AVIS-COMMUNIQUE",
        answered_at="2024-03-01T10:00:00Z",
    )
    OpinionFactory(
        application=application,
        is_confidential=False,
        expert_name="Experte Révoquée",
        body="AVIS-REVOQUE",
        answered_at="2024-03-01T10:00:00Z",
        revoked_at="2024-03-02T10:00:00Z",
    )
    [criterion] = grid(application.phase, (3, 5))
    criterion.label = "CRITERE-SECRET"
    criterion.save()
    scored(application, {criterion: 4})
    application.proposal = S.REJECTED
    application.proposal_motivation = "PROPOSITION-INTERNE"
    application.save()


SECRETS = [
    "ANNOTATION-SECRETE",
    "EXPERT-CONFIDENTIEL",
    "AVIS-CONFIDENTIEL",
    "AVIS-REVOQUE",
    "CRITERE-SECRET",
    "PROPOSITION-INTERNE",
    "12 / 15",
]


@pytest.mark.parametrize("page", ["calls:application_detail", "calls:messages"])
def test_the_applicant_never_sees_confidential_opinions_annotations_or_scores(
    client_as, application, secrets_of_instruction, page
):
    response = client_as("coordinator").get(reverse(page, args=[application.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    for secret in SECRETS:
        assert secret not in content


def test_the_applicant_reads_the_shared_opinions_in_the_thread(
    client_as, application, secrets_of_instruction
):
    content = client_as("coordinator").get(url(application)).content.decode()
    assert "AVIS-COMMUNIQUE" in content
    assert "Experte Partagée" in content


def test_the_instruction_sees_them_all_on_its_page(client_as, application, secrets_of_instruction):
    content = (
        client_as("instructor")
        .get(reverse("calls:instruction", args=[application.pk]))
        .content.decode()
    )
    for secret in SECRETS:
        assert secret in content
