"""An instructor's saved filters of the list of applications: a name and the list's query
string (filters and tab), shown as links above the list."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from ptce.core.versioning import Versioned

# Enough for every habit, not so many that the links above the list become a page.
MAX_SAVED_FILTERS = 50


class SavedFilter(Versioned):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters"
    )
    name = models.CharField("nom", max_length=100)
    querystring = models.CharField("filtres", max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "filtre enregistré"
        verbose_name_plural = "filtres enregistrés"
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "user", name="one_saved_filter_name_per_user"),
            models.CheckConstraint(
                condition=~models.Q(name=""), name="saved_filter_name_not_empty"
            ),
        ]

    def __str__(self):
        return self.name
