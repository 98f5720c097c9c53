"""The signed webhook of state changes: queued in the move's transaction, delivered by a
background job after commit, retried with backoff by the worker, given up visibly, relaunched
from the admin."""

import datetime
import hashlib
import hmac
import json
import urllib.error

import pytest
from freezegun import freeze_time

from ptce.calls import webhooks
from ptce.calls.models import ApplicationState, WebhookDelivery
from ptce.calls.moves import move
from ptce.calls.tasks import webhook_deliver
from ptce.core.models import JobRecord, JobState
from tests.calls.factories.instruction import application_in
from tests.jobs import relaunch_from_admin

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


def test_a_failed_delivery_records_the_error_and_the_worker_backs_off_exponentially(
    job_queue, receiver, submitted, coordinator, django_capture_on_commit_callbacks
):
    receiver.error = urllib.error.URLError("connexion refusée")
    with freeze_time("2024-03-01 10:00:00"):
        submit(submitted, coordinator, django_capture_on_commit_callbacks)
        assert receiver.requests == []  # the request only enqueued the job
        assert job_queue.run() == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.delivered_at is None
    assert delivery.attempts == 1
    assert "connexion refusée" in delivery.last_error
    assert delivery.next_attempt_at == datetime.datetime(2024, 3, 1, 10, 1, tzinfo=datetime.UTC)
    # The move itself is kept.
    submitted.refresh_from_db()
    assert submitted.state == ApplicationState.SUBMITTED
    # The job waits until the row's next attempt.
    [retry] = job_queue.scheduled()
    assert retry.eta == datetime.datetime(2024, 3, 1, 10, 1)

    with freeze_time("2024-03-01 10:01:00"):
        assert job_queue.run_scheduled() == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.next_attempt_at == datetime.datetime(2024, 3, 1, 10, 3, tzinfo=datetime.UTC)
    record = JobRecord.objects.get()
    assert record.state == JobState.RETRYING
    assert record.summary == f"Webhook, envoi n° {delivery.pk}"

    receiver.error = None
    with freeze_time("2024-03-01 10:03:00"):
        assert job_queue.run_scheduled() == 1
    delivery.refresh_from_db()
    assert delivery.delivered_at is not None
    assert delivery.attempts == 3
    assert delivery.last_error == ""
    assert len(receiver.requests) == 3
    assert job_queue.run_scheduled() == 0
    assert JobRecord.objects.get().state == JobState.DONE
    # Each attempt is signed afresh with its own timestamp.
    [(_, body, headers)] = receiver.requests[-1:]
    expected = hmac.new(
        SECRET.encode(), f"{headers['X-PTCE-Timestamp']}.".encode() + body, hashlib.sha256
    )
    assert headers["X-PTCE-Signature"] == "sha256=" + expected.hexdigest()


def test_the_first_retry_waits_the_configured_delay_then_twice_as_long(
    job_queue, receiver, submitted, coordinator, settings, django_capture_on_commit_callbacks
):
    settings.PTCE_WEBHOOK_RETRY_SECONDS = 5
    receiver.error = urllib.error.URLError("connexion refusée")
    with freeze_time("2024-03-01 10:00:00"):
        submit(submitted, coordinator, django_capture_on_commit_callbacks)
        job_queue.run()
    delivery = WebhookDelivery.objects.get()
    assert delivery.next_attempt_at == datetime.datetime(2024, 3, 1, 10, 0, 5, tzinfo=datetime.UTC)
    with freeze_time("2024-03-01 10:00:05"):
        job_queue.run_scheduled()
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == datetime.datetime(2024, 3, 1, 10, 0, 15, tzinfo=datetime.UTC)


def test_an_error_status_counts_as_a_failure(
    receiver, submitted, coordinator, django_capture_on_commit_callbacks
):
    receiver.status = 503
    submit(submitted, coordinator, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.delivered_at is None
    assert "503" in delivery.last_error


def test_delivery_is_given_up_visibly_after_the_last_attempt_and_relaunched_by_an_admin(
    job_queue, receiver, submitted, coordinator, admin_client, django_capture_on_commit_callbacks
):
    receiver.error = TimeoutError("délai dépassé")
    submit(submitted, coordinator, django_capture_on_commit_callbacks)
    job_queue.run_until_empty()
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == webhooks.MAX_ATTEMPTS
    assert len(receiver.requests) == webhooks.MAX_ATTEMPTS
    assert delivery.delivered_at is None
    assert delivery.next_attempt_at is None
    assert delivery.last_error.startswith(f"Abandon après {webhooks.MAX_ATTEMPTS} tentatives")
    record = JobRecord.objects.get()
    assert record.state == JobState.FAILED
    assert "Abandon après" in record.last_error

    # The partner's server is back: the admin relaunches the job, delivered once.
    receiver.error = None
    relaunch_from_admin(admin_client, record, django_capture_on_commit_callbacks)
    assert job_queue.run() == 1
    delivery.refresh_from_db()
    assert delivery.delivered_at is not None
    assert len(receiver.requests) == webhooks.MAX_ATTEMPTS + 1
    assert job_queue.run_scheduled() == 0


def test_a_receiver_down_then_up_gets_the_change_exactly_once(
    job_queue, receiver, submitted, coordinator, django_capture_on_commit_callbacks
):
    receiver.status = 502
    submit(submitted, coordinator, django_capture_on_commit_callbacks)
    assert job_queue.run() == 1
    assert WebhookDelivery.objects.get().delivered_at is None
    receiver.status = 200
    assert job_queue.run_scheduled() == 1
    assert job_queue.run_scheduled() == 0
    assert job_queue.run() == 0
    assert len(receiver.requests) == 2
    bodies = {body for _, body, _ in receiver.requests}
    assert len(bodies) == 1  # the same delivery, attempted twice, received once
    assert WebhookDelivery.objects.get().delivered_at is not None


def test_a_missing_secret_refuses_to_post_unsigned(
    receiver, settings, submitted, coordinator, django_capture_on_commit_callbacks
):
    settings.PTCE_WEBHOOK_SECRET = ""
    submit(submitted, coordinator, django_capture_on_commit_callbacks)
    assert receiver.requests == []
    assert "PTCE_WEBHOOK_SECRET" in WebhookDelivery.objects.get().last_error


def test_a_delivered_row_is_not_sent_twice(
    receiver, submitted, coordinator, django_capture_on_commit_callbacks
):
    submit(submitted, coordinator, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert webhooks.deliver_pending(delivery.pk) is None
    webhook_deliver(delivery.pk)
    assert len(receiver.requests) == 1


def test_the_real_http_call_refuses_other_schemes():
    with pytest.raises(webhooks.DeliveryError):
        webhooks.post("file:///etc/passwd", b"{}", {})
