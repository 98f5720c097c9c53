"""Bad files for the imports: an empty file, another format, a file too large, columns the
import does not know, binary garbage; and applying with a row in error. A French message,
nothing written (not even the upload)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.bad_inputs.catalog import Case, check, snapshot


def _file(name, content):
    return lambda w: {"file": SimpleUploadedFile(name, content)}


def _poles(w):
    return reverse("imports:poles")


def _members(w):
    return reverse("imports:pole_members", args=[w.pole.slug])


CASES = [
    Case(
        "import: fichier vide",
        "cellule nationale",
        _poles,
        {},
        "est vide",
        files=_file("l.csv", b""),
    ),
    Case(
        "import: format PDF",
        "cellule nationale",
        _poles,
        {},
        "n’est pas accepté\xa0: choisissez un fichier CSV, XLSX (Excel) ou ODS",
        files=_file("liste.pdf", b"%PDF-1.4 pas un tableau"),
    ),
    Case(
        "import: ancien format XLS",
        "cellule nationale",
        _poles,
        {},
        "Le format XLS (Excel 97-2003) n’est pas lu",
        files=_file("liste.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    ),
    Case(
        "import: colonnes inconnues",
        "cellule nationale",
        _poles,
        {},
        "Colonnes obligatoires absentes\xa0: «\xa0Nom\xa0», «\xa0Région\xa0». "
        "Colonnes trouvées\xa0: «\xa0Intitulé\xa0», «\xa0Lieu\xa0».",
        files=_file("liste.csv", "Intitulé;Lieu\r\nPôle;Foix\r\n".encode()),
    ),
    Case(
        "import: octets au hasard",
        "coordination",
        _members,
        {},
        "n’est pas un tableau lisible",
        files=_file("membres.csv", bytes(range(256)) * 16),
    ),
    Case(
        "import: faux classeur",
        "coordination",
        _members,
        {},
        "ne correspond pas à son extension",
        files=_file("membres.xlsx", b"PK\x03\x04 pas un classeur"),
    ),
    Case("import: sans fichier", "coordination", _members, {}, "Ce champ est obligatoire."),
    Case(
        "import: pôle inconnu",
        "cellule nationale",
        lambda w: reverse("imports:organisations"),
        {"pole": "nulle-part"},
        "Aucun pôle n’a l’adresse courte «\xa0nulle-part\xa0».",
        files=_file("membres.csv", "Nom;Catégorie juridique\r\nMairie;Collectivité\r\n".encode()),
    ),
    Case(
        "import: appliquer avec une ligne en erreur",
        "coordination",
        lambda w: reverse("imports:run", args=[w.import_run.pk]),
        {},
        "1 ligne garde une erreur bloquante (3)",
    ),
    Case(
        "import: lignes exclues illisibles",
        "coordination",
        lambda w: reverse("imports:run", args=[w.import_run.pk]),
        {"exclure": ["deux", "-1"]},
        "1 ligne garde une erreur bloquante (3)",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_bad_import_is_answered_in_french_and_writes_nothing(world, db, case):
    check(world, case)


def test_a_file_too_large_is_refused_and_nothing_is_kept(world, db, settings):
    settings.PTCE_IMPORT_MAX_BYTES = 1024
    data = ("Nom;Région\r\n" + "Pôle;Occitanie\r\n" * 200).encode()
    case = Case(
        "import: trop gros",
        "cellule nationale",
        _poles,
        {},
        "la taille maximale est de 1 ko",
        files=_file("liste.csv", data),
    )
    check(world, case)


@pytest.mark.parametrize(
    ("command", "args", "message"),
    [
        ("import_poles", ["/nulle/part/liste.csv"], "Fichier illisible"),
        ("import_organisations", ["/nulle/part/membres.csv", "--pole", "inconnu"], "Aucun pôle"),
    ],
    ids=["fichier absent", "pôle inconnu"],
)
def test_an_import_command_with_bad_arguments_writes_nothing(world, db, command, args, message):
    before = snapshot()
    with pytest.raises(CommandError, match=message):
        call_command(command, *args)
    assert snapshot() == before
