"""`manage.py territories_load`: load (or refresh) the official geography from the data files."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ptce.territories.datafiles import DATA_DIR, DEPARTEMENT_CODE, DataFileError
from ptce.territories.services import territories_load


class Command(BaseCommand):
    help = (
        "Charge les régions, départements, EPCI et communes depuis ptce/territories/data/ "
        "(idempotent : une seconde exécution ne change rien)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only-departements",
            default="",
            metavar="31,75",
            help="Ne charger que les communes de ces départements (codes séparés par des "
            "virgules) ; régions, départements et EPCI sont toujours chargés.",
        )
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=DATA_DIR,
            help="Dossier des fichiers (par défaut : les données livrées).",
        )

    def handle(self, *args, only_departements: str, data_dir: Path, verbosity: int, **options):
        departements = {c.strip().upper() for c in only_departements.split(",") if c.strip()}
        bad = sorted(c for c in departements if not DEPARTEMENT_CODE.match(c))
        if bad:
            raise CommandError(f"Code(s) de département invalide(s) : {', '.join(bad)}")
        started = time.monotonic()
        progress = self.stdout.write if verbosity >= 1 else None
        try:
            results = territories_load(
                data_dir=data_dir, departements=departements or None, progress=progress
            )
        except DataFileError as error:
            raise CommandError(f"{error}\nAucune donnée n’a été écrite.") from error
        elapsed = time.monotonic() - started
        if verbosity >= 1:
            summary = "à jour" if not any(r.changed for r in results) else "chargées"
            self.stdout.write(
                self.style.SUCCESS(f"Données géographiques {summary} en {elapsed:.1f} s.")
            )
