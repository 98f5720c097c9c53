"""What `import_poles` and `import_organisations` share: read the file, print each problem as
« ligne N, colonne C : raison », write nothing if one is blocking (or with --dry-run)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ptce.imports.plans import CREATE, ERROR, UNCHANGED, UPDATE
from ptce.imports.services import apply_plan, plan_file


class ImportCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Fichier CSV, XLSX ou ODS.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Affiche ce qui serait fait, sans rien écrire."
        )

    def pole(self, options):
        return None

    def handle(self, *args, file: Path, dry_run: bool, verbosity: int, **options):
        pole = self.pole(options)
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Fichier illisible « {file} » : {error.strerror}.") from None
        try:
            plan = plan_file(kind=self.kind, name=file.name, data=data, pole=pole)
        except ValidationError as error:
            raise CommandError(f"{' '.join(error.messages)} Rien n’a été écrit.") from None
        self.stdout.write(f"Fichier lu comme : {plan.source}.")
        for note in plan.notes:
            self.stdout.write(note)
        for row in plan.rows:
            for problem in row.problems:
                if problem.blocking or verbosity >= 1:
                    kind = "erreur" if problem.blocking else "remarque"
                    self.stdout.write(f"{problem.text(row.line)} ({kind})")
        counts = plan.counts()
        summary = (
            f"{counts[CREATE]} création(s), {counts[UPDATE]} complément(s), "
            f"{counts[UNCHANGED]} inchangée(s), {counts[ERROR]} en erreur"
        )
        if counts[ERROR]:
            raise CommandError(f"{summary} : corrigez les lignes en erreur. Rien n’a été écrit.")
        if dry_run:
            self.stdout.write(f"{summary}. Essai (--dry-run) : rien n’a été écrit.")
            return
        try:
            with transaction.atomic():
                apply_plan(plan, pole=pole, created_by=None)
        except ValidationError as error:
            raise CommandError(f"{' '.join(error.messages)}") from None
        self.stdout.write(self.style.SUCCESS(f"{summary}. Import appliqué."))
