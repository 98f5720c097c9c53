"""Steps 2 and 3: territory needs and topics, strategic objectives, cooperation actions and
their funding."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower

from ptce.core.plausible import (
    plausible_date,
    plausible_date_constraint,
)
from ptce.core.versioning import Versioned


class TerritoryNeed(Versioned):
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="needs")
    title = models.CharField("besoin", max_length=200)
    theme = models.CharField("thème", max_length=100, blank=True)
    description = models.TextField("description", blank=True)
    source = models.TextField("source ou éléments de preuve", blank=True)
    affected = models.CharField("qui est concerné", max_length=300, blank=True)
    is_covered_elsewhere = models.BooleanField(
        "déjà couvert par un autre acteur du territoire", default=False
    )
    covered_by = models.CharField("par qui", max_length=300, blank=True)
    is_public = models.BooleanField("visible sur la page publique", default=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "besoin du territoire"
        verbose_name_plural = "besoins du territoire"
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                Lower("title"),
                "pole",
                name="one_need_per_title_and_pole",
                violation_error_message="Un besoin du pôle porte déjà ce titre.",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_untreated(self) -> bool:
        """« Besoin non traité »: nobody else covers it on the territory."""
        return not self.is_covered_elsewhere


class Topic(Versioned):
    """A subject the members propose to co-construct (step 2)."""

    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="topics")
    title = models.CharField("sujet", max_length=200)
    description = models.TextField("description", blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "sujet à co-construire"
        verbose_name_plural = "sujets à co-construire"
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                Lower("title"),
                "pole",
                name="one_topic_per_title_and_pole",
                violation_error_message="Un sujet du pôle porte déjà ce titre.",
            )
        ]

    def __str__(self):
        return self.title


class TopicNeedLink(models.Model):
    """A cell of the topics × needs matrix: this topic answers that need, this strongly."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="need_links")
    need = models.ForeignKey(TerritoryNeed, on_delete=models.CASCADE, related_name="topic_links")
    strength = models.PositiveSmallIntegerField(
        "intensité", validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "lien sujet – besoin"
        constraints = [
            models.UniqueConstraint(fields=["topic", "need"], name="one_link_per_topic_and_need")
        ]

    def __str__(self):
        return f"{self.topic} × {self.need} ({self.strength})"


class StrategicObjective(Versioned):
    pole = models.ForeignKey(
        "poles.Pole", on_delete=models.CASCADE, related_name="strategic_objectives"
    )
    title = models.CharField("objectif stratégique", max_length=300)
    description = models.TextField("description", blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "objectif stratégique"
        verbose_name_plural = "objectifs stratégiques"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("title"),
                "pole",
                name="one_objective_per_title_and_pole",
                violation_error_message="Un objectif du plan porte déjà ce titre.",
            )
        ]

    def __str__(self):
        return self.title


# One action creating more activities than that is a typing error (the same bound on every
# database: SQLite would store 2⁴⁰, PostgreSQL's integer stops at 2³¹).
MAX_ACTIVITIES_CREATED = 10_000
ACTIVITIES_BOUND_MESSAGE = "Indiquez au plus 10 000 activités ou services créés."


class ActionType(models.TextChoices):
    POOL_RESOURCES = "mutualisation_ressources", "Mutualisation de ressources"
    POOL_SKILLS = "mutualisation_competences", "Mutualisation de compétences"
    POOL_FUNDING = "mutualisation_financements", "Mutualisation de financements"
    SECTOR = "structuration_filiere", "Structuration de filière"
    SOCIAL_INNOVATION = "innovation_sociale", "Innovation sociale"
    JOINT_PURCHASING = "achats_commercialisation", "Achats ou commercialisation en commun"
    TRAINING = "formation", "Formation"
    RESEARCH = "recherche_developpement", "Recherche-développement"
    OTHER = "autre", "Autre"


class ActionStatus(models.TextChoices):
    PLANNED = "prevue", "Prévue"
    RUNNING = "en_cours", "En cours"
    DONE = "terminee", "Terminée"
    ABANDONED = "abandonnee", "Abandonnée"


class EssStatute(models.TextChoices):
    NONE = "", "Aucun"
    SCIC = "scic", "Création d’une SCIC"
    COOPERATIVE = "cooperative", "Coopérative ou groupe coopératif"
    ASSOCIATION = "association", "Association"
    GROUPEMENT_EMPLOYEURS = "groupement_employeurs", "Groupement d’employeurs"
    GIE = "gie", "Groupement d’intérêt économique"
    CAE = "cae", "Coopérative d’activité et d’emploi"
    OTHER = "autre", "Autre statut de l’ESS"


class CooperationAction(Versioned):
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="actions")
    title = models.CharField("action", max_length=200)
    description = models.TextField("description", blank=True)
    action_type = models.CharField("type", max_length=40, choices=ActionType.choices)
    status = models.CharField(
        "état", max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    objective = models.ForeignKey(
        StrategicObjective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name="objectif stratégique",
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    lead = models.ForeignKey(
        "poles.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_actions",
        verbose_name="membre pilote",
    )
    participants = models.ManyToManyField(
        "poles.Membership", related_name="actions", verbose_name="membres participants"
    )
    partners = models.TextField("partenaires extérieurs", blank=True)
    needs = models.ManyToManyField(
        TerritoryNeed,
        blank=True,
        related_name="actions",
        verbose_name="besoins auxquels elle répond",
    )
    ess_statute = models.CharField(
        "statut de l’ESS mobilisé", max_length=30, choices=EssStatute.choices, blank=True
    )
    start_date = models.DateField("début", null=True, blank=True, validators=[plausible_date])
    end_date = models.DateField("fin", null=True, blank=True, validators=[plausible_date])
    budget = models.DecimalField(
        "budget (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    in_action_plan = models.BooleanField("inscrite au plan d’action", default=True)
    is_public = models.BooleanField("visible sur la page publique", default=True)
    jobs_created_etp = models.DecimalField(
        "emplois créés (ETP)",
        max_digits=7,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    jobs_kept_etp = models.DecimalField(
        "emplois maintenus (ETP)",
        max_digits=7,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    activities_created = models.PositiveIntegerField(
        "activités ou services créés",
        default=0,
        validators=[MaxValueValidator(MAX_ACTIVITIES_CREATED, ACTIVITIES_BOUND_MESSAGE)],
    )
    turnover = models.DecimalField(
        "chiffre d’affaires généré (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "action de coopération"
        verbose_name_plural = "actions de coopération"
        ordering = ["start_date", "title"]
        constraints = [
            plausible_date_constraint("start_date", "cooperationaction_start_date_plausible"),
            plausible_date_constraint("end_date", "cooperationaction_end_date_plausible"),
            models.CheckConstraint(
                condition=models.Q(activities_created__lte=MAX_ACTIVITIES_CREATED),
                name="cooperationaction_activities_created_plausible",
                violation_error_message=ACTIVITIES_BOUND_MESSAGE,
            ),
        ]

    def __str__(self):
        return self.title


class FundingSource(models.TextChoices):
    STATE = "etat", "État"
    REGION = "region", "Région"
    DEPARTEMENT = "departement", "Département"
    LOCAL = "bloc_communal", "Commune ou intercommunalité"
    EUROPE = "europe", "Union européenne"
    FOUNDATION = "fondation", "Fondation"
    PRIVATE = "prive", "Financement privé"
    SELF = "autofinancement", "Autofinancement"
    OTHER = "autre", "Autre"


class ActionFunding(models.Model):
    action = models.ForeignKey(CooperationAction, on_delete=models.CASCADE, related_name="fundings")
    source = models.CharField("source", max_length=20, choices=FundingSource.choices)
    amount = models.DecimalField(
        "montant (€)", max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = "financement obtenu"
        verbose_name_plural = "financements obtenus"

    def __str__(self):
        return f"{self.get_source_display()} : {self.amount} €"
