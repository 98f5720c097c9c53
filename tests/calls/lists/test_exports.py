"""CSV and XLSX exports: exactly the filtered list (all pages), the chosen columns, the scope."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook

from ptce.calls.lists.exports import COLUMNS, DEFAULT_COLUMNS
from tests.calls.factories import PhaseFactory
from tests.calls.factories.lists import INSTRUCTION_ONLY, at, filed
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db
LIST = reverse("calls:instruction_list")
CSV = reverse("calls:export_csv")
XLSX = reverse("calls:export_xlsx")


@pytest.fixture
def phase():
    return PhaseFactory(call__name="AMI PTCE 2022", call__slug="ami-2022")


@pytest.fixture
def applications(phase, pole, other_pole, region):
    filed(phase, pole=pole, submitted=at(2022, 3, 1))
    filed(phase, pole=other_pole, submitted=at(2022, 3, 2))
    for index in range(30):
        filed(phase, pole=PoleFactory(name=f"Pôle {index:02d}", region=region))
    late = filed(phase, pole=PoleFactory(name="=SOMME(A1:A9)", region=region))
    late.state = "en_instruction"
    late.save()


def csv_rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.getvalue().decode("utf-8")  # streamed
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell if cell is not None else "" for cell in row] for row in sheet.values]


def listed_numbers(client, query):
    """Application numbers of every page of the list with `query`."""
    numbers, page = [], 1
    while True:
        response = client.get(f"{LIST}?{query}&page={page}")
        numbers += [application.pk for application in response.context["rows"]]
        if not response.context["page"].has_next():
            return numbers
        page += 1


@pytest.mark.parametrize(
    "query",
    ["sort=pole", "state=en_instruction", "region=76&sort=recentes", "call=ami-2022&sort=note"],
)
def test_the_csv_export_is_exactly_the_filtered_list_on_all_pages(client_as, applications, query):
    client = client_as("national_instructor")
    rows = csv_rows(client.get(f"{CSV}?{query}"))
    assert rows[0] == [COLUMNS[key].label for key in DEFAULT_COLUMNS]
    assert [int(row[0]) for row in rows[1:]] == listed_numbers(client, query)


def test_the_xlsx_export_is_exactly_the_filtered_list(client_as, applications):
    client = client_as("national_instructor")
    query = "onglet=tous&region=76&sort=pole"
    rows = xlsx_rows(client.get(f"{XLSX}?{query}"))
    assert rows[0] == [COLUMNS[key].label for key in DEFAULT_COLUMNS]
    assert [row[0] for row in rows[1:]] == listed_numbers(client, query)
    assert len(rows) == 1 + 32


def test_an_instructor_exports_only_their_regions(client_as, applications):
    rows = csv_rows(client_as("other_instructor").get(CSV))
    assert [row[1] for row in rows[1:]] == ["Pôle de l’Armor"]


def test_the_chosen_columns_are_exported_in_their_order(client_as, applications):
    response = client_as("instructor").get(f"{CSV}?state=en_instruction&columns=etat&columns=pole")
    assert csv_rows(response) == [["Pôle", "État"], ["'=SOMME(A1:A9)", "En instruction"]]


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised(client_as, applications):
    response = client_as("instructor").get(f"{XLSX}?state=en_instruction&columns=pole")
    assert xlsx_rows(response) == [["Pôle"], ["'=SOMME(A1:A9)"]]


def test_an_unknown_column_is_refused_and_the_default_set_is_used(client_as, applications):
    rows = csv_rows(client_as("instructor").get(f"{CSV}?columns=mot_de_passe"))
    assert rows[0] == [COLUMNS[key].label for key in DEFAULT_COLUMNS]


def test_the_export_shows_age_and_overdue(client_as, phase, pole):
    filed(phase, pole=pole, submitted=at(2022, 3, 1))
    with freeze_time("2022-05-15 12:00"):
        rows = csv_rows(client_as("instructor").get(f"{CSV}?columns=age&columns=en_retard"))
    assert rows[1] == ["75", "oui"]


def test_the_list_page_offers_the_export_with_its_filters_and_default_columns(
    client_as, applications
):
    html = client_as("instructor").get(f"{LIST}?state=en_instruction").content.decode()
    assert '<input type="hidden" name="state" value="en_instruction">' in html
    assert f'formaction="{XLSX}"' in html
    assert 'name="columns" value="pole" checked' in html
    assert 'name="columns" value="montant">' in html


@pytest.mark.parametrize("url", [CSV, XLSX])
@pytest.mark.parametrize(("role", "status"), INSTRUCTION_ONLY)
def test_only_instructors_and_admins_export(client_as, pole, url, role, status):
    assert client_as(role).get(url).status_code == status


@pytest.mark.parametrize("url", [CSV, XLSX])
def test_an_anonymous_visitor_cannot_export(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("core:login") in response["Location"]


@pytest.mark.parametrize("url", [CSV, XLSX])
def test_an_export_makes_as_many_queries_for_two_or_twenty_applications(
    client_as, phase, region, instructor, django_assert_num_queries, url
):
    client = client_as("instructor")
    columns = "&".join(f"columns={key}" for key in COLUMNS)

    def add(count):
        for _ in range(count):
            application = filed(phase, pole=PoleFactory(region=region))
            application.assigned_to.add(instructor)

    add(2)
    with CaptureQueriesContext(connection) as two:
        client.get(f"{url}?{columns}").getvalue()  # a streamed body is read inside the count
    add(18)
    with django_assert_num_queries(len(two)):
        response = client.get(f"{url}?{columns}")
        response.getvalue()
    assert response.status_code == 200


@pytest.mark.parametrize("url", [CSV, XLSX])
@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_every_text_a_spreadsheet_would_run_is_neutralised(client_as, phase, region, url, start):
    filed(phase, pole=PoleFactory(name=f'{start}HYPERLINK("http://x")', region=region))
    response = client_as("instructor").get(f"{url}?columns=pole&columns=numero")
    rows = xlsx_rows(response) if url == XLSX else csv_rows(response)
    assert rows[0] == ["N°", "Pôle"]  # the columns' own order
    assert rows[1][1] == f'\'{start}HYPERLINK("http://x")'
    assert isinstance(rows[1][0], int) if url == XLSX else rows[1][0].isdigit()
    if url == XLSX:
        cell = load_workbook(io.BytesIO(response.content)).active["B2"]
        assert cell.data_type != "f"
