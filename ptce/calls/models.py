"""Calls for expressions of interest (AMI), their phases and forms, and the applications.

A call has phases (e.g. 1 « reconnaissance et accompagnement », 2 « soutien financier »); each
phase has its window (or permanent mode), eligibility rules, a form (sections of typed
questions) and a scoring grid. An application is one pole's file for one phase; its life is the
transition table of `workflow.py`, logged in `ApplicationTransition`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ptce.assessments.uploads import EvidenceStorage

# The instruction's records live in their own module; importing them here registers them and
# keeps `from ptce.calls.models import Opinion` working.
from .models_instruction import Annotation, Message, Opinion, Score, WebhookDelivery  # noqa: F401


class Call(models.Model):
    name = models.CharField("nom", max_length=200)
    slug = models.SlugField("adresse courte", max_length=80, unique=True)
    year = models.PositiveSmallIntegerField("année")
    summary = models.CharField("résumé", max_length=300, blank=True)
    description = models.TextField("description", blank=True)
    is_published = models.BooleanField(
        "publié", default=False, help_text="Un appel publié apparaît sur les pages publiques."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "appel à manifestation d’intérêt"
        verbose_name_plural = "appels à manifestation d’intérêt"
        ordering = ["-year", "name"]

    def __str__(self):
        return self.name


class CallDocument(models.Model):
    """A public document of the call (cahier des charges, FAQ…): a file or a link."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField("titre", max_length=200)
    file = models.FileField("fichier", upload_to="appels/", blank=True)
    url = models.URLField("lien", blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "document de l’appel"
        verbose_name_plural = "documents de l’appel"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class SupportType(models.TextChoices):
    SERVICES = "services", "Bouquet de services (accompagnement)"
    FINANCIAL = "financier", "Soutien financier"
    OTHER = "autre", "Autre"


class RequirementMode(models.TextChoices):
    LAUREATE = "laureat", "Être lauréat de la phase requise"
    LAUREATE_OR_JOINT = "laureat_ou_conjoint", "Être lauréat ou déposer en même temps"


class Phase(models.Model):
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
    opens_on = models.DateField("ouverture", null=True, blank=True)
    closes_on = models.DateField("clôture", null=True, blank=True)
    is_permanent = models.BooleanField(
        "mode permanent",
        default=False,
        help_text="Dépôt au fil de l’eau jusqu’à la date de clôture, instruction à l’arrivée.",
    )
    # Eligibility rules, checked automatically (see `eligibility.py`).
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
            models.UniqueConstraint(fields=["call", "number"], name="one_phase_number_per_call")
        ]

    def __str__(self):
        return f"{self.call} — phase {self.number} : {self.name}"


class Section(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField("ordre", default=0)
    title = models.CharField("titre", max_length=200)
    help_text = models.TextField("aide", blank=True)

    class Meta:
        verbose_name = "section du formulaire"
        verbose_name_plural = "sections du formulaire"
        ordering = ["phase", "position", "pk"]

    def __str__(self):
        return self.title


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "texte_court", "Texte court"
    LONG_TEXT = "texte_long", "Texte long"
    NUMBER = "nombre", "Nombre"
    AMOUNT = "montant", "Montant (€)"
    DATE = "date", "Date"
    CHOICE = "choix", "Choix unique"
    MULTIPLE_CHOICE = "choix_multiple", "Choix multiple"
    YES_NO = "oui_non", "Oui / non"
    FILE = "fichier", "Fichier"
    COMMUNE = "commune", "Commune"
    REPEATED = "bloc_repete", "Bloc répété"


class Question(models.Model):
    """A typed question. A question with a `parent` (of kind « bloc répété ») is one field of
    each repetition of that block. `prefill` names a source of `prefill.PREFILL_SOURCES`."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="bloc répété parent",
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    key = models.SlugField(
        "identifiant", max_length=60, help_text="Unique dans la phase ; sert aux exports."
    )
    label = models.CharField("libellé", max_length=300)
    help_text = models.TextField("aide", blank=True)
    kind = models.CharField("type", max_length=20, choices=QuestionKind.choices)
    required = models.BooleanField("obligatoire", default=False)
    choices = models.JSONField(
        "choix possibles", default=list, blank=True, help_text="Liste de libellés."
    )
    prefill = models.CharField("pré-remplissage", max_length=40, blank=True)
    max_repeats = models.PositiveSmallIntegerField("répétitions au plus", default=10)

    class Meta:
        verbose_name = "question"
        ordering = ["section", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["section", "key"], name="one_question_key_per_section")
        ]

    def __str__(self):
        return self.label


class ScoringCriterion(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField("ordre", default=0)
    label = models.CharField("critère", max_length=300)
    help_text = models.TextField("aide", blank=True)
    weight = models.PositiveSmallIntegerField("pondération", default=1)
    max_score = models.PositiveSmallIntegerField("note maximale", default=5)

    class Meta:
        verbose_name = "critère de notation"
        verbose_name_plural = "grille de notation"
        ordering = ["phase", "position", "pk"]

    def __str__(self):
        return self.label


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
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="applications")
    state = models.CharField(
        "état", max_length=20, choices=ApplicationState.choices, default=ApplicationState.DRAFT
    )
    # Draft answers, by question key (a repeated block holds a list of dicts); `snapshot` is
    # what was submitted (answers and the pole's data) at the last submission.
    answers = models.JSONField(default=dict, blank=True)
    snapshot = models.JSONField(default=dict, blank=True)
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
    co_editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="coedited_applications"
    )
    assigned_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_applications"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
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
            )
        ]

    def __str__(self):
        return f"{self.pole} — {self.phase}"

    @property
    def is_decided(self) -> bool:
        return self.state in DECISION_STATES


class ApplicationTransition(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="transitions"
    )
    from_state = models.CharField(max_length=20, choices=ApplicationState.choices)
    to_state = models.CharField(max_length=20, choices=ApplicationState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    motivation = models.TextField("motivation", blank=True)

    class Meta:
        verbose_name = "changement d’état"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.application} : {self.from_state} → {self.to_state}"


class ApplicationFile(models.Model):
    """A file answering a « fichier » question; stored privately, served after a permission
    check. `question_key` may be « bloc.index.cle » inside a repeated block."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    question_key = models.CharField(max_length=200)
    file = models.FileField(max_length=300, storage=EvidenceStorage())
    original_name = models.CharField("nom du fichier", max_length=255)
    size = models.PositiveIntegerField("taille (octets)")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "pièce jointe"
        ordering = ["question_key", "pk"]

    def __str__(self):
        return self.original_name
