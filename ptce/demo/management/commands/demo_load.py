"""`manage.py demo_load`: load the demo poles, organisations and accounts (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ptce.demo.accounts import DEMO_PASSWORD, ROLE_ACCOUNTS
from ptce.demo.loader import DemoError, load

REFUSED_WITHOUT_DEBUG = (
    "Refus : DEBUG est désactivé, ce qui signale un serveur de production. Les données de "
    "démonstration créent des pôles et des organisations fictifs, ainsi que des comptes (dont "
    "un administrateur) dont le mot de passe est public. Pour les charger malgré tout, sur un "
    "serveur de recette par exemple, relancez avec --force."
)


class Command(BaseCommand):
    help = (
        "Charge les données de démonstration : pôles, organisations, lieux et comptes fictifs "
        "(idempotent : une seconde exécution ne crée aucun doublon). Nécessite la géographie "
        "(manage.py territories_load) et le référentiel ECARTS (manage.py referentiel_load)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Charger même quand DEBUG est désactivé (jamais sur un serveur de production).",
        )
        parser.add_argument(
            "--password",
            default=DEMO_PASSWORD,
            help=f"Mot de passe commun des comptes (par défaut : {DEMO_PASSWORD}).",
        )

    def handle(self, *args, force: bool, password: str, **options):
        if not settings.DEBUG and not force:
            raise CommandError(REFUSED_WITHOUT_DEBUG)
        if not settings.DEBUG:
            self.stderr.write(
                self.style.WARNING(
                    "Attention : DEBUG est désactivé ; chargement forcé des comptes de "
                    "démonstration."
                )
            )
        if not password:
            raise CommandError("Le mot de passe des comptes de démonstration ne peut être vide.")
        try:
            report = load(password=password)
        except DemoError as error:
            raise CommandError(str(error)) from error
        lines = report.lines()
        self.stdout.write(self.style.SUCCESS(lines[0]))
        for line in lines[1:]:
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(self._accounts_table(password))

    def _accounts_table(self, password: str) -> str:
        header = ("Rôle", "Adresse électronique", "Mot de passe")
        rows = [header, *((role, email, password) for role, email in ROLE_ACCOUNTS)]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        lines = ["Comptes de démonstration (un par rôle) :"]
        for n, row in enumerate(rows):
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            lines.append("  ".join(cells).rstrip())
            if n == 0:
                lines.append("  ".join("-" * width for width in widths))
        lines.append(
            "Chaque pôle a aussi son compte de coordination (coordination.<adresse-courte>@"
            "demo.ptce.fr) et deux membres."
        )
        return "\n".join(lines)
