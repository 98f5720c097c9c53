"""Calls for expressions of interest (AMI) and their phases.

A call has phases (e.g. 1 « reconnaissance et accompagnement », 2 « soutien financier »); each
phase has its window (or permanent mode), eligibility rules (`applicant/eligibility.py`), the
support offered, a form and a scoring grid (`forms.py`) and public documents.
"""

from django.db import models
from django.db.models import Q

from ptce.core.plausible import plausible_date, plausible_date_constraint
from ptce.core.versioning import Versioned

from ..letters import DEFAULT_LAUREATE, DEFAULT_OTHER, HELP_TEXT, validate_letter_template


def call_title(name: str, year) -> str:
    """The call's name with its year, unless the name already says it (« AMI PTCE 2021 », not
    « AMI PTCE 2021 (2021) »)."""
    return name if str(year) in name else f"{name} ({year})"


class Call(Versioned):
    name = models.CharField("nom", max_length=200)
    slug = models.SlugField("adresse courte", max_length=80, unique=True)
    year = models.PositiveSmallIntegerField("année")
    summary = models.CharField("résumé", max_length=300, blank=True)
    description = models.TextField("description", blank=True)
    is_published = models.BooleanField(
        "publié", default=False, help_text="Un appel publié apparaît sur les pages publiques."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The models of the decision letters (`ptce/calls/letters.py`), filled for each decision.
    letter_laureate = models.TextField(
        "lettre de décision : lauréat",
        default=DEFAULT_LAUREATE,
        blank=True,
        help_text=HELP_TEXT,
        validators=[validate_letter_template],
    )
    letter_other = models.TextField(
        "lettre de décision : non retenue ou classée sans suite",
        default=DEFAULT_OTHER,
        blank=True,
        help_text=HELP_TEXT,
        validators=[validate_letter_template],
    )

    class Meta:
        verbose_name = "appel à manifestation d’intérêt"
        verbose_name_plural = "appels à manifestation d’intérêt"
        ordering = ["-year", "name"]

    def __str__(self):
        return self.name

    @property
    def title(self) -> str:
        return call_title(self.name, self.year)


class CallDocument(Versioned):
    """A public document of the call (cahier des charges, FAQ…): a file (in the public storage,
    checked on upload by `ptce.core.files.validate_upload`) or a link, never neither."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField("titre", max_length=200)
    file = models.FileField("fichier", upload_to="appels/", blank=True)
    url = models.URLField("lien", blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "document de l’appel"
        verbose_name_plural = "documents de l’appel"
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(file="") & Q(url="")),
                name="call_document_file_or_link",
                violation_error_message="Joignez un fichier ou indiquez un lien.",
            ),
        ]

    def __str__(self):
        return self.title


class SupportType(models.TextChoices):
    SERVICES = "services", "Bouquet de services (accompagnement)"
    FINANCIAL = "financier", "Soutien financier"
    OTHER = "autre", "Autre"


class RequirementMode(models.TextChoices):
    LAUREATE = "laureat", "Être lauréat de la phase requise"
    LAUREATE_OR_JOINT = "laureat_ou_conjoint", "Être lauréat ou déposer en même temps"


class Phase(Versioned):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField("numéro", default=1)
    name = models.CharField("nom", max_length=200)
    description = models.TextField("description", blank=True)
    is_recognition = models.BooleanField(
        "phase de reconnaissance",
        default=False,
        help_text="Un lauréat de cette phase passe à l’étape « Reconnu par l’État ».",
    )
    # The support offered.
    support_type = models.CharField(
        "type de soutien", max_length=20, choices=SupportType.choices, default=SupportType.SERVICES
    )
    support_description = models.TextField("soutien proposé", blank=True)
    amount_per_laureate = models.DecimalField(
        "montant par lauréat (€)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    total_budget = models.DecimalField(
        "enveloppe totale (€)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    # The window, or permanent mode: rolling submissions, instructed as they arrive.
    opens_on = models.DateField("ouverture", null=True, blank=True, validators=[plausible_date])
    closes_on = models.DateField("clôture", null=True, blank=True, validators=[plausible_date])
    is_permanent = models.BooleanField(
        "mode permanent",
        default=False,
        help_text="Dépôt au fil de l’eau, instruction à l’arrivée ; la date de clôture est "
        "facultative.",
    )
    # Eligibility rules, checked automatically (see `applicant/eligibility.py`).
    requires_compliance = models.BooleanField("conformité à l’article 9 exigée", default=True)
    minimum_stage = models.PositiveSmallIntegerField(
        "étape minimale", null=True, blank=True, choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4")]
    )
    regions = models.ManyToManyField(
        "territories.Region",
        blank=True,
        related_name="call_phases",
        verbose_name="régions éligibles",
        help_text="Vide : toutes les régions.",
    )
    requires_phase = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="required_by",
        verbose_name="phase préalable",
    )
    requirement_mode = models.CharField(
        "condition sur la phase préalable",
        max_length=30,
        choices=RequirementMode.choices,
        default=RequirementMode.LAUREATE,
    )

    class Meta:
        verbose_name = "phase"
        ordering = ["call", "number"]
        constraints = [
            plausible_date_constraint("opens_on", "phase_opens_on_plausible"),
            plausible_date_constraint("closes_on", "phase_closes_on_plausible"),
            models.UniqueConstraint(fields=["call", "number"], name="one_phase_number_per_call"),
            models.CheckConstraint(
                condition=Q(opens_on__isnull=True)
                | Q(closes_on__isnull=True)
                | Q(closes_on__gte=models.F("opens_on")),
                name="phase_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return f"{self.call} — phase {self.number} : {self.name}"
