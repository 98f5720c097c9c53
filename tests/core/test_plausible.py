"""Plausible dates in forms and in the database (issue « Nothing lost »: years 1 and 9999 passed
on charter, membership, action, deadline and meeting dates)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ptce.core.plausible import plausible_date
from ptce.organisations.models import Organisation
from tests.assessments.factories import EvaluationFactory
from tests.cooperation.factories import CooperationActionFactory
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory, PoleFactory


@pytest.mark.parametrize("value", [datetime.date(1, 1, 1), datetime.date(9999, 12, 31)])
def test_dates_outside_1900_2100_are_refused_in_french(value):
    with pytest.raises(ValidationError, match="entre 1900 et 2100"):
        plausible_date(value)


@pytest.mark.parametrize("value", [datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)])
def test_the_bounds_are_accepted(value):
    plausible_date(value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make",
    [
        lambda: PoleFactory(charter_signed_on=datetime.date(9999, 1, 1)),
        lambda: MembershipFactory(joined_on=datetime.date(1, 1, 1)),
        lambda: CooperationActionFactory(start_date=datetime.date(9999, 1, 1)),
        lambda: EvaluationFactory(deadline=datetime.date(1, 1, 1)),
    ],
    ids=["charter", "membership", "action", "deadline"],
)
def test_the_database_refuses_an_implausible_date_whatever_the_path(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["ﬃ" * 200, "Œ" * 200])
def test_a_200_character_name_that_expands_is_saved_and_saved_again(name):
    """Issue « Nothing lost »: the derived search column overflowed (500 on PostgreSQL, a record
    that could never be saved again on SQLite)."""
    pole = PoleFactory(name=name)
    organisation = OrganisationFactory(name=name)
    pole.summary = "Encore."
    pole.save()
    organisation.save()
    pole.refresh_from_db()
    assert pole.name == name
    assert len(pole.search_name) == 200
    assert Organisation.objects.get(pk=organisation.pk).name == name
