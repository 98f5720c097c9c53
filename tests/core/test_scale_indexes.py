"""Where lists sort and filter at ten times France (issue #18): indexed, or sorted by key."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ptce.cooperation.models import Meeting
from ptce.organisations.models import Organisation
from tests.cooperation.factories import MeetingFactory
from tests.poles.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def indexed_columns(model) -> list[list[str]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return [c["columns"] for c in found.values() if c["index"] and not c["unique"]]


def test_meetings_are_indexed_by_date_alone_and_by_pole_then_date():
    assert ["starts_at"] in indexed_columns(Meeting)
    assert ["pole_id", "starts_at"] in indexed_columns(Meeting)


def test_organisations_are_indexed_by_name():
    assert ["name"] in indexed_columns(Organisation)


def test_the_admin_membership_list_sorts_by_key_not_through_the_organisations(admin_client):
    MembershipFactory.create_batch(3)

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(reverse("admin:poles_membership_changelist"))

    assert response.status_code == 200
    listing = [
        q["sql"]
        for q in queries
        if 'FROM "poles_membership"' in q["sql"] and "ORDER BY" in q["sql"]
    ]
    assert listing
    assert 'ORDER BY "poles_membership"."id" DESC' in listing[-1]


@pytest.mark.parametrize(
    ("changelist", "table", "make"),
    [
        ("admin:poles_membership_changelist", "poles_membership", MembershipFactory.create_batch),
        (
            "admin:cooperation_meeting_changelist",
            "cooperation_meeting",
            MeetingFactory.create_batch,
        ),
    ],
)
def test_the_big_admin_lists_count_their_rows_once(admin_client, changelist, table, make):
    # Django's admin counts the whole table a second time for « N au total »: 99,000 meetings.
    make(3)

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(reverse(changelist))

    assert response.status_code == 200
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"] and f'"{table}"' in q["sql"]]
    assert len(counts) == 1, counts
