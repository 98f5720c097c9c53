"""Exports of the instructors' filtered list: CSV (UTF-8 with BOM, « ; ») and XLSX.

The rows are those of the list page with the same filters, all pages; the columns are chosen
in the list page (a default set otherwise). Values come from the rows already loaded by
`selectors.with_list_data`: no query per row.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ptce.assessments.results.exports import neutralise_formula

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _date(value):
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else ""


def _names(items) -> str:
    return ", ".join(str(item) for item in items)


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable
    width: int = 18


COLUMNS: dict[str, Column] = {
    "numero": Column("N°", lambda a: a.pk, 8),
    "pole": Column("Pôle", lambda a: a.pole.name, 32),
    "appel": Column("Appel", lambda a: a.phase.call.name, 28),
    "annee": Column("Année", lambda a: a.phase.call.year, 8),
    "phase": Column("Phase", lambda a: f"{a.phase.number}. {a.phase.name}", 30),
    "etat": Column("État", lambda a: a.get_state_display(), 18),
    "region": Column("Région", lambda a: a.pole.region.name if a.pole.region else "", 22),
    "departements": Column(
        "Départements", lambda a: _names(d.code for d in a.pole.covered_departements.all()), 16
    ),
    "filieres": Column("Filières", lambda a: _names(a.pole.sectors.all()), 30),
    "premier_depot": Column("Premier dépôt", lambda a: _date(a.first_submitted_at), 14),
    "dernier_depot": Column("Dernier dépôt", lambda a: _date(a.submitted_at), 14),
    "age": Column("Âge (jours)", lambda a: a.age if a.age is not None else "", 10),
    "en_retard": Column("En retard", lambda a: "oui" if a.overdue else "non", 10),
    "instructeurs": Column("Instructeurs", lambda a: _names(a.assigned_to.all()), 30),
    "note": Column("Note pondérée", lambda a: a.score, 10),
    "proposition": Column(
        "Proposition", lambda a: a.get_proposal_display() if a.proposal else "", 18
    ),
    "decision": Column("Date de décision", lambda a: _date(a.decided_at), 14),
    "montant": Column(
        "Montant accordé (€)",
        lambda a: a.amount_granted if a.amount_granted is not None else "",
        14,
    ),
}
DEFAULT_COLUMNS = (
    "numero",
    "pole",
    "appel",
    "phase",
    "etat",
    "region",
    "premier_depot",
    "age",
    "en_retard",
    "instructeurs",
)


def _cell(value):
    """Text a spreadsheet would run as a formula is neutralised."""
    return neutralise_formula(value) if isinstance(value, str) else value


def table(applications, columns: list[str]) -> tuple[list[str], list[list]]:
    """(header, rows) of the chosen columns."""
    chosen = [COLUMNS[key] for key in columns]
    header = [column.label for column in chosen]
    rows = [[_cell(column.value(application)) for column in chosen] for application in applications]
    return header, rows


def _filename(extension: str) -> str:
    return f"candidatures-{timezone.localdate():%Y-%m-%d}.{extension}"


def csv_response(applications, columns: list[str]) -> HttpResponse:
    header, rows = table(applications, columns)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that spreadsheet software reads UTF-8
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def xlsx_response(applications, columns: list[str]) -> HttpResponse:
    header, rows = table(applications, columns)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Candidatures"
    sheet.append(header)
    for index, key in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = COLUMNS[key].width
        sheet.cell(row=1, column=index).font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
