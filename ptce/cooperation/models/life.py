"""The life of a pole: pooled resources and animation (meetings and their minutes)."""

from django.conf import settings
from django.db import models

from ptce.core.files import PrivateFile, PrivateStorage
from ptce.core.plausible import (
    plausible_date,
    plausible_date_constraint,
    plausible_datetime_constraint,
)
from ptce.core.versioning import Versioned


class ResourceKind(models.TextChoices):
    OFFER = "offre", "Offre"
    REQUEST = "demande", "Demande"


class ResourceCategory(models.TextChoices):
    PREMISES = "locaux", "Locaux"
    EQUIPMENT = "equipement", "Équipement"
    VEHICLE = "vehicule", "Véhicule"
    SKILLS = "competences", "Compétences"
    SERVICE = "service", "Service"
    FUNDING = "financement", "Piste de financement"


class SharedResource(Versioned):
    pole = models.ForeignKey(
        "poles.Pole", on_delete=models.CASCADE, related_name="shared_resources"
    )
    membership = models.ForeignKey(
        "poles.Membership", on_delete=models.CASCADE, related_name="shared_resources"
    )
    kind = models.CharField("offre ou demande", max_length=10, choices=ResourceKind.choices)
    category = models.CharField("catégorie", max_length=20, choices=ResourceCategory.choices)
    title = models.CharField("intitulé", max_length=200)
    description = models.TextField("description", blank=True)
    available_from = models.DateField(
        "disponible à partir du", null=True, blank=True, validators=[plausible_date]
    )
    available_until = models.DateField(
        "jusqu’au", null=True, blank=True, validators=[plausible_date]
    )
    is_active = models.BooleanField("active", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ressource partagée"
        verbose_name_plural = "ressources partagées"
        ordering = ["-created_at"]
        constraints = [
            plausible_date_constraint("available_from", "resource_available_from_plausible"),
            plausible_date_constraint("available_until", "resource_available_until_plausible"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} : {self.title}"


class MeetingKind(models.TextChoices):
    STEERING = "copil", "Comité de pilotage"
    ASSEMBLY = "assemblee", "Assemblée"
    WORKSHOP = "atelier", "Atelier"
    VISIT = "visite", "Visite"
    PUBLIC_EVENT = "evenement_public", "Événement public"
    OTHER = "autre", "Autre"


class Meeting(Versioned):
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField("type", max_length=20, choices=MeetingKind.choices)
    title = models.CharField("titre", max_length=200)
    starts_at = models.DateTimeField("date et heure", validators=[plausible_date])
    place = models.CharField("lieu", max_length=300, blank=True)
    agenda = models.TextField("ordre du jour", blank=True)
    minutes = models.TextField("compte rendu", blank=True)
    attendees = models.ManyToManyField(
        "poles.Membership", blank=True, related_name="meetings", verbose_name="membres présents"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "réunion ou événement"
        verbose_name_plural = "réunions et événements"
        ordering = ["-starts_at"]
        # The admin's list sorts and drills down by date over every pole's meetings (99,000 at
        # ten times France: 144 ms without); a pole's lists read its own by date.
        indexes = [
            models.Index(fields=["starts_at"], name="meeting_starts_at_idx"),
            models.Index(fields=["pole", "starts_at"], name="meeting_pole_starts_at_idx"),
        ]
        constraints = [
            plausible_datetime_constraint("starts_at", "meeting_starts_at_plausible"),
        ]

    def __str__(self):
        return self.title


class MeetingAttachment(PrivateFile):
    FOLDER = "comptes-rendus"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    # Private folder, outside MEDIA_ROOT: served only by `cooperation:attachment_download`.
    file = models.FileField(upload_to="comptes-rendus/%Y/%m/", storage=PrivateStorage())
    content_type = models.CharField(max_length=100)

    class Meta:
        verbose_name = "pièce jointe"

    def content_type_for_download(self) -> str:
        return self.content_type
