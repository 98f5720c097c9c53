"""« 1er mars 2022 »: the first of the month is an ordinal in French."""

import datetime

from django.template import Context, Template

from ptce.core.dates import jour


def test_the_first_of_the_month_reads_1er():
    assert jour(datetime.date(2022, 3, 1)) == "1er mars 2022"


def test_other_days_read_as_numbers():
    assert jour(datetime.date(2022, 3, 2)) == "2 mars 2022"
    assert jour(datetime.date(2022, 3, 11)) == "11 mars 2022"


def test_no_date_reads_nothing():
    assert jour(None) == ""


def test_the_template_filter_says_the_same():
    html = Template("{% load dates %}{{ day|jour }}").render(
        Context({"day": datetime.date(2022, 3, 1)})
    )
    assert html == "1er mars 2022"
