"""An application is one pole's file for one phase; its life is the transition table of
`ptce/calls/workflow.py`, logged in `ApplicationTransition`; its files are `ApplicationFile`."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ptce.core.files import PrivateFile, PrivateStorage
from ptce.core.workflow import TransitionLog

from .calls import Phase


class ApplicationState(models.TextChoices):
    DRAFT = "brouillon", "Brouillon"
    SUBMITTED = "deposee", "Déposée"
    INSTRUCTION = "en_instruction", "En instruction"
    COMPLEMENT = "complement", "Complément demandé"
    LAUREATE = "laureate", "Lauréate"
    REJECTED = "non_retenue", "Non retenue"
    CLOSED = "sans_suite", "Classée sans suite"
    WITHDRAWN = "retiree", "Retirée"


DECISION_STATES = (ApplicationState.LAUREATE, ApplicationState.REJECTED, ApplicationState.CLOSED)
FINAL_STATES = (*DECISION_STATES, ApplicationState.WITHDRAWN)


class Application(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="applications")
    # PROTECT: a pole with applications is archived, never deleted with the State's records.
    pole = models.ForeignKey("poles.Pole", on_delete=models.PROTECT, related_name="applications")
    state = models.CharField(
        "état", max_length=20, choices=ApplicationState.choices, default=ApplicationState.DRAFT
    )
    # Draft answers, by question key (a repeated block holds a list of dicts); `snapshot` is
    # what was submitted (answers and the pole's data) at the last submission.
    answers = models.JSONField(default=dict, blank=True)
    snapshot = models.JSONField(default=dict, blank=True)
    # The edit version of each part that has its own form (`core.versioning.lock_part_version`):
    # a section by its pk, the scoring grid as « notes ». Two people editing two sections never
    # conflict; the same section saved from a stale page does.
    versions = models.JSONField(default=dict, blank=True, editable=False)
    joint_with = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="joint_applications",
        verbose_name="déposée avec la candidature",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The frozen revision of the phase's form it answered (None: the current form; see
    # `revisions.py`): set when the form it was deposited against is revised.
    form_revision = models.ForeignKey(
        "calls.FormRevision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name="révision du formulaire",
    )
    co_editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="coedited_applications"
    )
    assigned_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_applications"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Where the application is instructed: the pole's région and main département at its first
    # submission, kept whatever the pole's territory becomes; only the national cell moves it
    # (`instruction.services.application_region_move`, logged in `ApplicationRegionChange`).
    region = models.ForeignKey(
        "territories.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name="région d’instruction",
    )
    departement = models.ForeignKey(
        "territories.Departement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name="département d’instruction",
    )
    first_submitted_at = models.DateTimeField("premier dépôt", null=True, blank=True)
    submitted_at = models.DateTimeField("dernier dépôt", null=True, blank=True)
    # The regional proposal, then the national decision.
    proposal = models.CharField(
        "proposition", max_length=20, choices=ApplicationState.choices, blank=True
    )
    proposal_motivation = models.TextField("motivation de la proposition", blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField("date de décision", null=True, blank=True)
    decision_motivation = models.TextField("motivation de la décision", blank=True)
    # Why the national cell decided with no regional proposal (empty when there was one).
    without_proposal_reason = models.TextField(
        "motif d’une décision sans proposition régionale", blank=True
    )
    support_granted = models.TextField("soutien accordé", blank=True)
    amount_granted = models.DecimalField(
        "montant accordé (€)", max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = "candidature"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["phase", "pole"],
                condition=~Q(state="retiree"),
                name="one_live_application_per_pole_and_phase",
            ),
            models.CheckConstraint(
                condition=Q(state__in=ApplicationState.values), name="application_state_known"
            ),
            models.CheckConstraint(
                condition=Q(amount_granted__isnull=True) | Q(amount_granted__gte=0),
                name="application_amount_granted_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.pole} — {self.phase}"

    @property
    def instruction_region_id(self):
        """The région whose instructors have the file: frozen at the first submission; before
        it, the pole's."""
        return self.region_id if self.region_id is not None else self.pole.region_id

    @property
    def is_decided(self) -> bool:
        return self.state in DECISION_STATES


class ApplicationTransition(TransitionLog):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="transitions"
    )
    from_state = models.CharField(max_length=20, choices=ApplicationState.choices)
    to_state = models.CharField(max_length=20, choices=ApplicationState.choices)
    motivation = models.TextField("motivation", blank=True)

    def __str__(self):
        return f"{self.application} : {self.from_state} → {self.to_state}"


class ApplicationFile(PrivateFile):
    """A file answering a « fichier » question; stored privately, served after a permission
    check. `question_key` may be « bloc.index.cle » inside a repeated block."""

    FOLDER = "candidatures"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    question_key = models.CharField(max_length=200)
    file = models.FileField(max_length=300, storage=PrivateStorage())
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "pièce jointe"
        ordering = ["question_key", "pk"]


class ApplicationRegionChange(models.Model):
    """The national cell moved an application to another région's instruction."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="region_changes"
    )
    from_region = models.ForeignKey(
        "territories.Region", on_delete=models.PROTECT, null=True, related_name="+"
    )
    to_region = models.ForeignKey("territories.Region", on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField("motif")

    class Meta:
        verbose_name = "changement de région d’instruction"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.application} : {self.from_region_id} → {self.to_region_id}"
