"""The worker, driven by the test: jobs wait in an in-memory queue until the test runs them,
as `manage.py run_huey` would (the `job_queue` fixture of tests/conftest.py)."""

import datetime

from huey.contrib import djhuey
from huey.storage import MemoryStorage


class Worker:
    def __init__(self, huey):
        self.huey = huey

    def pending(self) -> list:
        return self.huey.pending()

    def scheduled(self) -> list:
        return self.huey.scheduled()

    def run(self) -> int:
        """Run the jobs waiting in the queue (not the retries scheduled for later)."""
        count = 0
        while (task := self.huey.dequeue()) is not None:
            self.huey.execute(task)
            count += 1
        return count

    def run_scheduled(self) -> int:
        """Run once every job scheduled for later (the retries), whatever its delay."""
        later = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
        later += datetime.timedelta(days=365)
        tasks = self.huey.read_schedule(later)
        for task in tasks:
            self.huey.execute(task, later)
        return len(tasks)

    def run_until_empty(self) -> None:
        """Run every job and every retry, as a worker would over as long as it takes."""
        self.run()
        while self.run_scheduled():
            self.run()


def queued(monkeypatch) -> Worker:
    huey = djhuey.HUEY
    monkeypatch.setattr(huey, "_immediate", False)
    monkeypatch.setattr(huey, "storage", MemoryStorage(huey.name))
    # The worker closes stale connections around each job; in a test, the test's transaction
    # must stay open.
    monkeypatch.setattr(djhuey, "close_old_connections", lambda: None)
    return Worker(huey)


def relaunch_from_admin(admin_client, record, capture):
    """The admin's « relancer » action on one job record (enqueued once the request commits)."""
    with capture(execute=True):
        return admin_client.post(
            "/admin/core/jobrecord/",
            {"action": "relaunch", "_selected_action": [record.pk]},
            follow=True,
        )
