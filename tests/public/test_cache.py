"""`ptce.public.cache`: values cached per data version, and the moment the data last changed
(the `Last-Modified` of public responses)."""

from datetime import UTC, datetime

import pytest
from freezegun import freeze_time

from ptce.public.cache import cached, data_changed_at, data_version
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import PlaceFactory, PoleFactory


def test_a_cached_value_is_computed_once_per_data_version(db):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cached("essai", compute, "a") == 1
    assert cached("essai", compute, "a") == 1
    assert cached("essai", compute, "b") == 2
    PoleFactory()
    assert cached("essai", compute, "a") == 3


@pytest.mark.parametrize(
    "change",
    [
        lambda pole: PoleFactory(),
        lambda pole: PlaceFactory(pole=pole),
        lambda pole: pole.delete(),
        lambda pole: OrganisationFactory(),
        lambda pole: pole.sectors.clear(),
    ],
    ids=["pole created", "place added", "pole deleted", "organisation created", "m2m changed"],
)
def test_every_watched_change_moves_the_version_and_the_change_time(pole, change):
    version = data_version()
    with freeze_time("2030-01-05 09:30:00.700"):
        change(pole)

    assert data_version() > version
    assert data_changed_at() == datetime(2030, 1, 5, 9, 30, tzinfo=UTC)


def test_the_change_time_is_now_to_the_second_when_unknown(db):
    with freeze_time("2026-01-05 08:00:00.900"):
        changed_at = data_changed_at()

    assert changed_at.isoformat() == "2026-01-05T08:00:00+00:00"
    with freeze_time("2026-01-06"):
        assert data_changed_at() == changed_at
