"""Plausible dates in forms and in the database (issue « Nothing lost »: years 1 and 9999 passed
on charter, membership, action, deadline and meeting dates)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from ptce.core.plausible import plausible_date, plausible_phone
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
        lambda: CooperationActionFactory(activities_created=2**31 - 1),
    ],
    ids=["charter", "membership", "action", "deadline", "activities"],
)
def test_the_database_refuses_an_implausible_value_whatever_the_path(make):
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


@pytest.mark.parametrize("phone", ["abc<>!!", "12"])
def test_an_impossible_phone_is_refused_in_french(phone):
    with pytest.raises(ValidationError, match="Indiquez un numéro de téléphone"):
        plausible_phone(phone)


@pytest.mark.parametrize("phone", ["05 61 00 00 00", "+32 2 000 00 00", "06.12.34.56.78"])
def test_french_and_international_phones_are_accepted(phone):
    plausible_phone(phone)


@pytest.mark.django_db
def test_the_profile_form_refuses_an_impossible_phone_and_writes_nothing(
    client_as, pole, coordinator
):
    """Issue « Nothing lost »: the phone « abc<>!! » was accepted."""
    response = client_as("coordinator").post(
        reverse("poles:edit", args=[pole.slug]),
        {"name": pole.name, "form": "grappe", "stage": "1", "contact_phone": "abc<>!!"},
    )
    assert response.status_code == 200
    assert "Indiquez un numéro de téléphone" in response.content.decode()
    pole.refresh_from_db()
    assert pole.contact_phone == ""
