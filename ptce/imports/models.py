from django.conf import settings
from django.db import models
from django.db.models import Q

from ptce.core.files import PrivateFile, PrivateStorage


class ImportKind(models.TextChoices):
    POLES = "poles", "Pôles"
    ORGANISATIONS = "organisations", "Organisations et adhésions"


class ImportState(models.TextChoices):
    PENDING = "a_verifier", "À vérifier"  # uploaded, analysed, shown in the preview
    QUEUED = "en_cours", "En cours"  # applied by a background job (large files)
    APPLIED = "applique", "Appliqué"
    FAILED = "echoue", "Échoué"  # the job stopped: nothing was written
    CANCELLED = "abandonne", "Abandonné"


class ImportRun(PrivateFile):
    """One uploaded file, from its preview to its report. The file stays in the private storage
    while the import is pending (the apply reads it again) and is deleted once it is done."""

    FOLDER = "imports"

    kind = models.CharField("contenu", max_length=20, choices=ImportKind.choices)
    pole = models.ForeignKey(
        "poles.Pole",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="import_runs",
        verbose_name="pôle des adhésions",
    )
    file = models.FileField(storage=PrivateStorage(), max_length=200, blank=True)
    state = models.CharField(
        "état", max_length=12, choices=ImportState.choices, default=ImportState.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # What the preview shows: the file's reading, the rows with their plan and problems.
    preview = models.JSONField("aperçu", default=dict, blank=True)
    total_rows = models.PositiveIntegerField("lignes", default=0)
    excluded_lines = models.JSONField("lignes exclues", default=list, blank=True)
    report = models.JSONField("compte rendu", default=dict, blank=True)
    error = models.TextField("erreur", blank=True)
    applied_at = models.DateTimeField("appliqué le", null=True, blank=True)

    class Meta:
        verbose_name = "import"
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=ImportState.values), name="import_run_state_known"
            ),
            models.CheckConstraint(
                condition=Q(kind="poles", pole__isnull=True)
                | Q(kind="organisations", pole__isnull=False),
                name="import_run_pole_for_organisations_only",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.original_name}"

    @property
    def is_pending(self) -> bool:
        return self.state == ImportState.PENDING
