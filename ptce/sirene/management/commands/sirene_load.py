"""`manage.py sirene_load FILE…`: load (or refresh) the local copy of the SIRENE register."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ptce.sirene.files import FILTERS, SireneFileError
from ptce.sirene.services import sirene_load


class Command(BaseCommand):
    help = (
        "Charge le répertoire SIRENE depuis les fichiers de stock de l’INSEE "
        "(StockUniteLegale_utf8 et, pour l’adresse du siège, StockEtablissement_utf8 ; CSV ou "
        "Parquet). Idempotent : une seconde exécution ne change que ce qui a changé. Les unités "
        "non diffusibles (statut P ou N) ne sont jamais enregistrées."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FICHIER")
        parser.add_argument(
            "--actives", action="store_true", help="Ne garder que les unités actives (état A)."
        )
        parser.add_argument(
            "--filtre",
            default="tout",
            help="Ne garder que les unités de l’ESS, les associations ou les collectivités et "
            f"leurs groupements : {', '.join(sorted(FILTERS))} (par défaut : tout).",
        )

    def handle(self, *args, files, actives: bool, filtre: str, verbosity: int, **options):
        # Checked here rather than by argparse, whose refusal is in English.
        if filtre not in FILTERS:
            raise CommandError(
                f"Filtre inconnu : « {filtre} ». Filtres possibles : {', '.join(sorted(FILTERS))}."
            )
        started = time.monotonic()
        progress = self.stdout.write if verbosity >= 2 else None
        try:
            report = sirene_load(paths=files, actives=actives, filtre=filtre, progress=progress)
        except SireneFileError as error:
            raise CommandError(f"{error}\nAucune donnée n’a été écrite.") from error
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Répertoire SIRENE {'chargé' if report.changed else 'à jour'} en "
                    f"{time.monotonic() - started:.1f} s : {report.created} unité(s) ajoutée(s), "
                    f"{report.updated} mise(s) à jour, {report.unchanged} inchangée(s), "
                    f"{report.removed} retirée(s)."
                )
            )
