import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.awards.factories import paid, running_agreement, schedule
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db


def lines(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_the_export_lists_the_filtered_agreements_with_their_totals(
    client_as, region, other_region
):
    mine = running_agreement(PoleFactory(name="Pôle du Lauragais", region=region))
    first, _ = schedule(
        mine, (60000, datetime.date(2025, 3, 1)), (40000, datetime.date(2026, 3, 1))
    )
    paid(first)
    running_agreement(PoleFactory(name="Pôle breton", region=other_region))

    response = client_as("instructor").get(reverse("awards:list_export"), {"state": "en_cours"})

    rows = lines(response)
    assert response["Content-Disposition"].startswith("attachment")
    assert [row["Pôle"] for row in rows] == ["Pôle du Lauragais"]  # the other région's: not mine
    assert rows[0]["Accordé (€)"] == "100000.00"
    assert rows[0]["Versé (€)"] == "60000.00"
    assert rows[0]["Reste à verser (€)"] == "40000.00"
    assert rows[0]["Prochaine échéance"] == "2026-03-01"


def test_the_export_costs_a_fixed_number_of_queries(client_as, region, django_assert_num_queries):
    client = client_as("instructor")
    schedule(running_agreement(PoleFactory(region=region)), (1000, datetime.date(2025, 3, 1)))
    with CaptureQueriesContext(connection) as one:
        lines(client.get(reverse("awards:list_export")))
    for _ in range(3):
        schedule(running_agreement(PoleFactory(region=region)), (1000, datetime.date(2025, 3, 1)))

    with django_assert_num_queries(len(one.captured_queries)):
        assert len(lines(client.get(reverse("awards:list_export")))) == 4


def test_a_coordinator_may_not_export_the_follow_up(client_as):
    assert client_as("coordinator").get(reverse("awards:list_export")).status_code == 403
