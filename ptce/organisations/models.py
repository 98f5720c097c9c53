from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class LegalCategory(models.TextChoices):
    ASSOCIATION = "association", "Association"
    COOPERATIVE = "cooperative", "Coopérative"
    SCIC = "scic", "SCIC (société coopérative d’intérêt collectif)"
    SCOP = "scop", "SCOP (société coopérative et participative)"
    MUTUELLE = "mutuelle", "Mutuelle"
    FONDATION = "fondation", "Fondation"
    SOCIETE_COMMERCIALE = "societe_commerciale", "Société commerciale"
    ENTREPRISE_ESS = (
        "entreprise_ess",
        "Entreprise de l’ESS au sens de l’art. 1 (qualité ESS / agrément ESUS)",
    )
    COLLECTIVITE = "collectivite", "Collectivité territoriale ou groupement"
    UNIVERSITE = "universite", "Université / établissement d’enseignement supérieur"
    RECHERCHE = "recherche", "Centre de recherche"
    FORMATION = "formation", "Organisme de formation"
    PERSONNE_PHYSIQUE = "personne_physique", "Personne physique"
    AUTRE = "autre", "Autre"


class Organisation(models.Model):
    name = models.CharField("nom", max_length=200)
    siret = models.CharField("SIRET", max_length=14, unique=True, null=True, blank=True)
    rna = models.CharField("numéro RNA", max_length=10, unique=True, null=True, blank=True)
    legal_category = models.CharField(
        "catégorie juridique", max_length=30, choices=LegalCategory.choices
    )
    ess_quality = models.BooleanField(
        "qualité ESS reconnue",
        default=False,
        help_text="Pour une société commerciale qui remplit les conditions de l’art. 1 de la loi "
        "du 31 juillet 2014.",
    )
    naf_code = models.CharField("code NAF", max_length=6, blank=True)
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    website = models.URLField("site internet", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "organisation"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_ess(self) -> bool:
        return is_ess(self.legal_category, self.ess_quality)

    @property
    def family(self) -> str:
        return family(self.legal_category, self.ess_quality)

    @property
    def family_label(self) -> str:
        return FAMILY_LABELS[self.family]


# Art. 1 of the law of 31 July 2014: these statuses are ESS by nature; a commercial company
# joins them only when its ESS quality is recognised (`ess_quality`).
ESS_BY_STATUS = frozenset(
    {
        LegalCategory.ASSOCIATION,
        LegalCategory.COOPERATIVE,
        LegalCategory.SCIC,
        LegalCategory.SCOP,
        LegalCategory.MUTUELLE,
        LegalCategory.FONDATION,
        LegalCategory.ENTREPRISE_ESS,
    }
)
ESS_OVERRIDABLE = frozenset({LegalCategory.SOCIETE_COMMERCIALE})
RESEARCH_AND_TRAINING = frozenset(
    {LegalCategory.UNIVERSITE, LegalCategory.RECHERCHE, LegalCategory.FORMATION}
)


def is_ess(legal_category: str, ess_quality: bool) -> bool:
    return legal_category in ESS_BY_STATUS or (legal_category in ESS_OVERRIDABLE and ess_quality)


def family(legal_category: str, ess_quality: bool) -> str:
    """The four families the art. 9 definition names, used to group members."""
    if is_ess(legal_category, ess_quality):
        return "ess"
    if legal_category == LegalCategory.SOCIETE_COMMERCIALE:
        return "entreprise"
    if legal_category == LegalCategory.COLLECTIVITE:
        return "collectivite"
    if legal_category in RESEARCH_AND_TRAINING:
        return "recherche_formation"
    return "autre"


FAMILY_LABELS = {
    "ess": "Entreprises de l’ESS",
    "entreprise": "Entreprises classiques",
    "collectivite": "Collectivités et groupements",
    "recherche_formation": "Recherche, enseignement supérieur et formation",
    "autre": "Autres partenaires",
}
