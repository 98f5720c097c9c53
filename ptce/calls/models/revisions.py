"""Frozen revisions of a phase's form.

The form being edited is the phase's sections with no `revision`. Once an application has been
deposited against it, it is frozen: the call editor's next change first files those sections
under a new `FormRevision` (with the deposited applications, which keep answering them) and
carries on with a copy (`editor/revisions.py`). An application with no `form_revision` answers
the phase's current form.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .calls import Phase


class FormRevision(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="form_revisions")
    number = models.PositiveSmallIntegerField("révision")
    created_at = models.DateTimeField("figée le", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "révision du formulaire"
        verbose_name_plural = "révisions du formulaire"
        ordering = ["phase", "number"]
        constraints = [
            models.UniqueConstraint(fields=["phase", "number"], name="one_form_revision_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="form_revision_number_gte_1"),
        ]

    def __str__(self):
        return f"{self.phase} — révision {self.number}"
