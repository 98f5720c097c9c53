from django.core.management.base import CommandError

from ptce.imports.models import ImportKind
from ptce.poles.models import Pole

from ._import import ImportCommand


class Command(ImportCommand):
    help = (
        "Importe les organisations membres d’un pôle (CSV, XLSX ou ODS) ; rien n’est écrit en "
        "cas d’erreur."
    )
    kind = ImportKind.ORGANISATIONS

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--pole", required=True, help="Adresse courte du pôle.")

    def pole(self, options):
        pole = Pole.objects.select_related("region").filter(slug=options["pole"]).first()
        if pole is None:
            raise CommandError(f"Aucun pôle n’a l’adresse courte «\xa0{options['pole']}\xa0».")
        if pole.archived_at is not None:
            raise CommandError("Ce pôle est archivé : on n’y ajoute plus de membres.")
        return pole
