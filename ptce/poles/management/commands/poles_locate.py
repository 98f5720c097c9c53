"""`manage.py poles_locate`: store every pole's map point (`ptce/poles/location.py`).

Run after the migration that added the point, after each load of the geography (a commune's
centroid may move) and by `deploy/release.sh`; the services keep it up to date in between.
Idempotent: one UPDATE computing the same rule again.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from ptce.core.invalidation import everything_changed
from ptce.poles.location import poles_locate


class Command(BaseCommand):
    help = "Calcule le point de chaque pôle sur la carte (lieux, territoire, région)."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = poles_locate()
        everything_changed()
        self.stdout.write(f"{count} pôle(s) placé(s) sur la carte.")
