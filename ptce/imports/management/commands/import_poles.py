from ptce.imports.models import ImportKind

from ._import import ImportCommand


class Command(ImportCommand):
    help = "Importe une liste de pôles (CSV, XLSX ou ODS) ; rien n’est écrit en cas d’erreur."
    kind = ImportKind.POLES
