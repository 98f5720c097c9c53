"""A person's saved searches of the directory, and their weekly alert of what is new."""

from django.conf import settings
from django.db import models

from ptce.core.versioning import Versioned

MAX_SAVED_SEARCHES = 20


class SavedSearch(Versioned):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField("nom", max_length=200)
    # The directory's query string written one way (`ptce.poles.directory_query`): the key.
    query = models.CharField("recherche", max_length=500, blank=True)
    alert = models.BooleanField("alerte hebdomadaire", default=False)
    # What is new is counted from this moment: when the alert was switched on, then each email.
    alert_from = models.DateTimeField("nouveautés depuis", null=True, blank=True)
    last_sent_at = models.DateTimeField("dernier envoi", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "recherche enregistrée"
        verbose_name_plural = "recherches enregistrées"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "query"], name="one_saved_search_per_query"),
            models.CheckConstraint(
                condition=models.Q(alert=False) | models.Q(alert_from__isnull=False),
                name="saved_search_alert_has_a_start",
            ),
        ]
        indexes = [models.Index(fields=["alert", "alert_from"], name="saved_search_due_idx")]

    def __str__(self):
        return self.name
