"""The directory at scale (issue #18): member counts for the page shown only, the paginator's
count without the memberships."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ptce.poles.models import Membership
from tests.poles.factories import MembershipFactory, PoleFactory

pytestmark = pytest.mark.django_db


def test_the_directory_counts_current_members_only_once_each(client):
    pole = PoleFactory(name="Alpha")
    MembershipFactory.create_batch(3, pole=pole)
    MembershipFactory(pole=pole, left_on=datetime.date(2024, 1, 1))
    pole.sectors.set(["mobilite", "energie"])
    PoleFactory(name="Bêta")

    response = client.get(reverse("poles:directory"), {"filiere": "mobilite"})

    assert [(p.name, p.member_count) for p in response.context["page"]] == [("Alpha", 3)]


def test_the_directory_page_count_does_not_read_the_memberships(client):
    for _ in range(3):
        MembershipFactory.create_batch(2, pole=PoleFactory())

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("poles:directory"))

    table = Membership._meta.db_table
    counts = [q["sql"] for q in queries if "COUNT(*)" in q["sql"] and '"poles_pole"' in q["sql"]]
    assert counts, "the paginator counts the poles"
    assert all(table not in sql for sql in counts)
    listing = [q["sql"] for q in queries if "LIMIT" in q["sql"] and table in q["sql"]]
    # The outer query is not grouped: the count is a subquery per row of the page.
    assert listing
    assert "GROUP BY" not in listing[0].rsplit(' FROM "poles_pole"', 1)[1]
