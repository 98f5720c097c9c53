"""A spreadsheet read as a table of text cells, whatever saved it: CSV (UTF-8 with or without
BOM, UTF-16 from Excel's « texte Unicode », cp1252 as French Excel writes it; « ; », « , » or
tab), XLSX (openpyxl, read-only) or ODS (its content.xml, read here: no extra dependency).

Every refusal is a `FileProblem` with a French message; nothing here writes anything."""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ptce.core.exports import FORMULA_STARTS
from ptce.core.files import EXECUTABLE_SIGNATURES, human_size, validate_upload

FORMATS_LABEL = "CSV, XLSX (Excel) ou ODS (LibreOffice)"
ACCEPT = ".csv,.txt,.xlsx,.ods"
DELIMITERS = (";", ",", "\t")
DELIMITER_NAMES = {";": "« ; »", ",": "« , »", "\t": "tabulation"}


class FileProblem(ValidationError):
    """The file cannot be read as a table: nothing is imported."""


def max_bytes() -> int:
    return settings.PTCE_IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.PTCE_IMPORT_MAX_ROWS


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, cells)
    source: str  # how it was read, for the preview: « CSV, Windows-1252, séparateur « ; » »
    notes: list[str] = field(default_factory=list)


def read_table(name: str, data: bytes) -> Table:
    extension = Path(name or "").suffix.lower()
    if not data:
        raise FileProblem(f"Le fichier « {name} » est vide.")
    if len(data) > max_bytes():
        raise FileProblem(
            f"Le fichier « {name} » pèse {human_size(len(data))} : la taille maximale est de "
            f"{human_size(max_bytes())}. Découpez-le en plusieurs fichiers."
        )
    if extension == ".xls":
        raise FileProblem(
            "Le format XLS (Excel 97-2003) n’est pas lu : enregistrez le fichier au format "
            "XLSX ou CSV."
        )
    if extension in {".csv", ".txt"}:
        table = _read_csv(name, data)
    elif extension in {".xlsx", ".ods"}:
        _check_container(name, data)
        table = _read_xlsx(data) if extension == ".xlsx" else _read_ods(data)
    else:
        raise FileProblem(
            f"Le format du fichier « {name} » n’est pas accepté : choisissez un fichier "
            f"{FORMATS_LABEL}."
        )
    if not table.header:
        raise FileProblem(f"Le fichier « {name} » ne contient aucune ligne.")
    if len(table.rows) > max_rows():
        raise FileProblem(
            f"Le fichier compte {len(table.rows)} lignes : au plus {max_rows()} par import. "
            "Découpez-le en plusieurs fichiers."
        )
    return table


def _not_a_table(name: str) -> FileProblem:
    return FileProblem(
        f"Le fichier « {name} » n’est pas un tableau lisible ({FORMATS_LABEL}) : "
        "ouvrez-le dans votre tableur et enregistrez-le de nouveau dans l’un de ces formats."
    )


def _check_container(name: str, data: bytes) -> None:
    """The kernel's upload rules: the content matches the extension, no macros."""
    try:
        validate_upload(SimpleUploadedFile(name, data), limit=max_bytes())
    except ValidationError as error:
        raise FileProblem(error.messages) from None


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 avec BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined; Latin-1 reads them all.
        try:
            return data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "Latin-1"


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    return "\x00" in sample or controls > len(sample) // 100


def _delimiter(lines: list[str]) -> str:
    """The separator that splits the first lines into the same, largest number of cells."""
    sample = [line for line in lines[:20] if line.strip()]
    best, best_score = ";", 0
    for delimiter in DELIMITERS:
        counts = [len(next(csv.reader([line], delimiter=delimiter))) for line in sample]
        if not counts or counts[0] < 2:
            continue
        score = counts[0] * sum(1 for count in counts if count == counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(name: str, data: bytes) -> Table:
    if data.startswith(EXECUTABLE_SIGNATURES) or data.startswith(b"PK\x03\x04"):
        raise _not_a_table(name)
    text, encoding = _decode(data)
    if _looks_binary(text):
        raise _not_a_table(name)
    lines = text.splitlines()
    delimiter = _delimiter(lines)
    rows = []
    for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        rows.append((number, cells))
    source = f"CSV, {encoding}, séparateur {DELIMITER_NAMES[delimiter]}"
    return _table(rows, source)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [
            (number, [_cell(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
        workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError):
        raise _not_a_table("XLSX") from None
    return _table(rows, "XLSX, première feuille")


_ODS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
MAX_REPEAT = 1000  # a repeated empty cell or row stands for the sheet's blank remainder


def _ods_value(cell) -> str:
    kind = cell.get(f"{{{_ODS['office']}}}value-type")
    if kind in {"float", "percentage", "currency"}:
        return _cell(float(cell.get(f"{{{_ODS['office']}}}value")))
    if kind == "date":
        return cell.get(f"{{{_ODS['office']}}}date-value", "")[:10]
    paragraphs = cell.findall(f"{{{_ODS['text']}}}p")
    return "\n".join("".join(p.itertext()) for p in paragraphs)


def _read_ods(data: bytes) -> Table:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = ElementTree.fromstring(archive.read("content.xml"))  # noqa: S314 (expat ≥ 2.4 caps entity expansion)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        raise _not_a_table("ODS") from None
    table = root.find(f".//{{{_ODS['table']}}}table")
    rows, number = [], 0
    repeat_attr = f"{{{_ODS['table']}}}number-columns-repeated"
    rows_attr = f"{{{_ODS['table']}}}number-rows-repeated"
    for row in [] if table is None else table.iter(f"{{{_ODS['table']}}}table-row"):
        cells = []
        for cell in row:
            if not cell.tag.endswith(("table-cell", "covered-table-cell")):
                continue
            value = _ods_value(cell)
            cells.extend([value] * min(int(cell.get(repeat_attr, 1)), MAX_REPEAT))
        for _ in range(min(int(row.get(rows_attr, 1)), MAX_REPEAT)):
            number += 1
            rows.append((number, list(cells)))
    return _table(rows, "ODS, première feuille")


def _unneutralised(value: str) -> str:
    """A cell our exports protected (« '=… ») comes back as it was typed."""
    value = value.strip()
    if value.startswith("'") and value[1:2] and value[1:2] in FORMULA_STARTS:
        return value[1:]
    return value


def _table(rows: list[tuple[int, list[str]]], source: str) -> Table:
    cleaned = []
    for number, cells in rows:
        stripped = [str(cell).strip() for cell in cells]
        if any(stripped):
            if "'" in "".join(stripped):  # one scan of the row, most have no quote at all
                stripped = [_unneutralised(cell) for cell in stripped]
            cleaned.append((number, stripped))
    if not cleaned:
        return Table([], [], source)
    (_, header), *body = cleaned
    while header and not header[-1]:
        header.pop()
    width = len(header)
    body = [(number, (cells + [""] * width)[:width]) for number, cells in body]
    return Table(header, body, source)
