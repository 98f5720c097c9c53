"""Exports of an evaluation's results: scores as CSV and XLSX (the PDF documents are in
`pdf.py`, imported only when a PDF is asked for: WeasyPrint is slow to import).

Scores (CSV and XLSX): one row per rater × criterion, then the consolidated row of that
criterion. Raters are named as on the results page: « Évaluateur 1…n » unless the person
exporting may see individual sheets (coordinators, admins). Both are written by the one
export writer (`ptce.core.exports`): the CSV in its « Excel » flavour (UTF-8 with a BOM, « ; »),
streamed; scores are whole numbers so the decimal separator never matters; texts a spreadsheet
would run as formulas are neutralised.
"""

from collections.abc import Iterator

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from ptce.core.exports import Sheet, csv_response, xlsx_response

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
# XLSX: column widths in order; the three free texts (observed, improvement, comment) wrap.
WIDTHS = (24, 28, 18, 8, 48, 14, 18, 7, 10, 48, 48, 48)
WRAPPED = (9, 10, 11)


def score_rows(results: EvaluationResults) -> Iterator[list]:
    """The scores table, header excluded: raters' rows then the consolidated row, per
    criterion. Scores are int or None (the writer neutralises the texts)."""
    evaluation = results.evaluation
    head = [evaluation.pole.name, evaluation.title, evaluation.referentiel.code]
    for item in results.criteria:
        criterion = [item.letter, item.criterion.statement]
        for contribution in item.contributions:
            yield [
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
        yield [*head, *criterion, CONSOLIDATED_ROW, "", item.agreed, "", "", "", item.comment]


def export_filename(results: EvaluationResults, extension: str) -> str:
    """ecarts-<pole slug>-<date of validation, else today>.<extension>"""
    evaluation = results.evaluation
    day = timezone.localdate(evaluation.validated_at) if evaluation.validated_at else None
    day = day or timezone.localdate()
    return f"ecarts-{evaluation.pole.slug}-{day.isoformat()}.{extension}"


def scores_csv(results: EvaluationResults) -> StreamingHttpResponse:
    """A streamed download: the results are already read, the rows only format them."""
    return csv_response(export_filename(results, "csv"), HEADER, score_rows(results))


def scores_xlsx(results: EvaluationResults) -> HttpResponse:
    sheet = Sheet("Notes", HEADER, score_rows(results), widths=WIDTHS, wrap=WRAPPED)
    return xlsx_response(export_filename(results, "xlsx"), [sheet])
