"""The signed webhook of state changes: queued in the move's transaction, delivered after
commit, retried with backoff by `manage.py calls_webhooks`, given up visibly."""

import datetime
import hashlib
import hmac
import io
import json
import urllib.error

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from ptce.calls import webhooks
from ptce.calls.models import ApplicationState, WebhookDelivery
from ptce.calls.moves import move
from tests.calls.factories.instruction import application_in

SECRET = "secret-partage-de-test"
URL = "https://partenaire.exemple.fr/ptce/webhook"


class Receiver:
    """Stands for the partner's server: records requests, answers with `status` or raises."""

    def __init__(self):
        self.requests = []
        self.status = 200
        self.error = None

    def __call__(self, url, body, headers):
        self.requests.append((url, body, headers))
        if self.error is not None:
            raise self.error
        return self.status


@pytest.fixture
def receiver(settings, monkeypatch):
    settings.PTCE_WEBHOOK_URL = URL
    settings.PTCE_WEBHOOK_SECRET = SECRET
    fake = Receiver()
    monkeypatch.setattr(webhooks, "post", fake)
    return fake


@pytest.fixture
def submitted(pole, coordinator):
    application = application_in(pole, ApplicationState.DRAFT, author=coordinator)
    return application


def submit(application, by, capture):
    with capture(execute=True):
        move(application=application, name="submit", by=by)


def test_nothing_is_queued_when_no_webhook_is_configured(
    settings, monkeypatch, submitted, coordinator, django_capture_on_commit_callbacks
):
    settings.PTCE_WEBHOOK_URL = ""
    monkeypatch.setattr(webhooks, "post", lambda *a: pytest.fail("no HTTP call expected"))
    submit(submitted, coordinator, django_capture_on_commit_callbacks)
    assert not WebhookDelivery.objects.exists()


def test_a_state_change_is_posted_after_commit_signed_with_the_shared_secret(
    receiver, submitted, coordinator, pole, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        move(application=submitted, name="submit", by=coordinator)
    delivery = WebhookDelivery.objects.get()
    assert receiver.requests == []  # queued in the transaction, not sent yet
    for callback in callbacks:
        callback()
    [(url, body, headers)] = receiver.requests
    assert url == URL
    document = json.loads(body)
    assert document["event"] == "application.state_changed"
    assert document["id"] == delivery.pk
    data = document["data"]
    assert data == {
        "application": submitted.pk,
        "call": submitted.phase.call.slug,
        "phase": 1,
        "pole": pole.slug,
        "from": "brouillon",
        "to": "deposee",
        "at": data["at"],
    }
    assert datetime.datetime.fromisoformat(data["at"])
    assert coordinator.email not in body.decode()
    assert "@" not in body.decode()
    # The partner checks the signature on its side, from the timestamp and the raw body.
    timestamp = headers["X-PTCE-Timestamp"]
    expected = hmac.new(SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    assert headers["X-PTCE-Signature"] == "sha256=" + expected.hexdigest()
    assert headers["X-PTCE-Event"] == "application.state_changed"
    assert headers["Content-Type"] == "application/json"
    delivery.refresh_from_db()
    assert delivery.delivered_at is not None
    assert delivery.attempts == 1
    assert delivery.next_attempt_at is None


def test_a_signature_with_another_secret_does_not_match(
    receiver, submitted, coordinator, django_capture_on_commit_callbacks
):
    submit(submitted, coordinator, django_capture_on_commit_callbacks)
    [(_, body, headers)] = receiver.requests
    forged = hmac.new(
        b"autre-secret", f"{headers['X-PTCE-Timestamp']}.".encode() + body, hashlib.sha256
    )
    assert headers["X-PTCE-Signature"] != "sha256=" + forged.hexdigest()


def test_a_failed_delivery_records_the_error_and_backs_off_exponentially(
    receiver, submitted, coordinator, django_capture_on_commit_callbacks
):
    receiver.error = urllib.error.URLError("connexion refusée")
    with freeze_time("2024-03-01 10:00:00"):
        submit(submitted, coordinator, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.delivered_at is None
    assert delivery.attempts == 1
    assert "connexion refusée" in delivery.last_error
    assert delivery.next_attempt_at == datetime.datetime(2024, 3, 1, 10, 1, tzinfo=datetime.UTC)
    # The move itself is kept.
    submitted.refresh_from_db()
    assert submitted.state == ApplicationState.SUBMITTED

    with freeze_time("2024-03-01 10:00:30"):  # not due yet
        call_command("calls_webhooks", stdout=io.StringIO())
    assert len(receiver.requests) == 1

    with freeze_time("2024-03-01 10:01:00"):
        call_command("calls_webhooks", stdout=io.StringIO())
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.next_attempt_at == datetime.datetime(2024, 3, 1, 10, 3, tzinfo=datetime.UTC)

    receiver.error = None
    with freeze_time("2024-03-01 10:03:00"):
        out = io.StringIO()
        call_command("calls_webhooks", stdout=out)
    delivery.refresh_from_db()
    assert delivery.delivered_at is not None
    assert delivery.attempts == 3
    assert delivery.last_error == ""
    assert "1 remis" in out.getvalue()
    # Each attempt is signed afresh with its own timestamp.
    [(_, body, headers)] = receiver.requests[-1:]
    expected = hmac.new(
        SECRET.encode(), f"{headers['X-PTCE-Timestamp']}.".encode() + body, hashlib.sha256
    )
    assert headers["X-PTCE-Signature"] == "sha256=" + expected.hexdigest()


def test_an_error_status_counts_as_a_failure(
    receiver, submitted, coordinator, django_capture_on_commit_callbacks
):
    receiver.status = 503
    submit(submitted, coordinator, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.delivered_at is None
    assert "503" in delivery.last_error


def test_delivery_is_given_up_visibly_after_the_last_attempt(
    receiver, submitted, coordinator, django_capture_on_commit_callbacks
):
    receiver.error = TimeoutError("délai dépassé")
    with freeze_time("2024-03-01 10:00:00"):
        submit(submitted, coordinator, django_capture_on_commit_callbacks)
    moment = datetime.datetime(2024, 3, 1, 10, 0, tzinfo=datetime.UTC)
    for _ in range(webhooks.MAX_ATTEMPTS + 2):
        moment += datetime.timedelta(days=1)
        with freeze_time(moment):
            out, err = io.StringIO(), io.StringIO()
            call_command("calls_webhooks", stdout=out, stderr=err)
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == webhooks.MAX_ATTEMPTS
    assert len(receiver.requests) == webhooks.MAX_ATTEMPTS
    assert delivery.delivered_at is None
    assert delivery.next_attempt_at is None
    assert delivery.last_error.startswith(f"Abandon après {webhooks.MAX_ATTEMPTS} tentatives")
    assert "abandonné" in err.getvalue()
    assert f"n° {delivery.pk}" in err.getvalue()


def test_a_missing_secret_refuses_to_post_unsigned(
    receiver, settings, submitted, coordinator, django_capture_on_commit_callbacks
):
    settings.PTCE_WEBHOOK_SECRET = ""
    submit(submitted, coordinator, django_capture_on_commit_callbacks)
    assert receiver.requests == []
    assert "PTCE_WEBHOOK_SECRET" in WebhookDelivery.objects.get().last_error


def test_the_command_does_nothing_without_a_webhook(settings):
    settings.PTCE_WEBHOOK_URL = ""
    out = io.StringIO()
    call_command("calls_webhooks", stdout=out)
    assert "rien à faire" in out.getvalue()


def test_a_delivered_row_is_not_sent_twice(
    receiver, submitted, coordinator, django_capture_on_commit_callbacks
):
    submit(submitted, coordinator, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert webhooks.deliver_pending(delivery.pk) is None
    call_command("calls_webhooks", stdout=io.StringIO())
    assert len(receiver.requests) == 1


def test_the_real_http_call_refuses_other_schemes():
    with pytest.raises(webhooks.DeliveryError):
        webhooks.post("file:///etc/passwd", b"{}", {})
