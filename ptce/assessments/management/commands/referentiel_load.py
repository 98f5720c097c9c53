"""`manage.py referentiel_load [fichier.json …]`: load versions of the ECARTS référentiel."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ptce.assessments.referentiel.services import (
    DATA_DIR,
    ReferentielFileError,
    data_files,
    referentiel_load,
)


class Command(BaseCommand):
    help = (
        "Charge des versions du référentiel ECARTS depuis des fichiers JSON (par défaut : tous "
        f"les fichiers de {DATA_DIR.relative_to(DATA_DIR.parents[2])}/). Idempotent ; une "
        "version déjà utilisée par une évaluation n’est jamais modifiée."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path, metavar="fichier.json")

    def handle(self, *args, files: list[Path], verbosity: int, **options):
        files = files or data_files()
        if not files:
            raise CommandError(f"Aucun fichier de référentiel dans {DATA_DIR}.")
        try:
            with transaction.atomic():
                results = [(path, self._load(path)) for path in files]
        except CommandError as error:
            raise CommandError(f"{error}\nAucune donnée n’a été écrite.") from error
        if verbosity >= 1:
            for path, result in results:
                self.stdout.write(
                    f"{path.name} : référentiel « {result.referentiel.code} » {result.status}"
                    f"{' (version par défaut)' if result.referentiel.is_default else ''}."
                )

    def _load(self, path: Path):
        try:
            return referentiel_load(source=path)
        except ReferentielFileError as error:
            problems = "\n".join(f"  - {message}" for message in error.messages)
            raise CommandError(f"{path} n’a pas pu être chargé :\n{problems}") from error
