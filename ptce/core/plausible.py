"""Plausible values, in the forms and in the database alike: dates, phone numbers.

A date typed as year 1 or 9999 is refused with a French message by every form (the model
field's validator) and cannot be written by any other path (a `CheckConstraint`): PostgreSQL
would store year 1 as a BC timestamp it then cannot serialise, and every page reading it would
fail.
"""

import datetime

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

MIN_DATE = datetime.date(1900, 1, 1)
MAX_DATE = datetime.date(2100, 12, 31)
DATE_MESSAGE = "Indiquez une date entre 1900 et 2100."


def plausible_date(value) -> None:
    day = value.date() if isinstance(value, datetime.datetime) else value
    if day is not None and not MIN_DATE <= day <= MAX_DATE:
        raise ValidationError(DATE_MESSAGE, code="implausible_date")


def plausible_date_constraint(field: str, name: str) -> models.CheckConstraint:
    """The database side of `plausible_date` for a DateField (nullable or not)."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__range": (MIN_DATE, MAX_DATE)}),
        name=name,
    )


def plausible_datetime_constraint(field: str, name: str) -> models.CheckConstraint:
    """The database side of `plausible_date` for a DateTimeField."""
    low = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
    high = datetime.datetime(2101, 1, 1, tzinfo=datetime.UTC)
    within = Q(**{f"{field}__gte": low, f"{field}__lt": high})
    return models.CheckConstraint(condition=Q(**{f"{field}__isnull": True}) | within, name=name)


def within_years_of_today(value: datetime.datetime, years: int, message: str) -> None:
    """A meeting is planned or recorded within `years` of today, not in another century."""
    today = timezone.localdate()
    day = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if abs((day - today).days) > years * 366:
        raise ValidationError(message, code="implausible_date")


PHONE_MESSAGE = (
    "Indiquez un numéro de téléphone, français (05 61 00 00 00) ou international (+32 2 000 00 00)."
)


def plausible_phone(value: str) -> None:
    """A French or international phone number (phonenumbers' metadata, no network)."""
    if not value:
        return
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(PHONE_MESSAGE, code="phone") from error
    if not phonenumbers.is_possible_number(number) or not set(value) <= set("+0123456789 .-()"):
        raise ValidationError(PHONE_MESSAGE, code="phone")
