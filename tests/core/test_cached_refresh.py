"""`cached(…, refresh=…)`: once a costly value is computed, a change of its scopes is recomputed
by a job while readers get the last value; never so in immediate mode (development, tests)."""

import pytest
from django.core.cache import cache

from ptce.core.invalidation import cached, invalidate, refreshing

pytestmark = pytest.mark.django_db

SCOPE = "test-refresh"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


class Value:
    """A value computed from `source`, counting its computations and refresh requests."""

    def __init__(self):
        self.source, self.computed, self.refreshes = 1, 0, 0

    def compute(self):
        self.computed += 1
        return self.source

    def read(self):
        return cached("costly", self.compute, scopes=(SCOPE,), refresh=self.refresh)

    def refresh(self):
        self.refreshes += 1

    def change(self, source):
        self.source = source
        invalidate(SCOPE)


def test_in_immediate_mode_a_change_is_computed_by_the_reader():
    value = Value()
    assert value.read() == 1
    value.change(2)

    assert value.read() == 2
    assert (value.computed, value.refreshes) == (2, 0)


def test_with_a_worker_readers_get_the_last_value_and_one_job_is_asked_for(job_queue):
    value = Value()
    assert value.read() == 1  # never computed: the first reader computes it
    value.change(2)

    assert [value.read(), value.read()] == [1, 1]
    assert (value.computed, value.refreshes) == (1, 1)

    with refreshing():  # the job
        assert value.read() == 2
    assert value.read() == 2
    assert value.computed == 2


def test_a_job_that_finds_the_value_computed_still_frees_its_turn(job_queue):
    value = Value()
    value.read()
    value.change(2)
    value.read()  # asks for the job
    with refreshing():
        value.read()  # computes
    value.refreshes = 0
    with refreshing():
        value.read()  # a second job finds it computed: nothing to do, the turn is freed

    value.change(3)
    assert value.read() == 2
    assert value.refreshes == 1
