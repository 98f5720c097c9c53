"""`manage.py opendata_export <dossier>`: write the open-data bundle for a data portal.

The bundle: the four downloads of /donnees/ (all published poles, no filter), their Table
Schemas under `schemas/`, and a README.md (contents, sources, licence, date). Everything is
read in one transaction (one consistent state of the data), written to a temporary folder
next to the target, then moved into place file by file (`os.replace`, atomic on one file
system): a reader of the folder never sees a half-written file. Idempotent: the same data on
the same day gives the same bytes; files of the folder that are not part of the bundle are
left alone.
"""

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ptce.poles.models import Pole
from ptce.public import opendata, opendata_downloads

README = """# Données ouvertes des pôles territoriaux de coopération économique (PTCE)

Export du {day} de la plateforme des PTCE ({site}).

## Contenu

{files}

Les fichiers CSV sont en UTF-8, séparés par des virgules, avec une ligne d’en-tête ; les
listes (départements, filières) y sont séparées par « | » ; un texte qui commence par =, +, -,
@ ou une tabulation y est précédé d’une apostrophe, pour qu’aucun tableur ne l’exécute comme
une formule. Chaque CSV est décrit par un
[Table Schema](https://specs.frictionlessdata.io/table-schema/) dans `schemas/` (nom, type,
description et contraintes de chaque colonne) ; les mêmes schémas sont publiés à
{site}/donnees/schemas/<nom>.json.

Les coordonnées sont en WGS 84 (degrés décimaux) : lieu principal du pôle, sinon son premier
lieu, sinon centre des communes de son territoire, sinon (territoire à préciser) centre des
communes de sa région. Le GeoJSON suit la RFC 7946 (points
[longitude, latitude]).

## Périmètre

Seuls les pôles **publiés** figurent dans l’export, avec leurs organisations membres
actuelles. Aucune donnée personnelle : ni personnes, ni adresses électroniques, ni numéros de
téléphone ; les membres qui sont des personnes physiques sont omis.

## Sources

- Pôles et organisations membres : saisis par les pôles sur la plateforme des PTCE.
- Géographie (régions, départements, EPCI, communes) : code officiel géographique (COG) de
  l’INSEE.

Les mêmes données sont disponibles à jour sur {site}/donnees/ et par l’API
{site}/api/v1/ (documentation : {site}/api/v1/docs).

## Licence

{licence} — {licence_url}

Vous pouvez réutiliser ces données librement, y compris à des fins commerciales, en
mentionnant la source (« Plateforme des PTCE ») et la date de l’export ({day}).
"""


def bundle(day: date) -> dict[str, bytes]:
    """Relative path → content of every file of the bundle."""
    poles = Pole.objects.published()
    files = {
        item["filename"]: item["build"](poles).encode() for item in opendata_downloads.DOWNLOADS
    }
    for name in opendata.SCHEMA_NAMES:
        files[f"schemas/{name}.json"] = opendata.schema_text(name).encode()
    listing = "\n".join(
        f"- `{item['filename']}` : {item['title']}. {item['description']}"
        + (f" Schéma : `schemas/{item['schema']}.json`." if item["schema"] else "")
        for item in opendata_downloads.DOWNLOADS
    )
    files["README.md"] = README.format(
        day=day.isoformat(),
        site=settings.SITE_URL,
        files=listing,
        licence=opendata.LICENCE,
        licence_url=opendata.LICENCE_URL,
    ).encode()
    return files


class Command(BaseCommand):
    help = (
        "Écrit les données ouvertes (pôles publiés en CSV, JSON et GeoJSON, organisations "
        "membres en CSV, schémas Table Schema et README) dans un dossier. Idempotent."
    )

    @staticmethod
    def _write(folder: Path, files: dict[str, bytes]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".opendata-", dir=folder))
        try:
            for relative, content in files.items():
                (staging / relative).parent.mkdir(parents=True, exist_ok=True)
                (staging / relative).write_bytes(content)
            for relative in files:
                (folder / relative).parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / relative, folder / relative)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, metavar="dossier")

    def handle(self, *args, folder: Path, verbosity: int, **options):
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"{folder} existe et n’est pas un dossier.")
        with transaction.atomic():
            files = bundle(timezone.localdate())
        try:
            self._write(folder, files)
        except OSError as error:
            raise CommandError(
                f"Impossible d’écrire dans {folder} : {error.strerror or error}. Vérifiez que le "
                "dossier existe ou peut être créé, et que vous avez le droit d’y écrire."
            ) from error
        if verbosity >= 1:
            for relative, content in files.items():
                self.stdout.write(f"{folder / relative} ({len(content)} octets)")
            self.stdout.write(self.style.SUCCESS(f"{len(files)} fichiers écrits dans {folder}."))
