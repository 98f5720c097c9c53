"""The one export writer: every CSV and XLSX of the platform goes through it.

- Cells that a spreadsheet would run as a formula (text starting with = + - @, a tab or a
  carriage return) are prefixed with an apostrophe, in every export, open data included.
  Numbers (int, float, Decimal) and dates are written as they are.
- CSV is streamed row by row. The « Excel » flavour (UTF-8 with a BOM, « ; ») is what
  spreadsheet software set to French opens correctly; the standard flavour is UTF-8 and « , »
  (open data). Lines end with CRLF (RFC 4180); None is an empty cell.
- XLSX is written with openpyxl's write-only mode, whose memory does not grow with the rows:
  one `Sheet` per worksheet, header in bold and frozen, optional widths, wrapped columns and
  number formats.

tablib, once declared for this, builds every table whole in memory and neutralises nothing;
it is not used.
"""

import csv
import io
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise_formula(value: str) -> str:
    """`value` with an apostrophe in front when a spreadsheet would run it as a formula."""
    return f"'{value}" if value and value.startswith(FORMULA_STARTS) else value


def safe_cell(value):
    """Text neutralised; anything else (numbers, dates, None) as it is."""
    return neutralise_formula(value) if isinstance(value, str) else value


# CSV ---------------------------------------------------------------------------------------


class _Line:
    """A file-like sink for csv.writer that hands back each line instead of keeping it."""

    def write(self, value: str) -> str:
        return value


def csv_lines(
    header: Sequence[str], rows: Iterable[Iterable], *, excel: bool = True
) -> Iterator[str]:
    """The CSV text, one line at a time, formulas neutralised; rows are read lazily."""
    writer = csv.writer(_Line(), delimiter=";" if excel else ",", lineterminator="\r\n")
    yield (BOM if excel else "") + writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def csv_text(header: Sequence[str], rows: Iterable[Iterable], *, excel: bool = True) -> str:
    """The whole CSV as text, for a body that is cached or written to a file."""
    return "".join(csv_lines(header, rows, excel=excel))


def csv_write(
    target, header: Sequence[str], rows: Iterable[Iterable], *, excel: bool = True
) -> None:
    """Write the CSV to `target` (a binary file), line by line, in UTF-8."""
    for line in csv_lines(header, rows, excel=excel):
        target.write(line.encode("utf-8"))


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Iterable], *, excel: bool = True
) -> StreamingHttpResponse:
    """A streamed CSV download. `rows` is consumed while the response is sent, after the
    view returned (and its transaction committed): it formats objects already loaded, or
    reads one query's `values_list().iterator()` in chunks (the open data's organisations),
    never a query per row."""
    lines = (line.encode("utf-8") for line in csv_lines(header, rows, excel=excel))
    return attachment(StreamingHttpResponse(lines, content_type=CSV_TYPE), filename)


# XLSX --------------------------------------------------------------------------------------

TOP_WRAPPED = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class Sheet:
    """One worksheet. Columns are counted from 0: `widths` in order, `wrap` the columns whose
    body cells wrap (top-aligned), `formats` number formats (e.g. dates) by column;
    `wrap_header` wraps the header cells too."""

    title: str
    header: Sequence[str]
    rows: Iterable[Iterable]
    widths: Sequence[float] = ()
    wrap: Collection[int] = ()
    formats: Mapping[int, str] = field(default_factory=dict)
    wrap_header: bool = False


def _header_cell(worksheet, value, sheet: Sheet) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value=safe_cell(value))
    cell.font = Font(bold=True)
    if sheet.wrap_header:
        cell.alignment = TOP_WRAPPED
    return cell


def _body_row(worksheet, row: Iterable, sheet: Sheet) -> list:
    if not (sheet.wrap or sheet.formats):
        return [safe_cell(value) for value in row]
    cells = []
    for index, value in enumerate(row):
        value = safe_cell(value)
        if index in sheet.wrap or index in sheet.formats:
            value = WriteOnlyCell(worksheet, value=value)
            if index in sheet.wrap:
                value.alignment = TOP_WRAPPED
            if index in sheet.formats:
                value.number_format = sheet.formats[index]
        cells.append(value)
    return cells


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """A workbook of `sheets`, formulas neutralised."""
    buffer = io.BytesIO()
    xlsx_write(buffer, sheets)
    return buffer.getvalue()


def xlsx_write(target, sheets: Iterable[Sheet]) -> None:
    """Write a workbook of `sheets` to `target` (a binary file), formulas neutralised; rows are
    read lazily (a background export writes to a temporary file, memory stays flat)."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(title=sheet.title[:31])
        for index, width in enumerate(sheet.widths, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = width
        worksheet.freeze_panes = "A2"
        worksheet.append([_header_cell(worksheet, name, sheet) for name in sheet.header])
        for row in sheet.rows:
            worksheet.append(_body_row(worksheet, row, sheet))
    workbook.save(target)


def xlsx_response(filename: str, sheets: Iterable[Sheet]) -> HttpResponse:
    return attachment(HttpResponse(xlsx_bytes(sheets), content_type=XLSX_TYPE), filename)
