"""After the decision: a laureate's support agreement (convention de soutien), its instalments
(versements), its monitoring committees (comités de suivi) and their files.

The decree of 15 April 2015 ties the State's support to a convention, paid in instalments that
may be suspended, followed by a committee at least twice a year. The lives of an agreement and
of an instalment are the tables of `workflow.py`, logged in `AgreementTransition` and
`InstalmentTransition`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from ptce.core.files import PrivateFile, PrivateStorage
from ptce.core.plausible import plausible_date, plausible_date_constraint
from ptce.core.versioning import Versioned
from ptce.core.workflow import TransitionLog
from ptce.organisations.validators import validate_siret

# A PTCE grant is tens of thousands of euros; ten millions is a typing error, not a grant.
MAX_AMOUNT = Decimal("10000000")
MAX_MONTHS = 120


class AgreementState(models.TextChoices):
    DRAFT = "brouillon", "Brouillon"
    SIGNED = "signee", "Signée"
    RUNNING = "en_cours", "En cours"
    CLOSED = "cloturee", "Clôturée"
    SUSPENDED = "suspendue", "Suspendue"
    TERMINATED = "resiliee", "Résiliée"


# Signed or later: the agreement exists for the public (open data).
PUBLIC_STATES = (
    AgreementState.SIGNED,
    AgreementState.RUNNING,
    AgreementState.CLOSED,
    AgreementState.SUSPENDED,
    AgreementState.TERMINATED,
)


def _amount_field(label: str, **kwargs):
    return models.DecimalField(
        label,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_AMOUNT)],
        **kwargs,
    )


def _amount_constraint(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True})
        | Q(**{f"{field}__gt": 0, f"{field}__lte": MAX_AMOUNT}),
        name=name,
    )


class Agreement(Versioned):
    """The convention de soutien of one laureate application: a grant (`amount_granted`) or the
    services of the bouquet (`services`), over `duration_months`."""

    application = models.ForeignKey(
        "calls.Application", on_delete=models.PROTECT, related_name="agreements"
    )
    state = models.CharField(
        "état", max_length=20, choices=AgreementState.choices, default=AgreementState.DRAFT
    )
    state_reason = models.TextField("motif du dernier changement d’état", blank=True)
    amount_granted = _amount_field("subvention accordée (€)", null=True, blank=True)
    services = models.TextField(
        "bouquet de services",
        blank=True,
        help_text="Pour un soutien en services (phase 1) : journées d’accompagnement, formations…",
    )
    purpose = models.CharField(
        "objet", max_length=255, help_text="L’objet du soutien, publié en données ouvertes."
    )
    duration_months = models.PositiveSmallIntegerField(
        "durée (mois)", default=24, validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHS)]
    )
    start_date = models.DateField("début", null=True, blank=True, validators=[plausible_date])
    end_date = models.DateField("fin", null=True, blank=True, validators=[plausible_date])
    signed_on = models.DateField(
        "date de signature", null=True, blank=True, validators=[plausible_date]
    )
    conditions = models.TextField("conditions", blank=True)
    signatories = models.TextField("signataires", blank=True, help_text="Un par ligne.")
    decision_reference = models.CharField("référence de la décision", max_length=100, blank=True)
    grantor_name = models.CharField("attribuant", max_length=200)
    grantor_siret = models.CharField(
        "SIRET de l’attribuant", max_length=14, blank=True, validators=[validate_siret]
    )
    beneficiary_name = models.CharField("bénéficiaire", max_length=200)
    beneficiary_siret = models.CharField(
        "SIRET du bénéficiaire", max_length=14, blank=True, validators=[validate_siret]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "convention de soutien"
        verbose_name_plural = "conventions de soutien"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["application"], name="one_agreement_per_application"),
            models.CheckConstraint(
                condition=Q(state__in=AgreementState.values), name="agreement_state_known"
            ),
            _amount_constraint("amount_granted", "agreement_amount_plausible"),
            models.CheckConstraint(
                condition=Q(duration_months__gte=1, duration_months__lte=MAX_MONTHS),
                name="agreement_duration_plausible",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="agreement_ends_after_start",
            ),
            plausible_date_constraint("start_date", "agreement_start_date_plausible"),
            plausible_date_constraint("end_date", "agreement_end_date_plausible"),
            plausible_date_constraint("signed_on", "agreement_signed_on_plausible"),
        ]

    def __str__(self):
        return f"Convention — {self.application}"

    @property
    def is_grant(self) -> bool:
        return self.amount_granted is not None


class AgreementTransition(TransitionLog):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=AgreementState.choices)
    to_state = models.CharField(max_length=20, choices=AgreementState.choices)
    reason = models.TextField("motif", blank=True)

    def __str__(self):
        return f"{self.agreement} : {self.from_state} → {self.to_state}"


class InstalmentState(models.TextChoices):
    PLANNED = "prevu", "Prévu"
    REQUESTED = "demande", "Demandé"
    APPROVED = "approuve", "Approuvé"
    PAID = "verse", "Versé"
    SUSPENDED = "suspendu", "Suspendu"


class Instalment(models.Model):
    """One payment of the schedule; paid with its date and the amount actually paid."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="instalments")
    amount = _amount_field("montant (€)")
    due_date = models.DateField("échéance", validators=[plausible_date])
    condition = models.CharField(
        "condition",
        max_length=255,
        blank=True,
        help_text="Par exemple « rapport intermédiaire reçu ».",
    )
    condition_met = models.BooleanField("condition remplie", default=False)
    state = models.CharField(
        "état", max_length=20, choices=InstalmentState.choices, default=InstalmentState.PLANNED
    )
    state_reason = models.TextField("motif", blank=True)
    paid_on = models.DateField("versé le", null=True, blank=True, validators=[plausible_date])
    paid_amount = _amount_field("montant versé (€)", null=True, blank=True)

    class Meta:
        verbose_name = "versement"
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=InstalmentState.values), name="instalment_state_known"
            ),
            _amount_constraint("amount", "instalment_amount_plausible"),
            _amount_constraint("paid_amount", "instalment_paid_amount_plausible"),
            models.CheckConstraint(
                condition=~Q(state=InstalmentState.PAID)
                | Q(paid_on__isnull=False, paid_amount__isnull=False),
                name="instalment_paid_has_date_and_amount",
            ),
            plausible_date_constraint("due_date", "instalment_due_date_plausible"),
            plausible_date_constraint("paid_on", "instalment_paid_on_plausible"),
        ]

    def __str__(self):
        return f"Versement de {self.amount} € au {self.due_date:%d/%m/%Y}"


class InstalmentTransition(TransitionLog):
    instalment = models.ForeignKey(Instalment, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=InstalmentState.choices)
    to_state = models.CharField(max_length=20, choices=InstalmentState.choices)
    reason = models.TextField("motif", blank=True)


class Committee(models.Model):
    """A monitoring committee, held or planned (its date says which)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="committees")
    date = models.DateField("date", validators=[plausible_date])
    attendees = models.TextField(
        "participants", blank=True, help_text="Un par ligne : État, région, pôle, partenaires."
    )
    decisions = models.TextField("décisions", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "comité de suivi"
        verbose_name_plural = "comités de suivi"
        ordering = ["date", "pk"]
        constraints = [plausible_date_constraint("date", "committee_date_plausible")]

    def __str__(self):
        return f"Comité de suivi du {self.date:%d/%m/%Y}"


class AgreementFile(PrivateFile):
    """The signed convention (no committee) or a committee's minutes."""

    FOLDER = "conventions"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="files")
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, null=True, blank=True, related_name="minutes"
    )
    file = models.FileField(max_length=300, storage=PrivateStorage())
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = "document de convention"
        ordering = ["-uploaded_at", "-pk"]


# Reports, final evaluation, services of the bouquet: their own module (this one stays short).
from .models_followup import (  # noqa: E402, F401
    FinalEvaluation,
    Report,
    ReportKind,
    ReportQuestion,
    ReportState,
    ReportTransition,
    ServiceDelivery,
    ServiceItem,
)
