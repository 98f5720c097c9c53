"""Exports of an evaluation's results: scores as CSV and XLSX (the PDF documents are in
`pdf.py`, imported only when a PDF is asked for: WeasyPrint is slow to import).

Scores (CSV and XLSX): one row per rater × criterion, then the consolidated row of that
criterion. Raters are named as on the results page: « Évaluateur 1…n » unless the person
exporting may see individual sheets (coordinators, admins). The CSV is UTF-8 with a BOM and
« ; » as separator, which is what spreadsheet software set to French opens correctly; scores
are whole numbers so the decimal separator never matters. Texts starting with = + - @ are
prefixed with an apostrophe so no spreadsheet runs them as formulas.
"""

import csv
import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .selectors import EvaluationResults

HEADER = [
    "Pôle",
    "Évaluation",
    "Référentiel",
    "Critère",
    "Énoncé du critère",
    "Ligne",
    "Évaluateur",
    "Note",
    "Ne se prononce pas",
    "Ce qui a été observé",
    "Piste d’amélioration",
    "Commentaire de consolidation",
]
RATER_ROW = "Évaluateur"
CONSOLIDATED_ROW = "Note retenue"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: str) -> str:
    return f"'{value}" if value and value.startswith(FORMULA_STARTS) else value


def score_rows(results: EvaluationResults) -> list[list]:
    """The scores table, header excluded: raters' rows then the consolidated row, per
    criterion. Scores are int or None; texts are made safe for spreadsheets."""
    evaluation = results.evaluation
    head = [evaluation.pole.name, evaluation.title, evaluation.referentiel.code]
    rows = []
    for item in results.criteria:
        criterion = [item.letter, item.criterion.statement]
        for contribution in item.contributions:
            rows.append(
                [
                    *head,
                    *criterion,
                    RATER_ROW,
                    contribution.rater,
                    contribution.score,
                    "oui" if contribution.score is None else "",
                    contribution.observation,
                    contribution.improvement,
                    "",
                ]
            )
        rows.append(
            [*head, *criterion, CONSOLIDATED_ROW, "", item.agreed, "", "", "", item.comment]
        )
    return [
        [neutralise_formula(cell) if isinstance(cell, str) else cell for cell in row]
        for row in rows
    ]


def export_filename(results: EvaluationResults, extension: str) -> str:
    """ecarts-<pole slug>-<date of validation, else today>.<extension>"""
    evaluation = results.evaluation
    day = timezone.localdate(evaluation.validated_at) if evaluation.validated_at else None
    day = day or timezone.localdate()
    return f"ecarts-{evaluation.pole.slug}-{day.isoformat()}.{extension}"


def scores_csv(results: EvaluationResults) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(["" if cell is None else cell for cell in row] for row in score_rows(results))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def scores_xlsx(results: EvaluationResults) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Notes"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in score_rows(results):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    widths = {"A": 24, "B": 28, "C": 18, "D": 8, "E": 48, "F": 14, "G": 18, "H": 7, "I": 10}
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    for column in "JKL":
        sheet.column_dimensions[column].width = 48
    for row in sheet.iter_rows(min_row=2, min_col=10, max_col=12):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
