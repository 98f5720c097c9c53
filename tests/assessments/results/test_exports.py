"""The exports read back right: CSV and XLSX rows, a real PDF in Marianne with the grid."""

import csv
import io
import re
import zlib

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import load_workbook
from weasyprint.formatting_structure.boxes import MarginBox, TextBox

from ptce.assessments.results import pdf
from ptce.assessments.results.exports import HEADER, export_filename
from ptce.assessments.results.selectors import blank_sheet, evaluation_results
from tests.assessments.factories import load_default_referentiel
from tests.assessments.results_data import add_action, validated_evaluation
from tests.poppler import pdftotext

pytestmark = pytest.mark.django_db

SHEETS = [
    dict.fromkeys("ABCDEFGHI", (5, "", ""))
    | {"A": (5, "Le tiers-lieu est connu", '=HYPERLINK("http://exemple.fr")')},
    dict.fromkeys("ABCDEFGHI", (3, "", "")) | {"B": (None, "Pas d’avis", "")},
    dict.fromkeys("ABCDEFGHI", (4, "", "")),
]


@pytest.fixture
def evaluation(pole):
    evaluation = validated_evaluation(pole, "54342343-", raters=SHEETS)
    add_action(evaluation, "E", "Écrire la feuille de route stratégique", who="Bureau")
    return evaluation


def download(client, name, evaluation):
    return client.get(reverse(f"assessments:{name}", args=[evaluation.pole.slug, evaluation.pk]))


def document_text(document) -> str:
    """The text WeasyPrint laid out, page after page, without the page footers, whitespace
    collapsed."""
    parts = [
        box.text
        for page in document.pages
        for area in page._page_box.children
        if not isinstance(area, MarginBox)
        for box in area.descendants()
        if isinstance(box, TextBox)
    ]
    return " ".join(" ".join(parts).split())


def pdf_font_names(data: bytes) -> set[str]:
    """Font names declared in a PDF, including those inside compressed object streams."""
    chunks = [data]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return {
        name.decode().split("+")[-1]
        for chunk in chunks
        for name in re.findall(rb"/BaseFont\s*/([\w+-]+)", chunk)
    }


def csv_rows(response):
    text = response.getvalue().decode("utf-8")  # streamed
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_the_csv_has_one_row_per_rater_and_criterion_then_the_agreed_score(client_as, evaluation):
    response = download(client_as("coordinator"), "results_csv", evaluation)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert rows[0] == HEADER
    assert len(rows) == 1 + 9 * 3 + 9
    a_rows = [row for row in rows[1:] if row[3] == "A"]
    assert [(row[5], row[6], row[7]) for row in a_rows] == [
        ("Évaluateur", "Camille Évaluatrice 1", "5"),
        ("Évaluateur", "Camille Évaluatrice 2", "3"),
        ("Évaluateur", "Camille Évaluatrice 3", "4"),
        ("Note retenue", "", "5"),
    ]
    assert a_rows[-1][11] == "Accord trouvé sur A."
    assert a_rows[0][:5] == [
        "Pôle des Coteaux",
        evaluation.title,
        "ecarts-generique",
        "A",
        "Le PTCE dispose d'un lieu identifié et accessible ou de plusieurs lieux",
    ]
    no_opinion = next(row for row in rows if row[3] == "B" and row[6].endswith("2"))
    assert (no_opinion[7], no_opinion[8], no_opinion[9]) == ("", "oui", "Pas d’avis")
    i_agreed = next(row for row in rows if row[3] == "I" and row[5] == "Note retenue")
    assert i_agreed[7] == ""


def test_exports_number_the_raters_for_members(client_as, evaluation):
    rows = csv_rows(download(client_as("member"), "results_csv", evaluation))
    assert {row[6] for row in rows[1:]} == {"Évaluateur 1", "Évaluateur 2", "Évaluateur 3", ""}
    workbook = load_workbook(
        io.BytesIO(download(client_as("member"), "results_xlsx", evaluation).content)
    )
    assert "Camille" not in repr(list(workbook["Notes"].iter_rows(values_only=True)))


def test_spreadsheet_formulas_in_answers_are_neutralised(client_as, evaluation):
    rows = csv_rows(download(client_as("coordinator"), "results_csv", evaluation))
    assert rows[1][10] == '\'=HYPERLINK("http://exemple.fr")'
    workbook = load_workbook(
        io.BytesIO(download(client_as("coordinator"), "results_xlsx", evaluation).content)
    )
    cell = workbook["Notes"]["K2"]
    assert cell.data_type == "s"
    assert cell.value == '\'=HYPERLINK("http://exemple.fr")'


def test_the_xlsx_has_the_same_rows_with_numbers_as_numbers(client_as, evaluation):
    response = download(client_as("coordinator"), "results_xlsx", evaluation)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content))["Notes"].iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert len(rows) == 1 + 9 * 3 + 9
    assert rows[1][3:8] == ("A", rows[1][4], "Évaluateur", "Camille Évaluatrice 1", 5)
    assert rows[4][5:8] == ("Note retenue", None, 5)


@pytest.mark.parametrize(("view", "extension"), [("results_csv", "csv"), ("results_xlsx", "xlsx")])
def test_exports_are_attachments_named_after_the_pole_and_the_date(
    client_as, evaluation, view, extension
):
    response = download(client_as("member"), view, evaluation)
    day = evaluation.validated_at.astimezone().date().isoformat()
    expected = f"ecarts-pole-des-coteaux-{day}.{extension}"
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
    results = evaluation_results(evaluation, show_names=False)
    assert export_filename(results, extension) == expected


def test_the_report_is_a_pdf_in_marianne_with_the_pole_and_the_nine_criteria(evaluation):
    results = evaluation_results(evaluation, show_names=False)
    document = pdf.pdf_document("assessments/results/pdf/report.html", pdf.report_context(results))
    text = document_text(document)
    assert "Pôle des Coteaux" in text
    for criterion in evaluation.referentiel.criteria.all():
        assert f"{criterion.letter}. {criterion.statement}" in text
    assert "Le tiers-lieu est connu" in text
    assert "Écrire la feuille de route stratégique" in text
    assert "Le pôle est bien ancré ; la stratégie reste à piloter." in text
    assert "ECARTS — référentiel générique" in text
    assert "Camille" not in text
    data = document.write_pdf()
    assert data.startswith(b"%PDF-")
    assert {name for name in pdf_font_names(data) if name.startswith("Marianne")}
    assert not {name for name in pdf_font_names(data) if not name.startswith("Marianne")}


def test_the_pdf_download_is_an_attachment(client_as, evaluation):
    response = download(client_as("coordinator"), "results_pdf", evaluation)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="ecarts-pole-des-')
    assert response.content.startswith(b"%PDF-")


def test_the_downloaded_pdf_text_has_the_pole_and_the_nine_criteria(client_as, evaluation):
    response = download(client_as("coordinator"), "results_pdf", evaluation)
    text = " ".join(pdftotext(response.content).split())
    assert "Pôle des Coteaux" in text
    for criterion in evaluation.referentiel.criteria.all():
        assert f"{criterion.letter}. {criterion.statement}" in text


def test_the_blank_sheet_has_every_criterion_its_boxes_and_the_lexicon(client):
    referentiel = load_default_referentiel()
    criteria, levels = blank_sheet(referentiel)
    context = pdf.blank_sheet_context(referentiel, criteria, levels)
    text = document_text(pdf.pdf_document("assessments/results/pdf/blank_sheet.html", context))
    for criterion in criteria:
        assert f"{criterion.letter}. {criterion.statement}" in text
        assert criterion.guiding_questions[0] in text
    assert text.count("Piste d’amélioration") == 9
    assert text.count("NSP") >= 9
    assert f"{levels[-1].label} — {levels[-1].description}" in text
    assert "Lexique (extrait" in text
    for term in context["terms"]:
        assert f"{term.term} {term.definition}" in text
    response = client.get(reverse("assessments:blank_sheet_pdf", args=[referentiel.code]))
    assert response["Content-Disposition"] == (
        'attachment; filename="feuille-observation-ecarts-generique.pdf"'
    )
    assert "A. Le PTCE dispose d" in pdftotext(response.content)


def test_the_blank_sheet_is_laid_out_once_per_content(client, monkeypatch):
    referentiel = load_default_referentiel()
    url = reverse("assessments:blank_sheet_pdf", args=[referentiel.code])
    first = client.get(url).content
    layouts = []
    render = pdf._html_document
    monkeypatch.setattr(pdf, "_html_document", lambda html: layouts.append(html) or render(html))

    assert client.get(url).content == first
    assert layouts == []

    criterion = referentiel.criteria.get(letter="A")
    criterion.statement = "Un énoncé revu"
    criterion.save()
    assert "A. Un énoncé revu" in pdftotext(client.get(url).content)
    assert len(layouts) == 1


@pytest.mark.parametrize(
    "url",
    [
        "http://exemple.fr/image.png",
        "https://exemple.fr/style.css",
        "file:///etc/passwd",
    ],
)
def test_the_pdf_renderer_never_reaches_the_network_nor_other_files(url, tmp_path):
    fetcher = pdf.LocalFilesFetcher([tmp_path])
    with pytest.raises(ValueError, match="refusée|hors des dossiers"):
        fetcher.fetch(url)
    allowed = tmp_path / "ok.css"
    allowed.write_text("p { color: red }")
    assert fetcher.fetch(allowed.as_uri()).read() == b"p { color: red }"


def test_a_remote_image_in_a_report_is_left_out(settings, tmp_path, caplog):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    (tmp_path / "remote.html").write_text(
        '<p>Avant</p><img src="http://127.0.0.1:9/x.png" alt="distante"><p>Après</p>'
    )
    document = pdf.pdf_document("remote.html", {})
    assert document_text(document) == "Avant distante Après"  # the alt text, no image
    assert "Ressource distante refusée : http://127.0.0.1:9/x.png" in caplog.text


def test_the_pdf_templates_use_no_undefined_variable(evaluation, strict_templates):
    results = evaluation_results(evaluation, show_names=True)
    report = render_to_string("assessments/results/pdf/report.html", pdf.report_context(results))
    referentiel = evaluation.referentiel
    sheet = render_to_string(
        "assessments/results/pdf/blank_sheet.html",
        pdf.blank_sheet_context(referentiel, *blank_sheet(referentiel)),
    )
    assert "Camille Évaluatrice 1" in report
    for html in (report, sheet):
        assert "VARIABLE-INDEFINIE" not in html
        assert "style=" not in html


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_every_text_a_spreadsheet_would_run_is_neutralised_in_both_exports(client_as, pole, start):
    raters = [dict.fromkeys("ABCDEFGHI", (4, "", "")) | {"A": (4, f"{start}cmd|' /C calc'!A0", "")}]
    evaluation = validated_evaluation(pole, "444444444", raters=raters)
    client = client_as("coordinator")
    rows = csv_rows(download(client, "results_csv", evaluation))
    assert rows[1][9] == f"'{start}cmd|' /C calc'!A0"
    workbook = load_workbook(io.BytesIO(download(client, "results_xlsx", evaluation).content))
    cell = workbook["Notes"]["J2"]
    assert cell.data_type != "f"
    assert cell.value == f"'{start}cmd|' /C calc'!A0"
