"""A job is not lost with its consumer.

Huey acknowledges nothing: a job taken from the queue by a consumer that then dies (SIGKILL,
out of memory, machine lost) is gone (coleifer/huey#571, #844). So each running job is leased
to the consumer process running it: its `JobRecord` names that process (`worker`) and
`updated_at` is the lease, renewed every quarter of `PTCE_JOB_LEASE_SECONDS` by a thread of
that process (the watchdog, started with the consumer). A RUNNING job whose lease has run out
belongs to a dead consumer: the watchdog of any live consumer puts it back in the queue from
the row's serialized job, once (a conditional update decides who does). A consumer stopped by
SIGTERM hands its running jobs back at once (Huey's SIGNAL_INTERRUPTED).

Jobs are idempotent (ptce/core/jobs.py): a consumer frozen longer than the lease may see its job
run a second time; it is never lost.
"""

import datetime
import logging
import os
import socket
import threading
import time
import uuid

from django.conf import settings
from django.db import connection
from django.utils import timezone
from huey import signals
from huey.contrib.djhuey import HUEY

from .models import JobRecord, JobState

logger = logging.getLogger("ptce.jobs")

_names: dict[int, str] = {}  # pid → name: a forked worker process gets its own
_watched: set[int] = set()
_lock = threading.Lock()


def worker_name() -> str:
    """This process, unique across machines and restarts."""
    pid = os.getpid()
    with _lock:
        if pid not in _names:
            _names[pid] = f"{socket.gethostname()[:70]}:{pid}:{uuid.uuid4().hex[:8]}"
        return _names[pid]


def leases_renew(*, now=None) -> int:
    """Renew the lease of the jobs this process is running."""
    return JobRecord.objects.filter(state=JobState.RUNNING, worker=worker_name()).update(
        updated_at=now or timezone.now()
    )


def _requeue(record: JobRecord, *, reason: str, now) -> bool:
    """Back to the queue, unless someone else did it first or the job moved on."""
    taken = JobRecord.objects.filter(
        pk=record.pk, state=JobState.RUNNING, updated_at=record.updated_at
    ).update(state=JobState.PENDING, last_error=reason[:1000], updated_at=now)
    if not taken:
        return False
    try:
        HUEY.enqueue(HUEY.deserialize_task(bytes(record.payload)))
    except Exception:  # the queue refused it: still RUNNING and expired, the next round retries
        JobRecord.objects.filter(pk=record.pk).update(
            state=JobState.RUNNING, updated_at=record.updated_at
        )
        raise
    return True


def orphans_requeue(*, now=None) -> int:
    """Put back in the queue the running jobs whose lease ran out; how many."""
    now = now or timezone.now()
    expired = now - datetime.timedelta(seconds=settings.PTCE_JOB_LEASE_SECONDS)
    # Only leased jobs: a row running since before leases existed has no consumer to outlive.
    orphans = (
        JobRecord.objects.filter(
            state=JobState.RUNNING, updated_at__lt=expired, payload__isnull=False
        )
        .exclude(worker="")
        .only("pk", "worker", "payload", "updated_at")[:100]
    )
    count = 0
    for record in orphans:
        reason = f"Reprise : le processus {record.worker} ne renouvelait plus son bail."
        if _requeue(record, reason=reason, now=now):
            logger.warning("Tâche %s reprise : %s", record.pk, reason)
            count += 1
    return count


def _watch() -> None:
    interval = settings.PTCE_JOB_LEASE_SECONDS / 4
    while True:
        try:
            leases_renew()
            orphans_requeue()
        except Exception:  # the database or the queue is away: the next round tries again
            logger.exception("Bail des tâches : tour manqué.")
        finally:
            connection.close()  # this thread's own connection
        time.sleep(interval)


@HUEY.on_startup()
def watchdog_start() -> None:
    """Called by each worker of a consumer as it starts: one watchdog per process."""
    with _lock:
        if os.getpid() in _watched:
            return
        _watched.add(os.getpid())
    threading.Thread(target=_watch, name="ptce-job-leases", daemon=True).start()


@HUEY.signal(signals.SIGNAL_INTERRUPTED)
def _handed_back(signal, task, *args, **kwargs) -> None:
    """The consumer is stopping (SIGTERM) in the middle of `task`: back to the queue now."""
    if not HUEY.immediate:
        HUEY.enqueue(task)  # its record is pending again (ptce.core.jobs._record)
