import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from ptce.awards import selectors, services, services_schedule
from ptce.awards.models import Agreement
from tests.awards.factories import paid, running_agreement, schedule, signed_agreement
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db


def _detail(agreement):
    return selectors.agreement_detail(agreement.pk)


def test_totals_give_granted_scheduled_paid_and_remaining(pole, instructor):
    agreement = running_agreement(pole, by=instructor, amount=Decimal("100000"))
    first, _ = schedule(
        agreement, (40000, datetime.date(2025, 2, 1)), (50000, datetime.date(2026, 2, 1))
    )
    paid(first, amount=Decimal("35000"))

    totals = selectors.totals(_detail(agreement))

    assert totals.granted == Decimal("100000")
    assert totals.scheduled == Decimal("90000")
    assert totals.paid == Decimal("35000")
    assert totals.remaining == Decimal("65000")
    assert totals.unscheduled == Decimal("10000")


def test_a_due_instalment_whose_condition_is_not_met_raises_the_alert(pole, instructor):
    agreement = running_agreement(pole, by=instructor)
    (instalment,) = schedule(
        agreement, (30000, datetime.date(2025, 9, 1)), condition="rapport intermédiaire reçu"
    )

    with freeze_time("2025-08-31"):
        assert selectors.unmet_due_instalments(_detail(agreement)) == []
    with freeze_time("2025-09-02"):
        assert selectors.unmet_due_instalments(_detail(agreement)) == [instalment]
    services_schedule.instalment_condition_set(instalment=instalment, met=True)
    with freeze_time("2025-09-02"):
        assert selectors.unmet_due_instalments(_detail(agreement)) == []


def test_fewer_than_two_committees_in_a_year_of_the_agreement_raises_the_alert(pole, instructor):
    agreement = running_agreement(pole, by=instructor, start=datetime.date(2025, 1, 1))
    services_schedule.committee_record(agreement=agreement, date=datetime.date(2025, 3, 1))

    with freeze_time("2025-02-01"):
        first_year = selectors.committee_gaps(_detail(agreement))
    with freeze_time("2026-01-02"):
        second_year = selectors.committee_gaps(_detail(agreement))

    assert [(g.start, g.count, g.needed) for g in first_year] == [(datetime.date(2025, 1, 1), 1, 2)]
    assert [(g.start, g.count, g.needed) for g in second_year] == [
        (datetime.date(2025, 1, 1), 1, 2),
        (datetime.date(2026, 1, 1), 0, 2),
    ]


def test_two_committees_held_or_planned_each_year_clear_the_alert(pole, instructor):
    agreement = running_agreement(pole, by=instructor, start=datetime.date(2025, 1, 1))
    for day in ("2025-03-01", "2025-10-01", "2026-03-01", "2026-11-30"):
        services_schedule.committee_record(
            agreement=agreement, date=datetime.date.fromisoformat(day)
        )

    with freeze_time("2026-12-01"):
        assert selectors.committee_gaps(_detail(agreement)) == []


def test_a_draft_or_closed_agreement_has_no_committee_alert(pole, instructor):
    agreement = running_agreement(pole, by=instructor)
    services.agreement_move(agreement=agreement, name="close", by=instructor)

    assert selectors.committee_gaps(_detail(agreement)) == []


def test_the_instructor_follows_the_agreements_of_their_region_only(
    pole, other_pole, instructor, other_instructor, national_instructor, coordinator
):
    ours = signed_agreement(pole)
    theirs = signed_agreement(other_pole)

    assert list(selectors.follow_up_scope(instructor)) == [ours]
    assert list(selectors.follow_up_scope(other_instructor)) == [theirs]
    assert set(selectors.follow_up_scope(national_instructor)) == {ours, theirs}
    assert not selectors.follow_up_scope(coordinator).exists()


def test_money_per_region_and_per_call(pole, other_pole, instructor):
    ours = running_agreement(pole, amount=Decimal("100000"))
    running_agreement(other_pole, amount=Decimal("50000"))
    (instalment,) = schedule(ours, (40000, datetime.date(2025, 3, 1)))
    paid(instalment)

    by_region = selectors.money_by(Agreement.objects.all(), "application__region__name")

    assert {(r["name"], r["granted"], r["paid"], r["remaining"]) for r in by_region} == {
        (pole.region.name, Decimal("100000"), Decimal("40000"), Decimal("60000")),
        (other_pole.region.name, Decimal("50000"), Decimal("0"), Decimal("50000")),
    }
    by_call = selectors.money_by(Agreement.objects.all(), "application__phase__call__name")
    assert sum(r["granted"] for r in by_call) == Decimal("150000")


def test_the_list_costs_the_same_queries_whatever_its_length(region, instructor):
    def count():
        with CaptureQueriesContext(connection) as context:
            selectors.follow_up_rows(selectors.follow_up_scope(instructor))
        return len(context.captured_queries)

    agreement = running_agreement(PoleFactory(region=region))
    schedule(agreement, (1000, datetime.date(2025, 3, 1)))
    count()  # the instructor's régions, read once
    one = count()
    for _ in range(3):
        other = running_agreement(PoleFactory(region=region))
        schedule(other, (1000, datetime.date(2025, 3, 1)), (2000, datetime.date(2025, 9, 1)))
    assert count() == one
