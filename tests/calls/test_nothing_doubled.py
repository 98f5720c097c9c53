"""Applications, annotations, opinion requests and messages are created once, whatever the
clicks (issue 12)."""

import pytest
from django.core import mail
from django.urls import reverse

from ptce.calls.models import Annotation, Application, ApplicationState, Message, Opinion
from tests.calls.factories.applicant import phase_with_form
from tests.calls.factories.instruction import application_in
from tests.concurrency import sent_twice

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(pole, coordinator):
    return application_in(pole, ApplicationState.INSTRUCTION, author=coordinator)


def test_an_application_created_twice_is_created_once_and_the_second_click_opens_it(
    client_as, pole
):
    phase, _, _ = phase_with_form()
    address = f"/poles/{pole.slug}/candidatures/nouvelle/{phase.pk}/"
    response = sent_twice(client_as("coordinator"), address, {})
    application = Application.objects.get()
    assert response.redirect_chain[-1][0] == f"/candidatures/{application.pk}/modifier/"


def test_an_annotation_sent_twice_is_recorded_once(client_as, application):
    sent_twice(
        client_as("instructor"),
        reverse("calls:instruction_annotate", args=[application.pk]),
        {"annotation-body": "À vérifier : le budget."},
        form_page=reverse("calls:instruction", args=[application.pk]),
        field="annotation-once",
    )
    assert Annotation.objects.count() == 1


def test_an_opinion_request_sent_twice_asks_the_expert_once(
    client_as, application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent_twice(
            client_as("instructor"),
            reverse("calls:instruction_opinion_request", args=[application.pk]),
            {
                "avis-expert_name": "Dominique Expert",
                "avis-expert_email": "dominique@exemple.fr",
                "avis-question": "Le budget tient-il ?",
            },
            form_page=reverse("calls:instruction", args=[application.pk]),
            field="avis-once",
        )
    assert Opinion.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["dominique@exemple.fr"]]


def test_a_message_sent_twice_is_posted_once(client_as, application):
    address = reverse("calls:messages", args=[application.pk])
    sent_twice(client_as("coordinator"), address, {"body": "Voici le budget détaillé."})
    assert Message.objects.count() == 1
