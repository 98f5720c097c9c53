"""A phase's form (sections of typed questions, built in the admin) and its scoring grid."""

from django.db import models
from django.db.models import Q

from ptce.core.versioning import Versioned

from .calls import Phase


class Section(Versioned):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="sections")
    # None: the phase's current form; else the frozen revision it belongs to (`revisions.py`).
    revision = models.ForeignKey(
        "calls.FormRevision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sections",
        verbose_name="révision figée",
    )
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


class Question(Versioned):
    """A typed question. A question with a `parent` (of kind « bloc répété ») is one field of
    each repetition of that block. `prefill` names a source of
    `applicant.prefill.PREFILL_SOURCES`."""

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


class ScoringCriterion(Versioned):
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
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=100), name="criterion_weight_1_to_100"
            ),
            models.CheckConstraint(
                condition=Q(max_score__gte=1, max_score__lte=100),
                name="criterion_max_score_1_to_100",
            ),
        ]

    def __str__(self):
        return self.label
