from django.core.management.base import BaseCommand

from ptce.privacy.purge import purge_personal_data


class Command(BaseCommand):
    help = (
        "Supprime les données personnelles dont la durée de conservation est passée (journaux "
        "de connexion, sessions expirées, invitations expirées, demandes d’adhésion refusées)."
    )

    def handle(self, *args, **options):
        for what, count in purge_personal_data().items():
            self.stdout.write(f"{what} : {count} supprimée(s)")
