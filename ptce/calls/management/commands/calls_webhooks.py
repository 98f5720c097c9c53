"""Retry the webhook deliveries that are due (run it every few minutes, e.g. from cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from ptce.calls import webhooks


class Command(BaseCommand):
    help = "Renvoie les webhooks des changements d’état en attente (relances avec délai croissant)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=200, help="Envois tentés au plus.")

    def handle(self, *args, limit, **options):
        if not settings.PTCE_WEBHOOK_URL:
            self.stdout.write("Aucun webhook configuré (PTCE_WEBHOOK_URL est vide) : rien à faire.")
            return
        counts = webhooks.retry_due(limit=limit)
        self.stdout.write(
            f"Webhooks : {counts['delivered']} remis, {counts['failed']} en échec (nouvel essai "
            f"plus tard), {counts['given_up']} abandonnés."
        )
        abandoned = list(webhooks.given_up()[:50])
        if abandoned:
            self.stderr.write(
                self.style.ERROR(
                    f"{webhooks.given_up().count()} envoi(s) abandonné(s) après "
                    f"{webhooks.MAX_ATTEMPTS} tentatives :"
                )
            )
            for delivery in abandoned:
                self.stderr.write(
                    f"  n° {delivery.pk} ({delivery.event}, {delivery.created_at:%d/%m/%Y %H:%M}) "
                    f"— {delivery.last_error}"
                )
