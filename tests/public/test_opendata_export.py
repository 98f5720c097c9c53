"""`manage.py opendata_export <dossier>`: the open-data bundle for a data portal."""

import json

import frictionless
import geojson
import pytest
from django.core.management import CommandError, call_command
from freezegun import freeze_time

from ptce.public.opendata import SCHEMAS_DIR
from tests.poles.factories import PoleFactory
from tests.public.test_opendata import make_located, make_toulouse

BUNDLE = {
    "README.md",
    "poles.csv",
    "poles.geojson",
    "poles.json",
    "organisations.csv",
    "schemas/poles.json",
    "schemas/organisations.json",
}


@pytest.fixture
def located_pole(pole, region):
    return make_located(pole, make_toulouse(region))


def files_in(folder) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


@freeze_time("2026-03-02 10:00")
def test_the_export_writes_the_downloads_the_schemas_and_a_readme(
    client, located_pole, other_pole, tmp_path
):
    PoleFactory(name="Pôle en préparation", slug="pole-prepa", is_published=False)
    folder = tmp_path / "portail"

    call_command("opendata_export", str(folder), verbosity=0)

    files = files_in(folder)
    assert set(files) == BUNDLE
    assert files["poles.csv"] == client.get("/donnees/poles.csv").content
    assert files["organisations.csv"] == client.get("/donnees/organisations.csv").getvalue()
    assert files["poles.json"] == client.get("/donnees/poles.json").content
    assert files["schemas/poles.json"] == (SCHEMAS_DIR / "poles.json").read_bytes()
    assert b"pole-prepa" not in files["poles.csv"]
    assert geojson.loads(files["poles.geojson"].decode()).is_valid
    readme = files["README.md"].decode()
    assert "Export du 2026-03-02" in readme
    assert "Licence Ouverte 2.0" in readme
    assert "code officiel géographique" in readme
    assert "`organisations.csv`" in readme


def test_the_exported_csvs_are_valid_against_the_exported_schemas(located_pole, tmp_path):
    call_command("opendata_export", str(tmp_path), verbosity=0)

    for name in ("poles", "organisations"):
        schema = json.loads((tmp_path / "schemas" / f"{name}.json").read_text())
        resource = frictionless.Resource(
            path=f"{name}.csv",
            basepath=str(tmp_path),
            schema=frictionless.Schema.from_descriptor(schema),
        )
        report = resource.validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@freeze_time("2026-03-02 10:00")
def test_the_export_is_idempotent_and_leaves_no_temporary_file(located_pole, tmp_path):
    (tmp_path / "autre.txt").write_text("à garder")
    call_command("opendata_export", str(tmp_path), verbosity=0)
    first = files_in(tmp_path)

    call_command("opendata_export", str(tmp_path), verbosity=0)

    assert files_in(tmp_path) == first
    assert set(first) == BUNDLE | {"autre.txt"}
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


def test_the_export_replaces_stale_files(located_pole, tmp_path):
    call_command("opendata_export", str(tmp_path), verbosity=0)
    located_pole.name = "Pôle des Coteaux et des Vallées"
    located_pole.save()

    call_command("opendata_export", str(tmp_path), verbosity=0)

    assert "Pôle des Coteaux et des Vallées" in (tmp_path / "poles.csv").read_text()


def test_the_export_refuses_a_file_as_its_folder(db, tmp_path):
    target = tmp_path / "fichier"
    target.write_text("")

    with pytest.raises(CommandError, match="n’est pas un dossier"):
        call_command("opendata_export", str(target), verbosity=0)


def test_the_export_reports_what_it_wrote(db, tmp_path, capsys):
    call_command("opendata_export", str(tmp_path))

    assert "7 fichiers écrits" in capsys.readouterr().out


def test_the_exported_csvs_neutralise_a_name_a_spreadsheet_would_run(located_pole, tmp_path):
    located_pole.name = '=HYPERLINK("http://x")'
    located_pole.save()
    call_command("opendata_export", str(tmp_path), verbosity=0)
    files = files_in(tmp_path)
    assert b',"\'=HYPERLINK(""http://x"")",' in files["poles.csv"]
    assert b',"\'=HYPERLINK(""http://x"")",' in files["organisations.csv"]
    assert b"'=HYPERLINK" not in files["poles.json"]  # JSON is no spreadsheet: left as is


def test_an_unwritable_folder_gets_a_french_message_not_a_traceback(db, tmp_path):
    blocker = tmp_path / "un-fichier"
    blocker.write_text("pas un dossier")
    with pytest.raises(CommandError, match="Impossible d’écrire dans"):
        call_command("opendata_export", str(blocker / "export"), verbosity=0)
