"""Dates the French way: « 1er mars 2022 », « 2 mars 2022 » (the first of the month is an
ordinal in French: « 1 mars » is a mistake). `jour` is the one place; templates use the `|jour`
filter (`{% load dates %}`)."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format


def jour(value) -> str:
    """« 1er mars 2022 »; a datetime is read in the local time zone; "" for no date."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    text = date_format(value, "j F Y")
    return "1er" + text[1:] if value.day == 1 else text
