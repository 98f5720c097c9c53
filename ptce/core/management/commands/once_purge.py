from django.core.management.base import BaseCommand

from ptce.core.once import purge


class Command(BaseCommand):
    help = "Supprime les jetons des formulaires de création envoyés il y a plus de deux jours."

    def handle(self, *args, **options):
        self.stdout.write(f"{purge()} jeton(s) supprimé(s).")
