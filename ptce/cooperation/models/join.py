"""Step 1: volunteers asking to join a pole."""

from django.conf import settings
from django.db import models

from ptce.organisations.models import LegalCategory


class JoinRequestStatus(models.TextChoices):
    PENDING = "en_attente", "En attente"
    ACCEPTED = "acceptee", "Acceptée"
    DECLINED = "refusee", "Refusée"


class JoinRequest(models.Model):
    """Step 1, « réunir les volontaires »: an organisation asks to join or support a pole."""

    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="join_requests")
    organisation_name = models.CharField("organisation", max_length=200)
    siret = models.CharField("SIRET", max_length=14, blank=True)
    rna = models.CharField("numéro RNA", max_length=10, blank=True)
    legal_category = models.CharField("catégorie juridique", max_length=30, blank=True)
    commune = models.ForeignKey(
        "territories.Commune", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    contact_name = models.CharField("personne à contacter", max_length=200)
    contact_email = models.EmailField("courriel")
    contribution = models.TextField("ce que l’organisation peut apporter", blank=True)
    needs = models.TextField("ce dont elle a besoin", blank=True)
    status = models.CharField(
        max_length=20, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING
    )
    decline_reason = models.TextField("motif du refus", blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "demande d’adhésion"
        verbose_name_plural = "demandes d’adhésion"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "pole",
                "contact_email",
                condition=models.Q(status="en_attente"),
                name="one_pending_join_request_per_email",
                violation_error_message="Une demande faite avec cette adresse attend déjà "
                "la réponse du pôle.",
            )
        ]

    def __str__(self):
        return f"{self.organisation_name} → {self.pole}"

    @property
    def legal_category_label(self) -> str:
        return dict(LegalCategory.choices).get(self.legal_category, "")
