"""/donnees/subventions.csv: the SCDL Subventions format, valid against its committed Table
Schema (frictionless), one row per agreement signed or later, no personal data."""

import csv
import datetime
import io
import json
from decimal import Decimal

import frictionless
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ptce.awards import opendata, services
from tests.awards.factories import (
    draft_agreement,
    paid,
    running_agreement,
    schedule,
    signed_agreement,
)
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db

SCDL_COLUMNS = [
    "nomAttribuant",
    "idAttribuant",
    "dateConvention",
    "referenceDecision",
    "nomBeneficiaire",
    "idBeneficiaire",
    "objet",
    "montant",
    "nature",
    "conditionsVersement",
    "datesPeriodeVersement",
    "idRAE",
    "notificationUE",
    "pourcentageSubvention",
]


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_columns_are_the_scdl_ones_in_their_order_then_the_paid_amount():
    assert opendata.field_names() == [*SCDL_COLUMNS, "montantVerse"]


def test_the_csv_is_valid_against_its_schema_and_has_no_personal_data(
    client, pole, coordinator, instructor, tmp_path
):
    running = running_agreement(
        pole, by=instructor, signatories="Camille Martin, présidente", decision_reference="2025-7"
    )
    first, second = schedule(
        running, (60000, datetime.date(2025, 3, 1)), (40000, datetime.date(2026, 3, 1))
    )
    paid(first)
    signed_agreement(PoleFactory(), amount=None, services="Deux journées d’accompagnement")
    draft_agreement(PoleFactory())

    response = client.get(reverse("awards:subventions_csv"))

    body = b"".join(response.streaming_content)
    (tmp_path / "subventions.csv").write_bytes(body)
    schema = frictionless.Schema.from_descriptor(
        json.loads(client.get(reverse("awards:subventions_schema")).content)
    )
    report = frictionless.Resource(
        path="subventions.csv", basepath=str(tmp_path), schema=schema
    ).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    lines = list(csv.DictReader(io.StringIO(body.decode())))
    assert len(lines) == 2  # the draft is not public
    grant = next(line for line in lines if line["nature"] == "aide en numéraire")
    assert grant["montant"] == "100000.00"
    assert grant["conditionsVersement"] == "échelonné"
    assert grant["datesPeriodeVersement"] == "2025-03-01/2026-03-01"
    assert grant["referenceDecision"] == "2025-7"
    assert grant["montantVerse"] == "60000.00"
    text = body.decode()
    for personal in ("Camille Martin", coordinator.email, instructor.email, "@"):
        assert personal not in text


def test_a_suspended_agreement_stays_in_the_open_data(client, pole, instructor):
    agreement = running_agreement(pole, by=instructor)
    services.agreement_move(agreement=agreement, name="suspend", by=instructor, reason="Audit")

    response = client.get(reverse("awards:subventions_csv"))

    assert len(rows(response)) == 1


def test_the_csv_costs_a_fixed_number_of_queries(client, django_assert_num_queries):
    agreement = running_agreement(PoleFactory())
    schedule(agreement, (1000, datetime.date(2025, 3, 1)))
    with CaptureQueriesContext(connection) as one:
        rows(client.get(reverse("awards:subventions_csv")))
    for _ in range(3):
        other = running_agreement(PoleFactory(), amount=Decimal("50000"))
        schedule(other, (1000, datetime.date(2025, 3, 1)), (2000, datetime.date(2025, 9, 1)))

    with django_assert_num_queries(len(one.captured_queries)):
        assert len(rows(client.get(reverse("awards:subventions_csv")))) == 4


def test_the_open_data_page_links_the_subsidies(client):
    page = client.get(reverse("public:data"))

    assert reverse("awards:subventions_csv") in page.content.decode()
    assert reverse("awards:subventions_schema") in page.content.decode()


def test_the_schema_is_a_valid_table_schema_and_the_documented_one():
    report = frictionless.validate(opendata.schema(), type="schema")
    assert report.valid, report.flatten(["type", "note"])
    documented = opendata.SCHEMA_PATH.parents[3] / "docs" / "opendata" / "schemas"
    assert (documented / "subventions.json").read_text() == opendata.SCHEMA_PATH.read_text()


def test_the_360giving_json_has_the_grants_with_what_was_paid(
    client, pole, instructor, django_assert_num_queries
):
    agreement = running_agreement(pole, by=instructor, signatories="Camille Martin")
    first, _ = schedule(
        agreement, (60000, datetime.date(2025, 3, 1)), (40000, datetime.date(2026, 3, 1))
    )
    paid(first, amount=Decimal("59000"))
    draft_agreement(PoleFactory())
    running_agreement(PoleFactory())

    with CaptureQueriesContext(connection) as two:
        response = client.get(reverse("awards:subventions_json"))
    for _ in range(2):
        schedule(running_agreement(PoleFactory()), (1000, datetime.date(2025, 3, 1)))
    with django_assert_num_queries(len(two.captured_queries)):
        assert len(client.get(reverse("awards:subventions_json")).json()["grants"]) == 4

    grants = response.json()["grants"]
    assert len(grants) == 2
    grant = next(g for g in grants if g["id"] == f"360G-ptce-convention-{agreement.pk}")
    assert grant["amountAwarded"] == 100000
    assert grant["amountDisbursed"] == 59000
    assert grant["currency"] == "EUR"
    assert grant["awardDate"] == "2025-01-01"
    assert grant["recipientOrganization"][0]["id"] == f"FR-SIRET-{agreement.beneficiary_siret}"
    assert grant["plannedDates"][0]["duration"] == 24
    assert "Camille" not in response.content.decode()
