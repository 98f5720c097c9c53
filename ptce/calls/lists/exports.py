"""Exports of the instructors' filtered list: CSV (« Excel » flavour: UTF-8 with BOM, « ; »,
streamed) and XLSX, both by the one export writer (`ptce.core.exports`), which neutralises
formulas.

The rows are those of the list page with the same filters, all pages; the columns are chosen
in the list page (a default set otherwise). Values come from the rows already loaded by
`selectors.with_list_data` (the view hands a list): no query per row, none while streaming.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from ptce.core import exports


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
    "region": Column("Région", lambda a: a.region.name if a.region else "", 22),
    "departements": Column(
        "Départements", lambda a: _names(d.code for d in a.pole.departement_list), 16
    ),
    "filieres": Column("Filières", lambda a: _names(a.pole.sector_list), 30),
    "premier_depot": Column("Premier dépôt", lambda a: _date(a.first_submitted_at), 14),
    "dernier_depot": Column("Dernier dépôt", lambda a: _date(a.submitted_at), 14),
    "age": Column("Âge (jours)", lambda a: a.age if a.age is not None else "", 10),
    "en_retard": Column("En retard", lambda a: "oui" if a.overdue else "non", 10),
    "instructeurs": Column("Instructeurs", lambda a: _names(a.instructors), 30),
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


def table(applications, columns: list[str]) -> tuple[list[str], Iterator[list]]:
    """(header, rows) of the chosen columns; the rows are computed as they are read."""
    chosen = [COLUMNS[key] for key in columns]
    header = [column.label for column in chosen]
    rows = ([column.value(application) for column in chosen] for application in applications)
    return header, rows


def filename(extension: str) -> str:
    return f"candidatures-{timezone.localdate():%Y-%m-%d}.{extension}"


def csv_response(applications, columns: list[str]) -> StreamingHttpResponse:
    return exports.csv_response(filename("csv"), *table(applications, columns))


def xlsx_response(applications, columns: list[str]) -> HttpResponse:
    header, rows = table(applications, columns)
    widths = [COLUMNS[key].width for key in columns]
    sheet = exports.Sheet("Candidatures", header, rows, widths=widths)
    return exports.xlsx_response(filename("xlsx"), [sheet])
