"""`manage.py restore <archive.tar.gz>`: an archive of `manage.py backup` into an empty
installation: migrate, load the rows, write the files back to their storages, then check rows
and files against the archive's manifest."""

import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ptce.core import backup


class Command(BaseCommand):
    help = "Restaure une archive de `manage.py backup` dans une installation vide."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="chemin de l’archive (.tar.gz)")

    def handle(self, *args, archive, **options):
        path = Path(archive).expanduser()
        if not path.is_file():
            raise CommandError(f"L’archive « {path} » n’existe pas.")
        tar, manifest = open_archive(path)
        with tar, tempfile.TemporaryDirectory(prefix="ptce-restauration-") as work:
            self.refuse_unless_empty()
            call_command("migrate", interactive=False, verbosity=0)
            if manifest["migrations"] != backup.migration_state():
                self.stderr.write(
                    "Attention : l’archive vient d’un état des migrations différent de celui "
                    "de cette installation ; les contrôles diront si tout a été repris."
                )
            self.load(tar, Path(work))
            self.write_files(tar)
        problems = check(manifest)
        if problems:
            raise CommandError(
                "Restauration terminée, mais l’installation ne correspond pas au manifeste :\n- "
                + "\n- ".join(problems)
            )
        rows = sum(manifest["database"]["rows"].values())
        self.stdout.write(
            f"Restauration vérifiée : {rows} lignes (nombre par table identique au manifeste), "
            f"{len(manifest['files'])} fichiers (taille et SHA-256 identiques)."
        )

    def refuse_unless_empty(self):
        tables = backup.holds_data()
        files = [
            alias
            for alias, storage in backup.file_storages().items()
            if next(backup.storage_files(storage), None)
        ]
        if tables or files:
            found = ", ".join(tables[:5] + [f"fichiers « {alias} »" for alias in files])
            raise CommandError(
                f"Cette installation contient déjà des données ({found}…) : une sauvegarde ne "
                "se restaure que dans une installation vide (base neuve, dossiers de fichiers "
                "vides). Rien n’a été restauré."
            )

    def load(self, tar, work: Path):
        tar.extract(backup.DUMP_NAME, work, filter="data")
        try:
            with transaction.atomic():
                for label in backup.SEEDED_BY_MIGRATIONS:
                    apps.get_model(label)._base_manager.all().delete()
                call_command("loaddata", str(work / backup.DUMP_NAME), verbosity=0)
        except Exception as error:  # noqa: BLE001 - reported in French, the load is rolled back
            raise CommandError(
                f"Les données de l’archive n’ont pas pu être chargées ({error}) : la base est "
                "restée vide."
            ) from None

    def write_files(self, tar):
        stores = backup.file_storages()
        for member in tar.getmembers():
            if not (member.isfile() and member.name.startswith(backup.FILES_PREFIX)):
                continue
            alias, _, name = member.name.removeprefix(backup.FILES_PREFIX).partition("/")
            if alias not in stores:
                raise CommandError(f"Stockage inconnu dans l’archive : « {alias} ».")
            saved = stores[alias].save(name, File(tar.extractfile(member), name=name))
            if saved != name:
                raise CommandError(f"Le fichier « {name} » a été écrit sous le nom « {saved} ».")


def open_archive(path: Path):
    """The archive, opened (the caller closes it), and its manifest."""
    try:
        tar = tarfile.open(path, "r:gz")  # noqa: SIM115 - the caller closes it
        try:
            return tar, read_manifest(tar)
        except BaseException:
            tar.close()
            raise
    except (tarfile.TarError, OSError, EOFError, KeyError, ValueError) as error:
        raise CommandError(
            f"« {path} » n’est pas une archive de sauvegarde lisible ({error})."
        ) from None


def read_manifest(tar) -> dict:
    manifest = json.load(tar.extractfile(backup.MANIFEST_NAME))
    if manifest.get("format") != backup.FORMAT:
        raise ValueError(f"format {manifest.get('format')} inconnu")
    return manifest


def check(manifest: dict) -> list[str]:
    """What differs between the installation and the manifest: rows per table, files."""
    problems = []
    expected = manifest["database"]["rows"]
    found = backup.database_counts()
    for label in sorted(set(expected) | {label for label, count in found.items() if count}):
        if expected.get(label, 0) != found.get(label, 0):
            problems.append(
                f"table « {label} » : {expected.get(label, 0)} lignes attendues, "
                f"{found.get(label, 0)} trouvées"
            )
    stores = backup.file_storages()
    for entry in manifest["files"]:
        try:
            size, sha256 = backup.file_digest(stores[entry["storage"]], entry["name"])
        except (FileNotFoundError, KeyError):
            problems.append(f"fichier « {entry['name']} » manquant")
            continue
        if (size, sha256) != (entry["size"], entry["sha256"]):
            problems.append(f"fichier « {entry['name']} » différent (taille ou SHA-256)")
    return problems
