"""The expert opens the application's attached files through their personal link only: not
another application's file, not once the link is revoked or replaced by a reminder."""

import pytest
from django.urls import reverse

from ptce.calls import uploads
from ptce.calls.applicant.selectors import answers_view
from ptce.calls.instruction import services
from ptce.calls.models import ApplicationState, QuestionKind
from tests.calls.factories import PhaseFactory, QuestionFactory, SectionFactory
from tests.calls.factories.applicant import PDF_BYTES, pdf_file
from tests.calls.factories.instruction import OpinionFactory, application_in
from tests.poles.factories import PoleFactory

S = ApplicationState
TOKEN = "jeton-personnel-de-l-experte-0002-abcdefghijkl"


pytestmark = pytest.mark.usefixtures("strict_templates")


@pytest.fixture
def question():
    phase = PhaseFactory()
    return QuestionFactory(
        section=SectionFactory(phase=phase), key="budget", label="Budget", kind=QuestionKind.FILE
    )


def _application_with_file(pole, question, by, name="budget.pdf"):
    application = application_in(pole, S.INSTRUCTION, author=by, phase=question.section.phase)
    stored = uploads.store(
        application=application, question_key="budget", uploaded=pdf_file(name), by=by
    )
    application.snapshot = {"answers": {"budget": stored.pk}}
    application.save(update_fields=["snapshot"])
    return application, stored


@pytest.fixture
def attached(pole, coordinator, question):
    return _application_with_file(pole, question, coordinator)


@pytest.fixture
def opinion(attached, instructor):
    application, _ = attached
    return OpinionFactory(application=application, token=TOKEN, requested_by=instructor)


def file_url(file_pk, token=TOKEN):
    return reverse("calls:opinion_file", args=[token, file_pk])


def test_the_file_links_carry_the_file_pk(attached):
    application, stored = attached
    [section] = answers_view(application)
    [link] = section.rows[0].files
    assert (link.name, link.pk) == ("budget.pdf", stored.pk)
    assert link.url == reverse("calls:application_file", args=[application.pk, stored.pk])


def test_the_expert_page_links_the_file_to_the_expert_route(client, opinion, attached):
    _, stored = attached
    content = client.get(reverse("calls:opinion", args=[TOKEN])).content.decode()
    assert f'href="{file_url(stored.pk)}"' in content
    # Not the logged-in route, which would send the expert to the login page.
    assert reverse("calls:application_file", args=[opinion.application.pk, stored.pk]) not in (
        content
    )


@pytest.mark.parametrize("role", ["anonymous", "outsider", "coordinator", "instructor"])
def test_the_link_serves_the_file_without_an_account(client_as, opinion, attached, role):
    _, stored = attached
    response = client_as(role).get(file_url(stored.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="budget.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"


def test_an_unknown_token_is_404(client, opinion, attached):
    _, stored = attached
    assert client.get(file_url(stored.pk, token="jeton-invente")).status_code == 404


def test_a_revoked_link_no_longer_serves_the_file(client, opinion, attached, instructor):
    _, stored = attached
    services.opinion_revoke(opinion=opinion, by=instructor)
    assert client.get(file_url(stored.pk)).status_code == 404


def test_a_reminder_replaces_the_link_for_the_files_too(client, opinion, attached, instructor):
    _, stored = attached
    _, new_token = services.opinion_remind(opinion=opinion, by=instructor)
    assert client.get(file_url(stored.pk)).status_code == 404
    assert client.get(file_url(stored.pk, token=new_token)).status_code == 200


def test_a_file_of_another_application_is_404(client, opinion, question, other_coordinator):
    _, theirs = _application_with_file(
        PoleFactory(name="Pôle Voisin"), question, other_coordinator, name="secret.pdf"
    )
    assert client.get(file_url(theirs.pk)).status_code == 404
    assert client.get(file_url(999999)).status_code == 404


def test_only_get_is_allowed(client, opinion, attached):
    _, stored = attached
    assert client.post(file_url(stored.pk)).status_code == 405
