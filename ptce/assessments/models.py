"""The ECARTS référentiel (versioned reference data) and the evaluations that use it.

Référentiel rows are written only by the loader (`referentiel_load`); a version used by an
evaluation is never changed. Evaluations move through the states of `workflow.TRANSITIONS`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from ptce.core.files import PrivateFile, PrivateStorage, random_name
from ptce.core.plausible import (
    plausible_date,
    plausible_date_constraint,
)
from ptce.core.versioning import Versioned
from ptce.core.workflow import TransitionLog

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Referentiel(models.Model):
    code = models.SlugField("code", max_length=80, unique=True)
    name = models.CharField("nom", max_length=200)
    theme = models.TextField("thème d’action")
    introduction = models.TextField("présentation", blank=True)
    usage_note = models.TextField("mode d’emploi", blank=True)
    source = models.TextField("source", blank=True)
    proposal_note = models.TextField("note sur les contenus proposés par la plateforme", blank=True)
    is_default = models.BooleanField("version par défaut", default=False)
    source_digest = models.CharField(
        "empreinte du fichier chargé",
        max_length=64,
        blank=True,
        editable=False,
        help_text="SHA-256 du contenu chargé en dernier par `referentiel_load`.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "référentiel"
        ordering = ["-is_default", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_referentiel",
            )
        ]

    def __str__(self):
        return self.name


class GeneralObjective(models.Model):
    referentiel = models.ForeignKey(
        Referentiel,
        on_delete=models.CASCADE,
        related_name="general_objectives",
        verbose_name="référentiel",
    )
    position = models.PositiveSmallIntegerField()
    title = models.CharField("objectif général", max_length=300)

    class Meta:
        verbose_name = "objectif général"
        verbose_name_plural = "objectifs généraux"
        ordering = ["referentiel", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["referentiel", "position"], name="one_general_objective_per_position"
            )
        ]

    def __str__(self):
        return self.title


class PrincipalObjective(models.Model):
    general_objective = models.ForeignKey(
        GeneralObjective,
        on_delete=models.CASCADE,
        related_name="principal_objectives",
        verbose_name="objectif général",
    )
    position = models.PositiveSmallIntegerField()
    title = models.CharField("objectif principal", max_length=300)

    class Meta:
        verbose_name = "objectif principal"
        verbose_name_plural = "objectifs principaux"
        ordering = ["general_objective", "position"]

    def __str__(self):
        return self.title


class Criterion(models.Model):
    referentiel = models.ForeignKey(
        Referentiel, on_delete=models.CASCADE, related_name="criteria", verbose_name="référentiel"
    )
    principal_objective = models.OneToOneField(
        PrincipalObjective,
        on_delete=models.CASCADE,
        related_name="criterion",
        verbose_name="objectif principal",
    )
    letter = models.CharField("lettre", max_length=1)
    statement = models.TextField("critère")
    footnote = models.TextField("note", blank=True)
    guiding_questions = models.JSONField("points d’observation", default=list, blank=True)
    evidence_examples = models.JSONField("exemples de preuves", default=list, blank=True)
    terms = models.ManyToManyField(
        "LexiconTerm", blank=True, related_name="criteria", verbose_name="termes du lexique"
    )

    class Meta:
        verbose_name = "critère"
        ordering = ["referentiel", "letter"]
        constraints = [
            models.UniqueConstraint(
                fields=["referentiel", "letter"], name="one_criterion_per_letter"
            )
        ]

    def __str__(self):
        return f"{self.letter}. {self.statement}"


class LevelDescriptor(models.Model):
    """The generic 1–5 scale: the seed gives the numbers, the platform proposes the words."""

    referentiel = models.ForeignKey(
        Referentiel, on_delete=models.CASCADE, related_name="levels", verbose_name="référentiel"
    )
    level = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    label = models.CharField("intitulé", max_length=100)
    description = models.TextField("descripteur")

    class Meta:
        verbose_name = "niveau de l’échelle"
        verbose_name_plural = "niveaux de l’échelle"
        ordering = ["referentiel", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["referentiel", "level"], name="one_descriptor_per_level"
            )
        ]

    def __str__(self):
        return f"{self.level} — {self.label}"


class LexiconTerm(models.Model):
    referentiel = models.ForeignKey(
        Referentiel, on_delete=models.CASCADE, related_name="terms", verbose_name="référentiel"
    )
    slug = models.SlugField(max_length=80)
    term = models.CharField("terme", max_length=120)
    definition = models.TextField("définition")

    class Meta:
        verbose_name = "terme du lexique"
        verbose_name_plural = "lexique"
        ordering = ["referentiel", "term"]
        constraints = [
            models.UniqueConstraint(fields=["referentiel", "slug"], name="one_term_per_slug")
        ]

    def __str__(self):
        return self.term


class EvaluationState(models.TextChoices):
    DRAFT = "brouillon", "Brouillon"
    OPEN = "ouverte", "Ouverte"
    CONSOLIDATION = "consolidation", "En consolidation"
    VALIDATED = "validee", "Validée"


class EvaluationMode(models.TextChoices):
    SELF = "auto", "Auto-évaluation collective"
    PEER = "croisee", "Évaluation croisée par un pôle pair"
    EXTERNAL = "externe", "Évaluation externe"


class Evaluation(Versioned):
    """`version`: its settings and its consolidation are edited through versioned forms."""

    # PROTECT: deleting a pole never deletes its validated evaluations.
    pole = models.ForeignKey("poles.Pole", on_delete=models.PROTECT, related_name="evaluations")
    referentiel = models.ForeignKey(
        Referentiel,
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name="référentiel",
    )
    title = models.CharField("titre", max_length=200)
    period_start = models.DateField(
        "début de la période", null=True, blank=True, validators=[plausible_date]
    )
    period_end = models.DateField(
        "fin de la période", null=True, blank=True, validators=[plausible_date]
    )
    mode = models.CharField(
        "mode", max_length=20, choices=EvaluationMode.choices, default=EvaluationMode.SELF
    )
    deadline = models.DateField(
        "date limite des feuilles", null=True, blank=True, validators=[plausible_date]
    )
    state = models.CharField(
        "état", max_length=20, choices=EvaluationState.choices, default=EvaluationState.DRAFT
    )
    synthesis = models.TextField("synthèse", blank=True)
    is_public = models.BooleanField(
        "radar publié",
        default=False,
        help_text="Le radar d’une évaluation validée apparaît sur la page publique du pôle.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    # The last reminder of a consolidation waiting (`reminders.py`).
    consolidation_reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "évaluation"
        ordering = ["-created_at"]
        constraints = [
            plausible_date_constraint("period_start", "evaluation_period_start_plausible"),
            plausible_date_constraint("period_end", "evaluation_period_end_plausible"),
            plausible_date_constraint("deadline", "evaluation_deadline_plausible"),
            models.CheckConstraint(
                condition=Q(state__in=EvaluationState.values), name="evaluation_state_known"
            ),
            # Validated means locked with its date: the lock and the links' expiry read it.
            models.CheckConstraint(
                condition=~Q(state=EvaluationState.VALIDATED) | Q(validated_at__isnull=False),
                name="evaluation_validated_has_its_date",
            ),
        ]

    def __str__(self):
        return f"{self.title} — {self.pole}"


class EvaluationTransition(TransitionLog):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=EvaluationState.choices)
    to_state = models.CharField(max_length=20, choices=EvaluationState.choices)
    reason = models.TextField("motif", blank=True)

    def __str__(self):
        return f"{self.evaluation} : {self.from_state} → {self.to_state}"


class Rater(models.Model):
    """One person's observation sheet: a pole member, an invited outsider, or a paper sheet."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="raters")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rater_sheets",
    )
    name = models.CharField("nom", max_length=200)
    email = models.EmailField("adresse électronique", blank=True)
    is_external = models.BooleanField("personne extérieure", default=False)
    token = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Feuille papier saisie par la coordination.",
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The reminder before the deadline, sent once (`reminders.py`).
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "évaluateur ou évaluatrice"
        verbose_name_plural = "évaluateurs"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "user"],
                condition=models.Q(user__isnull=False),
                name="one_sheet_per_user_and_evaluation",
            )
        ]

    def __str__(self):
        return self.name


class Answer(models.Model):
    rater = models.ForeignKey(Rater, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(
        "note",
        null=True,
        blank=True,
        validators=SCORE_VALIDATORS,
        help_text="Vide : ne se prononce pas.",
    )
    observation = models.TextField("ce que j’ai observé", blank=True)
    evidence_links = models.TextField("liens vers des preuves", blank=True)
    improvement = models.TextField("piste d’amélioration", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "réponse"
        constraints = [
            models.UniqueConstraint(fields=["rater", "criterion"], name="one_answer_per_criterion"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="answer_score_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.rater} — {self.criterion.letter}"


def evidence_path(instance, filename: str) -> str:
    """The name `PrivateFile.keep` gives an evidence file (also the field's, for its migration)."""
    return random_name(EvidenceFile.FOLDER, filename)


class EvidenceFile(PrivateFile):
    FOLDER = "preuves"

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=evidence_path, storage=PrivateStorage(), max_length=200)
    content_type = models.CharField(max_length=100)

    class Meta:
        verbose_name = "pièce justificative"

    def content_type_for_download(self) -> str:
        return self.content_type


class ConsolidatedScore(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="consolidated_scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        "note retenue", null=True, blank=True, validators=SCORE_VALIDATORS
    )
    comment = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "note consolidée"
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="one_consolidated_score_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="consolidated_score_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.evaluation} — {self.criterion.letter} : {self.score}"


class ActionItem(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="action_items"
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    what = models.TextField("ce qu’il faut améliorer")
    who = models.CharField("qui", max_length=200, blank=True)
    due_on = models.DateField("échéance", null=True, blank=True, validators=[plausible_date])

    class Meta:
        verbose_name = "action d’amélioration"
        # Dated items first on every database (NULLs sort first on SQLite, last on PostgreSQL).
        ordering = [models.F("due_on").asc(nulls_last=True), "pk"]
        constraints = [
            plausible_date_constraint("due_on", "actionitem_due_on_plausible"),
        ]

    def __str__(self):
        return self.what[:80]
