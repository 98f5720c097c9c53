from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone

from .files import PrivateFile, PrivateStorage


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("L’adresse électronique est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username):
        # Addresses are stored lower-case; people type them any way.
        return self.get(email__iexact=username)

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person; pole roles come from `poles.PoleRole`, State roles from the fields below."""

    username = None
    email = models.EmailField("adresse électronique", unique=True)
    organisation_label = models.CharField(
        "service ou organisme", max_length=200, blank=True, help_text="Ex. : DREETS Occitanie."
    )
    is_instructor = models.BooleanField(
        "instructeur", default=False, help_text="Agent de l’État ou de la région."
    )
    is_national_instructor = models.BooleanField(
        "cellule nationale", default=False, help_text="Voit toutes les régions."
    )
    instructor_regions = models.ManyToManyField(
        "territories.Region", blank=True, related_name="instructors", verbose_name="régions"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = "utilisateur"
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and self.is_superuser


class JobState(models.TextChoices):
    PENDING = "en_attente", "en attente"
    RUNNING = "en_cours", "en cours"
    RETRYING = "nouvel_essai", "nouvel essai prévu"
    DONE = "terminee", "terminée"
    FAILED = "echouee", "échouée"


class JobRecord(models.Model):
    """One background job and where it stands (written by `ptce.core.jobs`, read in the admin)."""

    task_id = models.CharField("identifiant", max_length=64, unique=True)
    name = models.CharField("tâche", max_length=200)
    summary = models.CharField("objet", max_length=200, blank=True)
    state = models.CharField("état", max_length=20, choices=JobState.choices)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    last_error = models.TextField("dernière erreur", blank=True)
    next_attempt_at = models.DateTimeField("prochain essai", null=True, blank=True)
    # The consumer process running it (host:pid:nonce); while RUNNING, `updated_at` is its lease,
    # renewed by that process (ptce/core/job_leases.py).
    worker = models.CharField("exécutée par", max_length=100, blank=True)
    # The serialized job while it may have to be relaunched; emptied once it is done.
    payload = models.BinaryField(null=True, editable=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("mise à jour", auto_now=True)

    class Meta:
        verbose_name = "tâche de fond"
        verbose_name_plural = "tâches de fond"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "updated_at"])]

    def __str__(self):
        return f"{self.name} ({self.get_state_display()})"


class SubmittedForm(models.Model):
    """A creation form's one-time token, once posted: what its first POST led to
    (`ptce/core/once.py`). The primary key is the database's guarantee that only one POST
    with a given token creates anything."""

    token = models.CharField(max_length=64, primary_key=True)
    url = models.CharField("page de l’objet créé", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "formulaire envoyé"
        verbose_name_plural = "formulaires envoyés"

    def __str__(self):
        return self.url or self.token


class ExportState(models.TextChoices):
    PENDING = "en_attente", "en attente"
    RUNNING = "en_cours", "en préparation"
    DONE = "pret", "prêt"
    FAILED = "echoue", "échoué"


class ExportRun(PrivateFile):
    """A large export built by a background job (`ptce/core/export_runs.py`): who asked for
    what, how far the job is, and the file it produced, kept in the private storage until
    `expires_at` (`PTCE_EXPORT_KEEP_HOURS`), then deleted with the row by a periodic job.
    `original_name` is the download's name, `size` its bytes once built."""

    FOLDER = "exports"

    # SET_NULL, not CASCADE: a deleted account's runs stay until their expiry, so that the
    # purge finds and deletes their files; nobody can download them meanwhile.
    requested_by = models.ForeignKey(
        "core.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="export_runs",
        verbose_name="demandé par",
    )
    kind = models.CharField("export", max_length=60)
    # A table (CSV, XLSX) or a document (PDF): see `ExportKind.formats`.
    format = models.CharField(
        "format", max_length=4, choices=[("csv", "CSV"), ("xlsx", "XLSX"), ("pdf", "PDF")]
    )
    # The request's parameters (filters, columns) as {name: [values]}, and their digest with
    # the kind and format: the key of « the same export » while one is being built.
    params = models.JSONField("paramètres", default=dict, blank=True)
    params_key = models.CharField(max_length=64, editable=False)
    state = models.CharField(
        "état", max_length=12, choices=ExportState.choices, default=ExportState.PENDING
    )
    rows_done = models.PositiveIntegerField("lignes écrites", default=0)
    rows_total = models.PositiveIntegerField("lignes prévues", default=0)
    file = models.FileField(storage=PrivateStorage(), max_length=200, blank=True)
    error = models.TextField("erreur", blank=True)
    created_at = models.DateTimeField("demandé le", auto_now_add=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    expires_at = models.DateTimeField("supprimé après", null=True, blank=True)

    class Meta:
        verbose_name = "export"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=ExportState.values), name="export_run_state_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(state=ExportState.DONE) | ~models.Q(file=""),
                name="export_run_done_has_file",
            ),
            # One export being built per person and identical request: a double click, or two
            # tabs, find the same run (the service catches the conflict).
            models.UniqueConstraint(
                fields=["requested_by", "params_key"],
                condition=models.Q(state__in=[ExportState.PENDING, ExportState.RUNNING]),
                name="export_run_once_while_building",
            ),
        ]
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self):
        return f"{self.original_name} ({self.get_state_display()})"

    @property
    def is_building(self) -> bool:
        return self.state in (ExportState.PENDING, ExportState.RUNNING)

    @property
    def is_expired(self) -> bool:
        """Past its expiry (its file is deleted by the next purge, within the hour)."""
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_document(self) -> bool:
        """A document (PDF) is built in one go: no rows, no progress to show."""
        return self.format == "pdf"

    @property
    def percent(self) -> int:
        if self.state == ExportState.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, 100 * self.rows_done // self.rows_total)

    def content_type_for_download(self) -> str:
        from .exports import CSV_TYPE, XLSX_TYPE  # openpyxl only when a file is served

        if self.is_document:
            return "application/pdf"
        return CSV_TYPE if self.format == "csv" else XLSX_TYPE
