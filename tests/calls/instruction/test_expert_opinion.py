"""The expert's page: reached through the personal link only, until it is revoked."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from ptce.calls.instruction import services
from ptce.calls.models import Application, ApplicationFile, ApplicationState
from tests.calls.factories import PhaseFactory, QuestionFactory, SectionFactory
from tests.calls.factories.instruction import OpinionFactory, application_in
from tests.poles.factories import PoleFactory

S = ApplicationState
TOKEN = "jeton-personnel-de-l-experte-0001-abcdefghijkl"


pytestmark = pytest.mark.usefixtures("strict_templates")


@pytest.fixture
def opinion(pole, coordinator, instructor):
    phase = PhaseFactory()
    question = QuestionFactory(section=SectionFactory(phase=phase), label="Votre projet")
    application = application_in(
        pole,
        S.INSTRUCTION,
        author=coordinator,
        phase=phase,
        snapshot={"answers": {question.key: "Une ressourcerie coopérative"}},
    )
    return OpinionFactory(
        application=application,
        token=TOKEN,
        requested_by=instructor,
        question="Le modèle économique tient-il ?",
    )


def url(token=TOKEN):
    return reverse("calls:opinion", args=[token])


@pytest.mark.parametrize("role", ["anonymous", "outsider", "coordinator", "instructor"])
def test_the_link_opens_the_application_and_the_question_without_an_account(
    client_as, opinion, role
):
    response = client_as(role).get(url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Une ressourcerie coopérative" in content
    assert "Le modèle économique tient-il ?" in content
    # The token never leaves the site in a Referer header (and the answer's POST keeps its
    # Origin: « no-referrer » made browsers send `Origin: null`, refused by the CSRF check).
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_an_unknown_token_is_404(client, opinion):
    assert client.get(url("jeton-invente")).status_code == 404


def test_a_revoked_link_is_404(client, opinion, instructor):
    services.opinion_revoke(opinion=opinion, by=instructor)
    assert client.get(url()).status_code == 404
    assert client.post(url(), {"body": "Mon avis."}).status_code == 404
    opinion.refresh_from_db()
    assert opinion.body == ""


def test_the_expert_sees_only_the_application_they_were_asked_about(client, opinion):
    other = application_in(PoleFactory(name="Pôle Voisin"), S.INSTRUCTION, snapshot={"answers": {}})
    content = client.get(url()).content.decode()
    assert "Pôle Voisin" not in content
    assert reverse("calls:instruction", args=[opinion.application.pk]) not in content
    # The link is no key to the rest of the platform.
    assert client.get(reverse("calls:instruction", args=[other.pk])).status_code == 302
    assert client.get(reverse("calls:messages", args=[opinion.application.pk])).status_code == 302


def test_the_expert_answers_once_then_reads_their_answer(
    client, opinion, instructor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(), {"body": "Oui, le modèle tient."})
    assert response.status_code == 302
    assert response.url == url()
    opinion.refresh_from_db()
    assert opinion.body == "Oui, le modèle tient."
    assert opinion.answered_at is not None
    response = client.get(url())
    content = response.content.decode()
    assert "Oui, le modèle tient." in content
    assert 'name="body"' not in content
    client.post(url(), {"body": "Changement d’avis."})
    opinion.refresh_from_db()
    assert opinion.body == "Oui, le modèle tient."


def test_an_empty_answer_is_refused(client, opinion):
    response = client.post(url(), {"body": "  "})
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.content.decode()
    opinion.refresh_from_db()
    assert opinion.answered_at is None


def test_once_the_instruction_is_over_the_form_is_closed(client, opinion, national_instructor):
    services.application_decide(
        application=opinion.application,
        name="decide_closed",
        by=national_instructor,
        motivation="Sans suite.",
        without_proposal_reason="Décision d’essai.",
    )
    content = client.get(url()).content.decode()
    assert "L’instruction de cette candidature est terminée" in content
    client.post(url(), {"body": "Trop tard."})
    opinion.refresh_from_db()
    assert opinion.answered_at is None


# Expiry (issue « Trust », finding 6: links kept showing answers and files after the decision)

DECIDED = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))


def decide(application):
    Application.objects.filter(pk=application.pk).update(state=S.LAUREATE, decided_at=DECIDED)


def test_the_link_works_until_30_days_after_the_decision_then_says_it_expired(client, opinion):
    decide(opinion.application)
    with freeze_time(DECIDED + datetime.timedelta(days=29)):
        assert client.get(url()).status_code == 200
    with freeze_time(DECIDED + datetime.timedelta(days=31)):
        response = client.get(url())
    assert response.status_code == 410
    page = response.content.decode()
    assert "Ce lien a expiré" in page
    assert "Une ressourcerie coopérative" not in page


def test_an_expired_link_serves_no_file(client, opinion, private_media):
    stored = ApplicationFile(
        application=opinion.application, question_key="budget", original_name="b.pdf", size=4
    )
    stored.file.save("b.pdf", ContentFile(b"%PDF"), save=True)
    decide(opinion.application)
    with freeze_time(DECIDED + datetime.timedelta(days=31)):
        response = client.get(reverse("calls:opinion_file", args=[TOKEN, stored.pk]))
    assert response.status_code == 410


def test_the_delay_after_the_decision_is_a_setting(client, opinion, settings):
    settings.PTCE_LINK_DAYS_AFTER_CLOSING = 5
    decide(opinion.application)
    with freeze_time(DECIDED + datetime.timedelta(days=6)):
        assert client.get(url()).status_code == 410
