"""`manage.py backup <archive.tar.gz>`: the database and every file in one archive (see
`ptce/core/backup.py` for what it holds). The archive is written beside its final name and
renamed once complete: a failed backup leaves no archive, never a truncated one."""

import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from ptce.core import backup


class Command(BaseCommand):
    help = "Sauvegarde la base de données et tous les fichiers dans une archive .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="chemin de l’archive à écrire (.tar.gz)")

    def handle(self, *args, archive, **options):
        target = Path(archive).expanduser().absolute()
        if not target.name.endswith((".tar.gz", ".tgz")):
            raise CommandError(
                f"« {target.name} » : l’archive est un .tar.gz, donnez un nom qui finit par "
                "« .tar.gz »."
            )
        if target.is_dir():
            raise CommandError(
                f"« {target} » est un dossier : donnez le nom de l’archive à écrire."
            )
        if not target.parent.is_dir():
            raise CommandError(
                f"Le dossier « {target.parent} » n’existe pas : l’archive n’a pas été écrite."
            )
        try:
            handle, partial = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".partielle", dir=target.parent
            )
        except OSError as error:
            raise CommandError(
                f"Impossible d’écrire dans le dossier « {target.parent} » ({error.strerror}) : "
                "l’archive n’a pas été écrite."
            ) from None
        os.close(handle)
        partial = Path(partial)
        try:
            with tempfile.TemporaryDirectory(prefix="ptce-sauvegarde-") as work:
                manifest = self.write(partial, Path(work))
            os.chmod(partial, 0o600)
            os.replace(partial, target)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(
                f"L’archive n’a pas pu être écrite ({error.strerror or error}) : aucune archive "
                "n’a été laissée."
            ) from None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        rows = sum(manifest["database"]["rows"].values())
        self.stdout.write(
            f"Sauvegarde écrite : {target} ({rows} lignes, {len(manifest['files'])} fichiers"
            f"{', vidage pg_dump joint' if manifest['database']['pg_dump'] else ''})."
        )

    def write(self, partial: Path, work: Path) -> dict:
        dump = work / backup.DUMP_NAME
        try:
            rows = backup.dump_database(dump)
        except backup.DumpError as error:
            what = (
                f"La table « {error.label} » ne peut pas être lue"
                if error.pk is None
                else f"Une ligne de la table « {error.label} » (n° {error.pk}) ne peut pas être "
                "sauvegardée"
            )
            raise CommandError(
                f"{what} ({error.error}) : l’archive n’a pas été écrite. Corrigez la cause, "
                "puis relancez la sauvegarde."
            ) from None
        pg_dump = self.pg_dump(work)
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(dump, arcname=backup.DUMP_NAME)
            if pg_dump:
                tar.add(pg_dump, arcname=backup.PG_DUMP_NAME)
            files = [
                self.add_file(tar, alias, storage, name)
                for alias, storage in backup.file_storages().items()
                for name in backup.storage_files(storage)
            ]
            manifest = {
                "format": backup.FORMAT,
                "created_at": timezone.now().isoformat(),
                "version": backup.app_version(),
                "migrations": backup.migration_state(),
                "database": {
                    "vendor": connection.vendor,
                    "dump": backup.DUMP_NAME,
                    "pg_dump": pg_dump is not None,
                    "rows": rows,
                },
                "files": files,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(backup.MANIFEST_NAME)
            info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
            tar.addfile(info, io.BytesIO(data))
        return manifest

    def add_file(self, tar, alias: str, storage, name: str) -> dict:
        info = tarfile.TarInfo(f"{backup.FILES_PREFIX}{alias}/{name}")
        info.size, info.mtime, info.mode = storage.size(name), int(time.time()), 0o600
        with storage.open(name, "rb") as handle:
            reader = backup.HashingReader(handle)
            tar.addfile(info, reader)
        return {
            "storage": alias,
            "name": name,
            "size": reader.size,
            "sha256": reader.sha256.hexdigest(),
        }

    def pg_dump(self, work: Path) -> Path | None:
        """A native dump besides the portable one, when the database is PostgreSQL and
        `pg_dump` is installed; its failure is reported, the backup goes on without it."""
        if connection.vendor != "postgresql" or not shutil.which("pg_dump"):
            return None
        db = connection.settings_dict
        output = work / backup.PG_DUMP_NAME
        command = ["pg_dump", "--format=custom", "--no-owner", f"--file={output}"]
        for option, key in [("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")]:
            if db.get(key):
                command.append(f"{option}={db[key]}")
        command.append(db["NAME"])
        env = {**os.environ, **({"PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else {})}
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode:
            self.stderr.write(
                f"pg_dump a échoué ({result.stderr.strip()}) : l’archive ne contient que le "
                "vidage portable, qui suffit à la restauration."
            )
            return None
        return output
