"""The one export writer: every CSV and XLSX of the platform goes through it.

- Cells that a spreadsheet would run as a formula (text starting with = + - @, a tab or a
  carriage return) are prefixed with an apostrophe, in every export, open data included.
- CSV is streamed row by row. The « Excel » flavour (UTF-8 with a BOM, « ; ») is what
  spreadsheet software set to French opens correctly; the standard flavour is UTF-8 and « , ».
- XLSX is written with openpyxl's write-only mode, whose memory does not grow with the rows.

tablib, once declared for this, builds every table whole in memory; it is not used.
"""

import csv
import io
from collections.abc import Iterable, Iterator

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise_formula(value: str) -> str:
    return f"'{value}" if value and value.startswith(FORMULA_STARTS) else value


def safe_cell(value):
    return neutralise_formula(value) if isinstance(value, str) else value


class _Line:
    """A file-like sink for csv.writer that hands back each line instead of keeping it."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[Iterable], *, excel: bool = True) -> Iterator[str]:
    """The CSV text, one line at a time, formulas neutralised."""
    writer = csv.writer(_Line(), delimiter=";" if excel else ",", lineterminator="\r\n")
    yield (BOM if excel else "") + writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def csv_text(header: list[str], rows: Iterable[Iterable], *, excel: bool = True) -> str:
    return "".join(csv_lines(header, rows, excel=excel))


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(
    filename: str, header: list[str], rows: Iterable[Iterable], *, excel: bool = True
) -> StreamingHttpResponse:
    """A streamed CSV download."""
    lines = (line.encode("utf-8") for line in csv_lines(header, rows, excel=excel))
    return attachment(StreamingHttpResponse(lines, content_type=CSV_TYPE), filename)


def xlsx_bytes(sheets: Iterable[tuple[str, list[str], Iterable[Iterable]]]) -> bytes:
    """A workbook of `(title, header, rows)` sheets, header in bold, formulas neutralised."""
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        bold = []
        for name in header:
            cell = WriteOnlyCell(sheet, value=safe_cell(name))
            cell.font = Font(bold=True)
            bold.append(cell)
        sheet.append(bold)
        for row in rows:
            sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str, header: list[str], rows: Iterable[Iterable], *, title: str = "Export"
) -> HttpResponse:
    body = xlsx_bytes([(title, header, rows)])
    return attachment(HttpResponse(body, content_type=XLSX_TYPE), filename)
