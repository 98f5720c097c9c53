"""The one way the platform runs work outside a request: Huey jobs.

A job is a function in the `tasks.py` of the app that owns the work, declared with `job` (run
on demand) or `periodic_job` (run by the worker on a crontab), and enqueued once the
transaction commits with `enqueue_on_commit`. The worker is `manage.py run_huey`; settings
`HUEY*` in config/settings.py. A job is retried by Huey (`retries`, `retry_delay` in seconds,
doubled after each failure), so it must be idempotent: an attempt may be repeated.

    # ptce/<app>/tasks.py
    from huey import crontab
    from ptce.core.jobs import periodic_job

    @periodic_job(crontab(hour="3", minute="30"))  # every night, 03:30 UTC
    def personal_data_purge():
        services.personal_data_purge()  # the work itself is a service, testable without Huey

Every job outside immediate mode has a `JobRecord` (pending, running, retrying, done, failed
with its last error), written here from Huey's signals and shown read-only in the admin, where a
failed job can be relaunched. A job whose consumer died while running it (Huey acknowledges
nothing) is put back in the queue by another consumer (ptce/core/job_leases.py). Its `summary`
must hold no personal data: a job declares it with `summary=` (a function of the job's
arguments). The serialized job (which may hold an address or
a message) is kept only until the job is done, so that a failed one can be relaunched.
"""

import contextlib
import datetime
import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from huey import signals
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from . import invalidation
from .job_leases import worker_name
from .models import JobRecord, JobState

logger = logging.getLogger("ptce.jobs")

DONE_KEPT_DAYS = 30
FAILED_KEPT_DAYS = 90


def job(*, retries: int = 0, retry_delay: int = 0, summary=None):
    """Declare a job: on failure, `retries` more attempts, waiting `retry_delay` seconds then
    twice as long each time."""

    def decorator(function):
        wrapper = db_task(retries=retries, retry_delay=retry_delay, retry_backoff=2)(function)
        wrapper.task_class.summary = staticmethod(summary) if summary else None
        return wrapper

    return decorator


def periodic_job(schedule):
    """Declare a job the worker runs on `schedule` (`huey.crontab`, in UTC)."""
    return db_periodic_task(schedule)


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Enqueue `task(*args, **kwargs)` once the transaction commits (nothing if it rolls back)."""
    transaction.on_commit(lambda: enqueue_or_run(task, *args, **kwargs))


def enqueue_or_run(task, *args, **kwargs) -> None:
    """Enqueue the job; should the queue itself refuse it (Redis down, disk full), run it at
    once rather than lose it or fail the request that already committed."""
    queued = task.s(*args, **kwargs)
    try:
        HUEY.enqueue(queued)
    except Exception:  # any storage failure: logged, and the work is still done
        logger.exception("Tâche %s non mise en file : exécutée tout de suite.", queued.name)
        JobRecord.objects.filter(task_id=queued.id).delete()  # it ran inline, as in immediate mode
        with contextlib.suppress(Exception):  # the job logs its own failure
            task.call_local(*args, **kwargs)


# --- The record of each job, from Huey's signals ----------------------------------------------


def _summary(task) -> str:
    summarise = getattr(type(task), "summary", None)
    if summarise is None:
        return ""
    return str(summarise(*task.args, **task.kwargs))[:200]


def _update(task, **fields) -> None:
    JobRecord.objects.filter(task_id=task.id).update(updated_at=timezone.now(), **fields)


def _next_attempt(task):
    eta = task.eta
    if eta is not None and timezone.is_naive(eta):
        eta = eta.replace(tzinfo=datetime.UTC) if HUEY.utc else timezone.make_aware(eta)
    return eta


@HUEY.signal()
def _record(signal, task, exception=None):
    """Each step of a job, on its row; immediate mode keeps none (the job ran inline)."""
    if HUEY.immediate:
        return
    if signal == signals.SIGNAL_ENQUEUED:
        JobRecord.objects.update_or_create(
            task_id=task.id,
            defaults={
                "name": type(task).__name__,
                "summary": _summary(task),
                "state": JobState.PENDING,
                "payload": HUEY.serialize_task(task),
                "next_attempt_at": None,
            },
        )
    elif signal == signals.SIGNAL_SCHEDULED:
        _update(task, next_attempt_at=_next_attempt(task))
    elif signal == signals.SIGNAL_EXECUTING:
        JobRecord.objects.filter(task_id=task.id).update(
            state=JobState.RUNNING,
            attempts=F("attempts") + 1,
            worker=worker_name(),
            updated_at=timezone.now(),
        )
    elif signal == signals.SIGNAL_COMPLETE:
        _update(task, state=JobState.DONE, payload=None, next_attempt_at=None)
    elif signal == signals.SIGNAL_RETRYING:
        _update(task, state=JobState.RETRYING)
    elif signal == signals.SIGNAL_ERROR:
        message = f"{type(exception).__name__} : {exception}"[:1000]
        final = not task.retries
        _update(task, state=JobState.FAILED if final else JobState.RETRYING, last_error=message)
        if final:
            invalidation.invalidate(invalidation.TODO)  # a failed job waits for the admins


# --- Admin actions and housekeeping -----------------------------------------------------------


def job_relaunch(*, record: JobRecord) -> bool:
    """Enqueue a failed job again, with its full round of retries. False when it cannot be."""
    if record.state != JobState.FAILED or not record.payload:
        return False
    task = HUEY.deserialize_task(bytes(record.payload))
    task.retries = task.default_retries
    task.retry_delay = task.default_retry_delay
    task.eta = None
    transaction.on_commit(lambda: HUEY.enqueue(task))
    return True


def job_records_purge(*, now=None) -> int:
    """Forget done jobs after DONE_KEPT_DAYS days, failed ones after FAILED_KEPT_DAYS."""
    now = now or timezone.now()
    done = JobRecord.objects.filter(
        state=JobState.DONE, updated_at__lt=now - datetime.timedelta(days=DONE_KEPT_DAYS)
    )
    failed = JobRecord.objects.filter(
        state=JobState.FAILED, updated_at__lt=now - datetime.timedelta(days=FAILED_KEPT_DAYS)
    )
    return done.delete()[0] + failed.delete()[0]
