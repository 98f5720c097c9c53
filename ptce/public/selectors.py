"""Reads for the public pages."""

from django.db.models import Count

from ptce.poles.models import Pole


def home_figures() -> dict[str, int]:
    """Published poles and the régions they cover (by main région), in one aggregate query."""
    return Pole.objects.published().aggregate(
        poles=Count("pk"), regions=Count("region", distinct=True)
    )
