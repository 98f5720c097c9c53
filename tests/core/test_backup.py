"""`manage.py backup` and `manage.py restore`: a whole installation, rows and private files,
comes back from one archive."""

import io
import json
import os
import shutil
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers import python as python_serializer
from django.db import connection

from ptce.core import backup
from ptce.core.models import User
from tests.access.world import build_world
from tests.cooperation.factories import MeetingAttachmentFactory


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def file_checksums():
    return {
        (alias, name): backup.file_digest(storage, name)
        for alias, storage in backup.file_storages().items()
        for name in backup.storage_files(storage)
    }


def empty_storages(settings):
    for folder in (settings.MEDIA_ROOT, settings.PTCE_PRIVATE_MEDIA_ROOT):
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.django_db(transaction=True)
def test_an_installation_comes_back_whole_from_its_backup(tmp_path, settings):
    world = build_world()
    (settings.MEDIA_ROOT / "logos").mkdir(parents=True)
    (settings.MEDIA_ROOT / "logos" / "pole.png").write_bytes(b"\x89PNG\r\n\x1a\nlogo")
    rows_before = backup.database_counts()
    files_before = file_checksums()
    assert {alias for alias, _ in files_before} == {"default", "private"}
    # the logo, the evidence, the application file, the minutes, the signed support agreement,
    # the pending import's file, the national cell's export, the laureate's decision letter
    assert len(files_before) == 8

    archive = tmp_path / "sauvegarde.tar.gz"
    output = run("backup", str(archive))
    assert "Sauvegarde écrite" in output

    call_command("flush", interactive=False, verbosity=0)
    empty_storages(settings)
    assert file_checksums() == {}
    assert not backup.holds_data()

    output = run("restore", str(archive))

    assert "Restauration vérifiée" in output
    assert backup.database_counts() == rows_before
    assert file_checksums() == files_before
    world.evidence.refresh_from_db()
    assert world.evidence.file.read() == b"%PDF-1.4"


@pytest.mark.django_db(transaction=True)
def test_the_manifest_lists_rows_files_and_migrations(tmp_path):
    world = build_world()
    archive = tmp_path / "sauvegarde.tar.gz"
    run("backup", str(archive))

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()
    assert manifest["database"]["rows"]["core.user"] == User.objects.count() == 8
    assert manifest["database"]["rows"]["assessments.evidencefile"] == 1
    assert manifest["migrations"]["poles"].startswith("00")
    evidence = next(f for f in manifest["files"] if f["name"] == world.evidence.file.name)
    assert evidence["storage"] == "private"
    assert evidence["size"] == 8
    assert len(evidence["sha256"]) == 64
    assert f"files/private/{world.evidence.file.name}" in names
    assert "database.jsonl" in names
    if connection.vendor == "postgresql" and shutil.which("pg_dump"):
        assert "database.pgdump" in names


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_an_installation_that_holds_data(tmp_path, coordinator):
    archive = tmp_path / "sauvegarde.tar.gz"
    run("backup", str(archive))

    with pytest.raises(CommandError, match="contient déjà des données"):
        run("restore", str(archive))
    assert User.objects.get() == coordinator


@pytest.mark.django_db
def test_restore_refuses_storages_that_already_hold_files(tmp_path, private_media):
    archive = tmp_path / "sauvegarde.tar.gz"
    run("backup", str(archive))
    (private_media / "preuves").mkdir(parents=True)
    (private_media / "preuves" / "deja-la.pdf").write_bytes(b"%PDF-1.4")

    with pytest.raises(CommandError, match="fichiers « private »"):
        run("restore", str(archive))


def rewrite_manifest(archive, change):
    """The same archive with its manifest changed by `change(manifest)`."""
    with tarfile.open(archive) as tar:
        members = [(m, tar.extractfile(m).read() if m.isfile() else None) for m in tar]
    with tarfile.open(archive, "w:gz") as tar:
        for member, data in members:
            if member.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            tar.addfile(member, io.BytesIO(data) if data is not None else None)


@pytest.mark.django_db(transaction=True)
def test_restore_reports_what_differs_from_the_manifest(tmp_path, settings):
    attachment = MeetingAttachmentFactory()
    archive = tmp_path / "sauvegarde.tar.gz"
    run("backup", str(archive))

    def tamper(manifest):
        manifest["database"]["rows"]["poles.pole"] += 1
        entry = next(f for f in manifest["files"] if f["name"] == attachment.file.name)
        entry["sha256"] = "0" * 64

    rewrite_manifest(archive, tamper)
    call_command("flush", interactive=False, verbosity=0)
    empty_storages(settings)

    with pytest.raises(CommandError) as refused:
        run("restore", str(archive))
    message = str(refused.value)
    assert "ne correspond pas au manifeste" in message
    assert "table « poles.pole » : 2 lignes attendues, 1 trouvées" in message
    assert f"fichier « {attachment.file.name} » différent" in message


@pytest.mark.django_db
def test_a_backup_into_an_unwritable_folder_says_so_in_french(tmp_path):
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    folder.chmod(0o500)
    # root writes anywhere but in /sys
    target = folder if not os.access(folder, os.W_OK) else Path("/sys")
    try:
        with pytest.raises(CommandError, match="Impossible d’écrire dans le dossier"):
            run("backup", str(target / "sauvegarde.tar.gz"))
    finally:
        folder.chmod(0o700)
    assert not (target / "sauvegarde.tar.gz").exists()


@pytest.mark.django_db
def test_a_backup_into_a_missing_folder_writes_nothing(tmp_path):
    with pytest.raises(CommandError, match="n’existe pas : l’archive n’a pas été écrite"):
        run("backup", str(tmp_path / "absent" / "sauvegarde.tar.gz"))


@pytest.mark.django_db
def test_a_row_that_cannot_be_serialised_leaves_no_archive(tmp_path, pole, monkeypatch):
    original = python_serializer.Serializer.handle_field

    def refuse_the_pole_name(self, obj, field):
        if field.name == "name" and obj._meta.label_lower == "poles.pole":
            raise ValueError("valeur illisible")
        return original(self, obj, field)

    monkeypatch.setattr(python_serializer.Serializer, "handle_field", refuse_the_pole_name)
    archive = tmp_path / "sauvegarde.tar.gz"

    with pytest.raises(CommandError, match=r"table « poles\.pole » \(n° \d+\)"):
        run("backup", str(archive))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_a_backup_is_named_as_the_tar_gz_it_is(tmp_path):
    with pytest.raises(CommandError, match="donnez un nom qui finit par « .tar.gz »"):
        run("backup", str(tmp_path / "sauvegarde.zip"))
    assert list(tmp_path.iterdir()) == []


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    archive = tmp_path / "autre.tar.gz"
    archive.write_bytes(b"pas une archive")

    with pytest.raises(CommandError, match="n’est pas une archive de sauvegarde lisible"):
        run("restore", str(archive))
