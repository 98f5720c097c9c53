"""Two instructors at once (PostgreSQL): one agreement per application, one move per state,
never more scheduled than granted."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ptce.awards import services, services_schedule
from ptce.awards.models import Agreement, AgreementState
from tests.awards.factories import laureate, running_agreement
from tests.races import ON_POSTGRESQL, run_at_once

pytestmark = [ON_POSTGRESQL, pytest.mark.django_db(transaction=True)]


def test_two_creations_at_once_give_one_agreement(pole, instructor, national_instructor):
    application = laureate(pole)

    outcomes = run_at_once(
        lambda: services.agreement_create(application=application, by=instructor),
        lambda: services.agreement_create(application=application, by=national_instructor),
    )

    assert outcomes == [None, None]
    assert Agreement.objects.filter(application=application).count() == 1


def test_two_suspensions_at_once_make_one_move(pole, instructor, national_instructor):
    agreement = running_agreement(pole)

    outcomes = run_at_once(
        lambda: services.agreement_move(
            agreement=agreement, name="suspend", by=instructor, reason="A"
        ),
        lambda: services.agreement_move(
            agreement=agreement, name="suspend", by=national_instructor, reason="B"
        ),
    )

    assert sorted(type(o).__name__ for o in outcomes) == ["NoneType", "ValidationError"]
    agreement.refresh_from_db()
    assert agreement.state == AgreementState.SUSPENDED
    assert agreement.transitions.filter(to_state="suspendue").count() == 1


def test_two_instalments_at_once_never_exceed_the_grant(pole):
    agreement = running_agreement(pole, amount=Decimal("100000"))

    def add():
        services_schedule.instalment_schedule(
            agreement=agreement, amount=Decimal("60000"), due_date=datetime.date(2025, 6, 1)
        )

    outcomes = run_at_once(add, add)

    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1
    assert agreement.instalments.count() == 1
