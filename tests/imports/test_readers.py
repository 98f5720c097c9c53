"""Whatever saved the spreadsheet, the same table; whatever is not one, a French refusal."""

import codecs

import pytest

from ptce.imports.readers import FileProblem, read_table
from tests.imports.helpers import csv_bytes, ods_bytes, xlsx_bytes

ROWS = [["Nom", "Région", "Commune"], ["Pôle d’Écouves", "Normandie", "Alençon"]]
EXPECTED = [(2, ["Pôle d’Écouves", "Normandie", "Alençon"])]


@pytest.mark.parametrize(
    ("data", "source"),
    [
        (csv_bytes(ROWS, encoding="cp1252"), "CSV, Windows-1252, séparateur «\xa0;\xa0»"),
        (csv_bytes(ROWS, delimiter=","), "CSV, UTF-8, séparateur «\xa0,\xa0»"),
        (codecs.BOM_UTF8 + csv_bytes(ROWS), "CSV, UTF-8 avec BOM, séparateur «\xa0;\xa0»"),
        (csv_bytes(ROWS, delimiter="\t", encoding="utf-16"), "CSV, UTF-16, séparateur tabulation"),
    ],
    ids=["excel-cp1252", "utf8-virgule", "utf8-bom", "excel-texte-unicode"],
)
def test_a_csv_is_read_whatever_its_encoding_and_separator(data, source):
    table = read_table("liste.csv", data)
    assert (table.header, table.rows, table.source) == (ROWS[0], EXPECTED, source)


def test_a_comma_inside_quotes_does_not_make_it_the_separator():
    data = 'Nom;Région\r\n"Pôle A, B et C";Bretagne\r\n"Pôle D, E";Corse\r\n'.encode()
    assert read_table("liste.csv", data).rows == [
        (2, ["Pôle A, B et C", "Bretagne"]),
        (3, ["Pôle D, E", "Corse"]),
    ]


def test_xlsx_and_ods_are_read_from_their_first_sheet_numbers_as_text():
    rows = [["Nom", "SIRET", "Département"], ["Pôle", 73282932000074, 9]]
    for name, data in [("l.xlsx", xlsx_bytes(rows)), ("l.ods", ods_bytes(rows))]:
        table = read_table(name, data)
        assert table.rows == [(2, ["Pôle", "73282932000074", "9"])], name


def test_a_cell_our_exports_protected_comes_back_as_typed():
    data = csv_bytes([["Nom", "Région"], ["'=SOMME(A1)", "'-Bretagne"]])
    assert read_table("liste.csv", data).rows == [(2, ["=SOMME(A1)", "-Bretagne"])]


def test_blank_lines_and_trailing_empty_columns_are_dropped():
    data = "Nom;Région;;\r\n;;;\r\nPôle;Corse;;\r\n".encode()
    table = read_table("liste.csv", data)
    assert (table.header, table.rows) == (["Nom", "Région"], [(3, ["Pôle", "Corse"])])


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("liste.csv", b"", "Le fichier «\xa0liste.csv\xa0» est vide."),
        ("liste.csv", b"\r\n;;\r\n", "ne contient aucune ligne"),
        ("liste.xls", b"\xd0\xcf\x11\xe0", "Le format XLS (Excel 97-2003) n’est pas lu"),
        ("liste.pdf", b"%PDF-1.4", "n’est pas accepté\xa0: choisissez un fichier CSV, XLSX"),
        ("liste.csv", bytes(range(256)) * 8, "n’est pas un tableau lisible"),
        ("liste.csv", b"MZ\x90\x00\x03", "n’est pas un tableau lisible"),
        ("liste.xlsx", b"PK\x03\x04pas un classeur", "ne correspond pas à son extension"),
        ("liste.ods", b"Nom;Region\r\n", "ne correspond pas à son extension"),
    ],
    ids=["vide", "lignes-vides", "xls", "pdf", "octets", "programme", "faux-xlsx", "faux-ods"],
)
def test_what_is_not_a_table_is_refused_in_french(name, data, message):
    with pytest.raises(FileProblem) as excinfo:
        read_table(name, data)
    assert message in excinfo.value.messages[0]


def test_a_file_too_large_or_too_long_is_refused(settings):
    settings.PTCE_IMPORT_MAX_ROWS = 2
    with pytest.raises(FileProblem) as excinfo:
        read_table("liste.csv", csv_bytes([["Nom"], ["a"], ["b"], ["c"]]))
    assert "Le fichier compte 3 lignes\xa0: au plus 2 par import" in excinfo.value.messages[0]
    settings.PTCE_IMPORT_MAX_BYTES = 10
    with pytest.raises(FileProblem) as excinfo:
        read_table("liste.csv", csv_bytes([["Nom"], ["a"], ["b"], ["c"]]))
    assert "la taille maximale est de" in excinfo.value.messages[0]
