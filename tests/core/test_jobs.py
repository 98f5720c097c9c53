"""Every email is a background job (issue « Background jobs »): a request only enqueues it after
commit; the worker sends it, retries it while the mail server is down, and delivers it once."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from ptce.core import jobs
from ptce.core.models import JobRecord, JobState
from ptce.core.tasks import MAIL_RETRIES
from tests.cooperation.join.test_join import join_url, valid_data
from tests.jobs import relaunch_from_admin
from tests.mail import FLAKY_BACKEND, FlakyBackend
from tests.poles.factories import PolePersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server_down_for(settings, monkeypatch):
    settings.EMAIL_BACKEND = FLAKY_BACKEND

    def down_for(failures: int):
        monkeypatch.setattr(FlakyBackend, "failures", failures)

    return down_for


def post_join_request(client, pole, capture):
    with capture(execute=True):
        return client.post(join_url(pole), valid_data())


def test_a_request_only_enqueues_its_email_and_the_worker_sends_it(
    job_queue, client, pole, coordinator, django_capture_on_commit_callbacks
):
    response = post_join_request(client, pole, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert mail.outbox == []
    assert len(job_queue.pending()) == 1
    record = JobRecord.objects.get()
    assert record.state == JobState.PENDING
    assert record.summary == f"Courriel « Nouvelle demande pour rejoindre le pôle {pole.name} »"
    assert coordinator.email not in record.summary

    assert job_queue.run() == 1
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    record.refresh_from_db()
    assert record.state == JobState.DONE
    assert record.attempts == 1
    assert record.payload is None  # the message is not kept once sent


def test_each_recipient_gets_a_job_of_their_own(
    job_queue, client, pole, coordinator, django_capture_on_commit_callbacks
):
    PolePersonFactory(pole=pole, role="coordinateur", user__email="co2@exemple.fr")
    post_join_request(client, pole, django_capture_on_commit_callbacks)
    assert len(job_queue.pending()) == 2
    job_queue.run()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "co2@exemple.fr",
        coordinator.email,
    ]


def test_an_email_is_retried_through_a_mail_outage_and_delivered_once(
    job_queue, mail_server_down_for, client, pole, coordinator, django_capture_on_commit_callbacks
):
    mail_server_down_for(3)
    response = post_join_request(client, pole, django_capture_on_commit_callbacks)
    assert response.status_code == 302

    job_queue.run()
    assert mail.outbox == []
    record = JobRecord.objects.get()
    assert record.state == JobState.RETRYING
    assert "SMTPServerDisconnected" in record.last_error
    assert record.next_attempt_at > timezone.now()

    for _ in range(3):
        assert job_queue.run_scheduled() == 1
    assert len(mail.outbox) == 1
    record.refresh_from_db()
    assert record.state == JobState.DONE
    assert record.attempts == 4
    assert job_queue.run_scheduled() == 0
    assert job_queue.run() == 0
    assert len(mail.outbox) == 1


def test_an_email_given_up_shows_as_failed_and_an_admin_relaunches_it(
    job_queue,
    mail_server_down_for,
    client,
    admin_client,
    pole,
    coordinator,
    django_capture_on_commit_callbacks,
):
    mail_server_down_for(1000)
    post_join_request(client, pole, django_capture_on_commit_callbacks)
    job_queue.run_until_empty()
    record = JobRecord.objects.get()
    assert record.state == JobState.FAILED
    assert record.attempts == MAIL_RETRIES + 1
    assert "SMTPServerDisconnected" in record.last_error
    assert mail.outbox == []

    mail_server_down_for(0)
    response = relaunch_from_admin(admin_client, record, django_capture_on_commit_callbacks)
    assert "1 tâche(s) relancée(s)." in response.content.decode()
    assert job_queue.run() == 1
    assert len(mail.outbox) == 1
    record.refresh_from_db()
    assert record.state == JobState.DONE


def test_the_admin_shows_jobs_read_only(admin_client):
    record = JobRecord.objects.create(
        task_id="abc", name="mail_send", summary="Courriel « Essai »", state=JobState.FAILED
    )
    listing = admin_client.get("/admin/core/jobrecord/")
    assert "Courriel « Essai »" in listing.content.decode()
    assert admin_client.get("/admin/core/jobrecord/add/").status_code == 403
    page = admin_client.get(f"/admin/core/jobrecord/{record.pk}/change/")
    assert page.status_code == 200
    assert 'name="summary"' not in page.content.decode()


def test_only_a_failed_job_is_relaunched(job_queue):
    done = JobRecord.objects.create(task_id="x", name="mail_send", state=JobState.DONE)
    assert jobs.job_relaunch(record=done) is False
    assert job_queue.pending() == []


def test_an_email_is_sent_directly_when_the_queue_itself_is_down(
    job_queue, monkeypatch, client, pole, coordinator, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise ConnectionError("file indisponible")

    monkeypatch.setattr(job_queue.huey.storage, "enqueue", refuse)
    response = post_join_request(client, pole, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert not JobRecord.objects.exists()  # it did not wait in any queue


def test_old_job_records_are_forgotten_failed_ones_later():
    now = timezone.now()
    for task_id, state, days in [
        ("done-old", JobState.DONE, jobs.DONE_KEPT_DAYS + 1),
        ("done-recent", JobState.DONE, 1),
        ("failed-month", JobState.FAILED, jobs.DONE_KEPT_DAYS + 1),
        ("failed-old", JobState.FAILED, jobs.FAILED_KEPT_DAYS + 1),
    ]:
        record = JobRecord.objects.create(task_id=task_id, name="t", state=state)
        JobRecord.objects.filter(pk=record.pk).update(
            updated_at=now - datetime.timedelta(days=days)
        )
    assert jobs.job_records_purge(now=now) == 2
    assert sorted(JobRecord.objects.values_list("task_id", flat=True)) == [
        "done-recent",
        "failed-month",
    ]


def test_the_periodic_jobs_are_registered_with_the_worker():
    names = {task.__name__ for task in jobs.HUEY._registry._periodic_tasks}
    assert {
        "job_records_purge",
        "animation_alerts_send",
        "personal_data_purge",
        "submitted_forms_purge",
    } <= names


def test_in_immediate_mode_the_email_goes_out_inline_without_a_record(
    client, pole, coordinator, django_capture_on_commit_callbacks
):
    post_join_request(client, pole, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert not JobRecord.objects.exists()
