"""A job is not lost with its consumer (issue 13, « a worker killed mid-job leaves the job
retried »): Huey acknowledges nothing, so a running job is leased to its consumer and put back
in the queue once the lease runs out. The multi-process test (scripts/multiprocess/run.py)
does the same with real processes and a SIGKILL."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from huey import signals

from ptce.core import job_leases, jobs, tasks
from ptce.core.models import JobRecord, JobState

pytestmark = pytest.mark.django_db


def enqueue_one_email():
    jobs.enqueue_or_run(
        tasks.mail_send, subject="Bonjour", body="…", from_email="a@exemple.fr", to="b@exemple.fr"
    )


def taken_by_a_consumer_that_dies(job_queue):
    """What a consumer does before running the job, and nothing after (SIGKILL)."""
    task = job_queue.huey.dequeue()
    job_queue.huey._emit(signals.SIGNAL_EXECUTING, task)
    return task


def later(seconds: float):
    return timezone.now() + datetime.timedelta(seconds=seconds)


def test_a_running_job_names_its_consumer(job_queue):
    enqueue_one_email()
    taken_by_a_consumer_that_dies(job_queue)
    record = JobRecord.objects.get()
    assert record.state == JobState.RUNNING
    assert record.worker == job_leases.worker_name()


def test_a_job_whose_consumer_died_is_put_back_in_the_queue_and_sent_once(job_queue, settings):
    enqueue_one_email()
    taken_by_a_consumer_that_dies(job_queue)
    assert job_queue.pending() == []

    assert job_leases.orphans_requeue(now=later(settings.PTCE_JOB_LEASE_SECONDS - 5)) == 0
    assert job_leases.orphans_requeue(now=later(settings.PTCE_JOB_LEASE_SECONDS + 5)) == 1
    record = JobRecord.objects.get()
    assert record.state == JobState.PENDING
    assert "ne renouvelait plus son bail" in record.last_error
    # A second consumer sweeping at the same time finds nothing left to take.
    assert job_leases.orphans_requeue(now=later(settings.PTCE_JOB_LEASE_SECONDS + 5)) == 0

    assert job_queue.run() == 1
    assert [message.subject for message in mail.outbox] == ["Bonjour"]
    record.refresh_from_db()
    assert record.state == JobState.DONE
    assert record.attempts == 2


def test_a_job_whose_lease_is_renewed_is_left_to_its_consumer(job_queue, settings):
    enqueue_one_email()
    taken_by_a_consumer_that_dies(job_queue)
    lease = settings.PTCE_JOB_LEASE_SECONDS
    assert job_leases.leases_renew(now=later(lease - 5)) == 1
    assert job_leases.orphans_requeue(now=later(lease + 5)) == 0
    assert JobRecord.objects.get().state == JobState.RUNNING
    assert job_queue.pending() == []


def test_a_job_running_since_before_leases_is_not_resurrected(job_queue, settings):
    enqueue_one_email()
    taken_by_a_consumer_that_dies(job_queue)
    JobRecord.objects.update(worker="")
    assert job_leases.orphans_requeue(now=later(settings.PTCE_JOB_LEASE_SECONDS + 5)) == 0
    assert job_queue.pending() == []


def test_a_consumer_stopped_mid_job_hands_it_back_at_once(job_queue):
    enqueue_one_email()
    task = taken_by_a_consumer_that_dies(job_queue)
    job_queue.huey._emit(signals.SIGNAL_INTERRUPTED, task)
    assert JobRecord.objects.get().state == JobState.PENDING
    assert job_queue.run() == 1
    assert len(mail.outbox) == 1


def test_each_consumer_process_starts_one_watchdog(monkeypatch):
    started = []
    monkeypatch.setattr(job_leases, "_watched", set())
    monkeypatch.setattr(
        job_leases.threading, "Thread", lambda **kwargs: started.append(kwargs) or FakeThread()
    )
    job_leases.watchdog_start()
    job_leases.watchdog_start()  # the second worker thread of the same consumer
    assert [kwargs["name"] for kwargs in started] == ["ptce-job-leases"]


class FakeThread:
    def start(self):
        pass
