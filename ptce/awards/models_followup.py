"""What follows a laureate's agreement besides money: its reports (interim and final, as forms
defined per call), the third party's final evaluation, and the services of the bouquet
(a catalogue per call, and who received what).

A report's questions reuse the application forms' machinery (`calls.applicant.formbuilder`
builds the fields, `calls.applicant.prefill` fills them from the pole's data): one question
table per call and report kind, no second form engine. Its life is `workflow.REPORT_WORKFLOW`,
logged in `ReportTransition`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from ptce.calls.models import QuestionKind
from ptce.core.plausible import plausible_date, plausible_date_constraint
from ptce.core.versioning import Versioned
from ptce.core.workflow import TransitionLog

# Kinds a report question may take: the plain ones (no file, commune nor repeated block: a
# report is a text the instructor reads, its annexes go to the agreement's files).
REPORT_QUESTION_KINDS = [
    (k.value, k.label)
    for k in (
        QuestionKind.SHORT_TEXT,
        QuestionKind.LONG_TEXT,
        QuestionKind.NUMBER,
        QuestionKind.AMOUNT,
        QuestionKind.DATE,
        QuestionKind.CHOICE,
        QuestionKind.MULTIPLE_CHOICE,
        QuestionKind.YES_NO,
    )
]
MAX_QUANTITY = Decimal("10000")


class ReportKind(models.TextChoices):
    INTERIM = "intermediaire", "Rapport intermédiaire"
    FINAL = "final", "Rapport final"


class ReportState(models.TextChoices):
    DRAFT = "brouillon", "Brouillon"
    SUBMITTED = "soumis", "Soumis"
    CHANGES = "a_modifier", "Modifications demandées"
    ACCEPTED = "accepte", "Accepté"


class ReportQuestion(Versioned):
    """One question of a call's interim or final report form (built by the national cell in
    the call editor, `editor_reports.py`). `prefill` names a source of
    `services_reports.REPORT_SOURCES`."""

    call = models.ForeignKey(
        "calls.Call", on_delete=models.CASCADE, related_name="report_questions"
    )
    report_kind = models.CharField("rapport", max_length=20, choices=ReportKind.choices)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    section = models.CharField("section", max_length=200, blank=True)
    key = models.SlugField("identifiant", max_length=60)
    label = models.CharField("libellé", max_length=300)
    help_text = models.TextField("aide", blank=True)
    kind = models.CharField("type", max_length=20, choices=REPORT_QUESTION_KINDS)
    required = models.BooleanField("obligatoire", default=False)
    choices = models.JSONField("choix possibles", default=list, blank=True)
    prefill = models.CharField("pré-remplissage", max_length=40, blank=True)

    class Meta:
        verbose_name = "question de rapport"
        verbose_name_plural = "questions des rapports"
        ordering = ["call", "report_kind", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "report_kind", "key"], name="one_report_question_key_per_form"
            ),
            models.CheckConstraint(
                condition=Q(report_kind__in=ReportKind.values), name="report_question_kind_known"
            ),
        ]

    def __str__(self):
        return self.label

    # What the form builder reads on a question besides the fields above.
    parent_id = None
    subquestions = ()
    max_repeats = 0


class Report(Versioned):
    """A laureate's interim or final report: answers by question key (as the application's),
    written by the coordinator, reviewed by the regional instructor."""

    agreement = models.ForeignKey(
        "awards.Agreement", on_delete=models.CASCADE, related_name="reports"
    )
    kind = models.CharField("rapport", max_length=20, choices=ReportKind.choices)
    state = models.CharField(
        "état", max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    due_date = models.DateField("à remettre le", validators=[plausible_date])
    answers = models.JSONField(default=dict, blank=True)
    review_comment = models.TextField("commentaire de l’instruction", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "rapport"
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "kind"], name="one_report_per_kind"),
            models.CheckConstraint(
                condition=Q(state__in=ReportState.values), name="report_state_known"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ReportKind.values), name="report_kind_known"
            ),
            plausible_date_constraint("due_date", "report_due_date_plausible"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.agreement}"


class ReportTransition(TransitionLog):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=ReportState.choices)
    to_state = models.CharField(max_length=20, choices=ReportState.choices)
    reason = models.TextField("commentaire", blank=True)


class FinalEvaluation(models.Model):
    """The third party's evaluation at the end of the support, written through a personal link
    (only the token's hash is kept, as for experts' opinions). `before` and `after`: the pole's
    ECARTS evaluations the closing report sets side by side."""

    agreement = models.OneToOneField(
        "awards.Agreement", on_delete=models.CASCADE, related_name="final_evaluation"
    )
    evaluator_name = models.CharField("évaluateur", max_length=200)
    evaluator_email = models.EmailField("adresse électronique de l’évaluateur")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    body = models.TextField("évaluation", blank=True)

    class Meta:
        verbose_name = "évaluation finale"
        verbose_name_plural = "évaluations finales"

    def __str__(self):
        return f"Évaluation finale par {self.evaluator_name} — {self.agreement}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.answered_at is None


class ServiceItem(Versioned):
    """A service of a call's bouquet: accompaniment days, a training, peer exchanges… (built
    by the national cell in the call editor, `editor_bouquet.py`)."""

    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="service_items")
    label = models.CharField("service", max_length=200)
    unit = models.CharField("unité", max_length=40, default="journée")
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "service du bouquet"
        verbose_name_plural = "services du bouquet"
        ordering = ["call", "position", "label", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "label"], name="one_service_label_per_call")
        ]

    def __str__(self):
        return self.label


class ServiceDelivery(models.Model):
    """What a laureate received of the bouquet: a quantity of a service on a date."""

    agreement = models.ForeignKey(
        "awards.Agreement", on_delete=models.CASCADE, related_name="deliveries"
    )
    item = models.ForeignKey(ServiceItem, on_delete=models.PROTECT, related_name="deliveries")
    quantity = models.DecimalField(
        "quantité",
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_QUANTITY)],
    )
    date = models.DateField("date", validators=[plausible_date])
    note = models.CharField("précision", max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "service rendu"
        verbose_name_plural = "services rendus"
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0, quantity__lte=MAX_QUANTITY),
                name="service_quantity_plausible",
            ),
            plausible_date_constraint("date", "service_date_plausible"),
        ]

    def __str__(self):
        return f"{self.quantity} {self.item.unit} — {self.item}"
