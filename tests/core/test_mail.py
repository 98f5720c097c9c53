"""A mail outage never breaks a flow (issue « Nothing lost »: with the SMTP server down, the
public join request, join acceptance, invitation and external-rater invitation (in
tests/assessments/evaluation/test_sheet.py) answered 500
after their row was written)."""

import logging

import pytest
from django.urls import reverse

from ptce.cooperation.join.services import join_request_accept
from ptce.cooperation.models import JoinRequest, JoinRequestStatus
from ptce.poles.models import Invitation
from ptce.poles.services_members import invitation_create
from tests.cooperation.factories import JoinRequestFactory
from tests.cooperation.join.test_join import join_url, valid_data
from tests.mail import FAILING_BACKEND

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail_server_down(settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND


def test_the_public_join_request_is_recorded_and_answered(
    client, pole, coordinator, django_capture_on_commit_callbacks, caplog
):
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = client.post(join_url(pole), valid_data())
    assert response.status_code == 302
    assert JoinRequest.objects.filter(pole=pole).count() == 1
    assert "non envoyé" in caplog.text


def test_an_accepted_join_request_keeps_its_membership(
    pole, coordinator, django_capture_on_commit_callbacks
):
    join_request = JoinRequestFactory(pole=pole)
    with django_capture_on_commit_callbacks(execute=True):
        membership = join_request_accept(join_request=join_request, decided_by=coordinator)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.ACCEPTED
    assert membership.pole == pole


def test_an_invitation_is_recorded_and_its_link_returned(
    pole, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = invitation_create(
            pole=pole, email="nouvelle@exemple.fr", role="membre", invited_by=coordinator
        )
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    assert token


def test_the_invitation_page_answers_with_a_redirect(
    client_as, pole, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("coordinator").post(
            reverse("poles:people", args=[pole.slug]),
            {"email": "autre@exemple.fr", "role": "membre"},
        )
    assert response.status_code in (200, 302)
    assert Invitation.objects.filter(email="autre@exemple.fr").exists()
