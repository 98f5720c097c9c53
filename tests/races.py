"""Race tests: real threads, each with its own database connection, released together.

SQLite serialises writers, so the races only exist on PostgreSQL (CI runs the suite on both):
mark such tests `@ON_POSTGRESQL` and `@pytest.mark.django_db(transaction=True)`."""

import threading

import pytest
from django.db import connection

ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers: these races need concurrent writers (PostgreSQL)",
)


def run_at_once(*jobs, timeout: float = 30) -> list:
    """Run each job in its own thread, all released by one barrier; what each raised (None
    when it succeeded). Bounded: a job still blocked after `timeout` fails the test."""
    barrier = threading.Barrier(len(jobs), timeout=timeout)
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # handed to the test, which asserts on it
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a job stayed blocked"
    return outcomes
