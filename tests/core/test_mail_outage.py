"""A mail outage never breaks a flow, and no email is lost (issue « Nothing lost »: with the SMTP
server down, the public join request, join acceptance, invitation and external-rater invitation
answered 500 after their row was written, and the invitation links were lost).

Each flow is run as a person would, through its page, with the worker of the job queue: the
request answers, the row is kept, the email waits through the outage and is delivered once
when the server is back, with the link it carries."""

import pytest
from django.core import mail
from django.urls import reverse

from ptce.assessments.models import EvaluationState, Rater
from ptce.cooperation.models import JoinRequest, JoinRequestStatus
from ptce.poles.models import Invitation
from tests.assessments.factories import EvaluationFactory, load_default_referentiel
from tests.cooperation.factories import JoinRequestFactory
from tests.cooperation.join.test_join import join_url, valid_data
from tests.mail import FLAKY_BACKEND, FlakyBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server_down(settings, monkeypatch):
    """Down for the next three attempts, then back."""
    settings.EMAIL_BACKEND = FLAKY_BACKEND
    monkeypatch.setattr(FlakyBackend, "failures", 3)


def _public_join_request(client_as, pole):
    response = client_as("anonymous").post(join_url(pole), valid_data())
    return response, JoinRequest.objects.filter(pole=pole).exists(), None


def _join_acceptance(client_as, pole):
    join_request = JoinRequestFactory(pole=pole, contact_email="recyclerie@exemple.fr")
    response = client_as("coordinator").post(
        reverse("cooperation:join_request", args=[pole.slug, join_request.pk]), {"role": "membre"}
    )
    join_request.refresh_from_db()
    return response, join_request.status == JoinRequestStatus.ACCEPTED, "recyclerie@exemple.fr"


def _invitation(client_as, pole):
    response = client_as("coordinator").post(
        reverse("poles:people", args=[pole.slug]), {"email": "invitee@exemple.fr", "role": "membre"}
    )
    kept = Invitation.objects.filter(pole=pole, email="invitee@exemple.fr").exists()
    return response, kept, "invitee@exemple.fr"


def _external_rater(client_as, pole):
    evaluation = EvaluationFactory(
        pole=pole, referentiel=load_default_referentiel(), state=EvaluationState.OPEN
    )
    response = client_as("coordinator").post(
        reverse("assessments:rater_invite", args=[pole.slug, evaluation.pk]),
        {"name": "Alex Dupont", "email": "alex@exemple.fr"},
    )
    kept = Rater.objects.filter(evaluation=evaluation, email="alex@exemple.fr").exists()
    return response, kept, "alex@exemple.fr"


@pytest.mark.parametrize(
    "flow",
    [_public_join_request, _join_acceptance, _invitation, _external_rater],
    ids=["demande d’adhésion", "adhésion acceptée", "invitation", "évaluateur externe"],
)
def test_the_flow_answers_keeps_its_row_and_its_email_arrives_once_the_server_is_back(
    flow,
    job_queue,
    mail_server_down,
    client_as,
    pole,
    coordinator,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response, kept, recipient = flow(client_as, pole)

    assert response.status_code in (200, 302)
    assert kept
    job_queue.run()
    assert mail.outbox == []  # the server is down: nothing sent, nothing lost

    job_queue.run_until_empty()
    recipients = [message.to[0] for message in mail.outbox]
    assert len(recipients) == len(set(recipients)), "each email is delivered once"
    if recipient is not None:
        assert recipients.count(recipient) == 1
        (message,) = [m for m in mail.outbox if m.to == [recipient]]
        assert "http" in message.body  # the link the person needs
    else:
        assert coordinator.email in recipients
