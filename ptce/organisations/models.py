from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords
from stdnum.fr import siret as stdnum_siret

from ptce.core.versioning import Versioned
from ptce.core.workflow import TransitionLog
from ptce.sirene.codes import HEADCOUNT_BANDS
from ptce.territories.text import search_key

from .validators import (
    NAF_HELP,
    RNA_HELP,
    SIRET_HELP,
    naf_label,
    validate_naf,
    validate_rna,
    validate_siret,
)


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


class Organisation(Versioned):
    name = models.CharField("nom", max_length=200)
    # Accent-, case- and punctuation-free copy of `name`, for search (see `save`).
    search_name = models.CharField(max_length=200, editable=False, db_index=True, default="")
    siret = models.CharField(
        "SIRET",
        max_length=14,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_siret],
        help_text=SIRET_HELP,
    )
    rna = models.CharField(
        "numéro RNA",
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_rna],
        help_text=RNA_HELP,
    )
    legal_category = models.CharField(
        "catégorie juridique", max_length=30, choices=LegalCategory.choices
    )
    ess_quality = models.BooleanField(
        "qualité ESS reconnue",
        default=False,
        help_text="Pour une société commerciale qui remplit les conditions de l’art. 1 de la loi "
        "du 31 juillet 2014.",
    )
    naf_code = models.CharField(
        "code NAF", max_length=6, blank=True, validators=[validate_naf], help_text=NAF_HELP
    )
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    address = models.CharField("adresse du siège", max_length=250, blank=True)
    # INSEE's band (trancheEffectifsUniteLegale), as SIRENE and the spreadsheets give it.
    headcount_band = models.CharField(
        "tranche d’effectif salarié", max_length=2, blank=True, choices=HEADCOUNT_BANDS.items()
    )
    website = models.URLField("site internet", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["search_name"])

    class Meta:
        verbose_name = "organisation"
        ordering = ["name"]
        # Every list of organisations sorts by name (50,000 at ten times France).
        indexes = [models.Index(fields=["name"], name="organisation_name_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Derived lookup key, kept here (as for `Pole`) so that admin edits keep it in step too.
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.pk])

    def clean(self):
        errors = identifier_errors(self.legal_category, self.siret, self.rna)
        if self.ess_quality and self.legal_category not in ESS_OVERRIDABLE:
            errors.setdefault("ess_quality", ess_quality_error(self.legal_category))
        if errors:
            raise ValidationError(errors)

    @property
    def naf_label(self) -> str:
        return naf_label(self.naf_code)

    @property
    def siret_display(self) -> str:
        """ "732 829 320 00074", as on an avis de situation SIRENE."""
        return stdnum_siret.format(self.siret) if self.siret else ""

    @property
    def ess_explanation(self) -> str:
        if self.legal_category in ESS_BY_STATUS:
            return "Relève de l’ESS par son statut (art. 1 de la loi du 31 juillet 2014)."
        if self.is_ess:
            return "Société commerciale dont la qualité ESS est reconnue (art. 1 de la loi)."
        if self.legal_category in ESS_OVERRIDABLE:
            return "Société commerciale sans qualité ESS reconnue."
        return "Ne relève pas de l’ESS au sens de l’art. 1 de la loi du 31 juillet 2014."

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


# Which identifiers each legal category needs (checked by `Organisation.clean`, hence by the
# services, the forms and the admin):
# - the RNA number belongs to associations only (répertoire national des associations);
# - an association needs a SIRET or an RNA number, or both;
# - a natural person or a local authority may have no identifier (a person often has no SIRET;
#   a collectivité has one, but people rarely know it and it is not needed to find it);
# - every other category needs a SIRET.
IDENTIFIER_OPTIONAL = frozenset({LegalCategory.PERSONNE_PHYSIQUE, LegalCategory.COLLECTIVITE})


_CATEGORY_VALUES = frozenset(LegalCategory.values)  # `.values` builds a list at each call


def identifier_errors(legal_category: str, siret, rna) -> dict[str, str]:
    if legal_category not in _CATEGORY_VALUES:
        return {}  # the field's own validation says what is wrong
    if rna and legal_category != LegalCategory.ASSOCIATION:
        return {"rna": "Le numéro RNA est réservé aux associations : laissez ce champ vide."}
    if siret or rna or legal_category in IDENTIFIER_OPTIONAL:
        return {}
    if legal_category == LegalCategory.ASSOCIATION:
        return {
            "siret": "Indiquez le SIRET ou le numéro RNA de l’association (au moins l’un des deux)."
        }
    label = LegalCategory(legal_category).label
    return {"siret": f"Le SIRET est obligatoire pour la catégorie « {label} »."}


def ess_quality_error(legal_category: str) -> str:
    if legal_category in ESS_BY_STATUS:
        return (
            "La qualité ESS ne se déclare que pour une société commerciale : cette catégorie "
            "relève déjà de l’ESS par son statut. Décochez la case."
        )
    return (
        "La qualité ESS ne se déclare que pour une société commerciale : décochez la case, "
        "ou choisissez la catégorie « Société commerciale » si c’en est une."
    )


class ProposalState(models.TextChoices):
    PENDING = "en_attente", "En attente"
    ACCEPTED = "acceptee", "Acceptée"
    DECLINED = "refusee", "Refusée"
    WITHDRAWN = "retiree", "Retirée"  # by its author, before a decision


class OrganisationChangeProposal(models.Model):
    """A change of an organisation's identity proposed by someone who may not make it; one of
    those who may (see `ptce.poles.organisation_access.can_edit_organisation`) accepts or
    declines it (`proposals.py`)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="change_proposals"
    )
    # {field: proposed value} for the fields that differ, in `services.EDITABLE_FIELDS`;
    # the commune is its INSEE code.
    values = models.JSONField("valeurs proposées")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        "état", max_length=12, choices=ProposalState.choices, default=ProposalState.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField("motif", blank=True)

    class Meta:
        verbose_name = "proposition de modification d’une organisation"
        verbose_name_plural = "propositions de modification d’organisations"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "proposed_by"],
                condition=Q(state="en_attente"),
                name="one_pending_proposal_per_organisation_and_proposer",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["en_attente", "acceptee", "refusee", "retiree"]),
                name="organisation_proposal_state_valid",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} : proposition du {self.created_at:%d/%m/%Y}"


class OrganisationChangeProposalTransition(TransitionLog):
    proposal = models.ForeignKey(
        OrganisationChangeProposal, on_delete=models.CASCADE, related_name="transitions"
    )
    from_state = models.CharField(max_length=12, choices=ProposalState.choices)
    to_state = models.CharField(max_length=12, choices=ProposalState.choices)
    reason = models.TextField("motif", blank=True)

    class Meta(TransitionLog.Meta):
        verbose_name = "décision sur une proposition de modification"

    def __str__(self):
        return f"{self.proposal} : {self.from_state} → {self.to_state}"
