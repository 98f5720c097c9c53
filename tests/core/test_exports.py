"""The one export writer: formulas neutralised, CSV streamed in two flavours, XLSX write-only."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.http import StreamingHttpResponse
from openpyxl import load_workbook

from ptce.core.exports import (
    Sheet,
    csv_lines,
    csv_response,
    csv_text,
    neutralise_formula,
    safe_cell,
    xlsx_bytes,
    xlsx_response,
)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_like_a_formula_gets_an_apostrophe(start):
    assert neutralise_formula(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("text", ["", "Pôle des Coteaux", "'=déjà neutralisé", "a=b", " =1"])
def test_other_text_is_left_alone(text):
    assert neutralise_formula(text) == text


@pytest.mark.parametrize(
    "value", [-3, 2.5, -0.5, Decimal("-12.30"), None, True, datetime.date(2024, 5, 1)]
)
def test_numbers_dates_and_empty_cells_are_left_alone(value):
    assert safe_cell(value) is value


def test_csv_streams_one_line_per_row_reading_the_rows_lazily():
    read = []

    def rows():
        for index in range(3):
            read.append(index)
            yield [index, f"=ligne {index}"]

    lines = csv_lines(["n", "texte"], rows())
    assert next(lines) == "\ufeffn;texte\r\n"
    assert read == []
    assert next(lines) == "0;'=ligne 0\r\n"
    assert read == [0]
    assert list(lines) == ["1;'=ligne 1\r\n", "2;'=ligne 2\r\n"]


def test_the_excel_flavour_has_a_bom_and_semicolons_the_standard_one_neither():
    excel = csv_text(["a", "b"], [["x;y", None]])
    standard = csv_text(["a", "b"], [["x,y", None]], excel=False)
    assert excel == '\ufeffa;b\r\n"x;y";\r\n'
    assert standard == 'a,b\r\n"x,y",\r\n'
    assert "\ufeff" not in standard


def test_the_csv_response_streams_an_attachment():
    response = csv_response("liste-été.csv", ["Nom"], [["@SOMME(A1)"], [-4]])
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''liste-")
    text = response.getvalue().decode("utf-8")
    assert list(csv.reader(io.StringIO(text[1:]), delimiter=";")) == [
        ["Nom"],
        ["'@SOMME(A1)"],
        ["-4"],
    ]


def test_the_xlsx_has_a_bold_frozen_header_and_neutralised_text_never_a_formula():
    content = xlsx_bytes(
        [
            Sheet("Feuille", ["Nom", "Montant", "Date"], [["=1+1", -5, datetime.date(2024, 5, 1)]]),
            Sheet("Deuxième", ["Titre"], [["+33 6 00"]], widths=[40], wrap=[0]),
        ]
    )
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Feuille", "Deuxième"]
    sheet = workbook["Feuille"]
    assert [cell.font.bold for cell in sheet[1]] == [True, True, True]
    assert sheet.freeze_panes == "A2"
    name, amount, day = sheet[2]
    assert name.data_type != "f"
    assert name.value == "'=1+1"
    assert amount.value == -5
    assert day.value == datetime.datetime(2024, 5, 1)
    second = workbook["Deuxième"]
    assert second["A2"].value == "'+33 6 00"
    assert second["A2"].alignment.wrap_text
    assert second["A1"].font.bold
    assert not second["A1"].alignment.wrap_text
    assert second.column_dimensions["A"].width == 40


def test_xlsx_number_formats_and_wrapped_header():
    sheet = Sheet(
        "Plan",
        ["Début"],
        [[datetime.date(2024, 5, 1)]],
        formats={0: "DD/MM/YYYY"},
        wrap_header=True,
    )
    loaded = load_workbook(io.BytesIO(xlsx_bytes([sheet])))["Plan"]
    assert loaded["A1"].alignment.wrap_text
    assert loaded["A2"].number_format == "DD/MM/YYYY"


def test_the_xlsx_response_is_an_attachment_of_the_right_type():
    response = xlsx_response("plan.xlsx", [Sheet("Plan", ["A"], [])])
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="plan.xlsx"'
    assert load_workbook(io.BytesIO(response.content))["Plan"]["A1"].value == "A"
