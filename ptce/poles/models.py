from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ptce.core.plausible import (
    plausible_date,
    plausible_date_constraint,
    plausible_phone,
)
from ptce.core.versioning import Versioned
from ptce.core.workflow import TransitionLog
from ptce.territories.text import search_key


class Sector(models.Model):
    """A filière from the curated list (reference data, loaded by a data migration)."""

    slug = models.SlugField(primary_key=True, max_length=50)
    name = models.CharField("nom", max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "filière"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class PoleForm(models.TextChoices):
    GRAPPE = "grappe", "Grappe"
    FILIERE = "filiere", "Filière"
    LIEU_URBAIN = "lieu_urbain", "Lieu urbain"
    LIEU_RURAL = "lieu_rural", "Lieu rural"


class Stage(models.IntegerChoices):
    VOLUNTEERS = 1, "1. Réunir les volontaires"
    CO_CONSTRUCTION = 2, "2. Co-construire : sujets et besoins du territoire"
    ACTION_PLAN = 3, "3. Plan d’action et candidature"
    RECOGNISED = 4, "Reconnu par l’État"


class Verification(models.TextChoices):
    """A pole as the State sees it: declared by its coordinator, then verified by an instructor
    of its région (or the national cell). Only a verified pole can be published."""

    DECLARED = "declare", "Déclaré"
    VERIFIED = "verifie", "Vérifié"


class ArchiveState(models.TextChoices):
    """Archived rather than deleted: the State keeps its records (`archiving.py`)."""

    ACTIVE = "actif", "Actif"
    ARCHIVED = "archive", "Archivé"


class Scale(models.TextChoices):
    BASSIN_DE_VIE = "bassin_de_vie", "Bassin de vie"
    EPCI = "epci", "EPCI"
    DEPARTEMENT = "departement", "Département"
    REGION = "region", "Région"


class AreaType(models.TextChoices):
    URBAIN = "urbain", "Urbain"
    RURAL = "rural", "Rural"
    MIXTE = "mixte", "Mixte"


class PoleQuerySet(models.QuerySet):
    def published(self):
        # An archived pole is never published (a CheckConstraint); said twice, on purpose.
        return self.filter(is_published=True, archived_at__isnull=True)

    def active(self):
        return self.filter(archived_at__isnull=True)


class Pole(Versioned):
    name = models.CharField("nom", max_length=200)
    search_name = models.CharField(max_length=200, editable=False, db_index=True, default="")
    slug = models.SlugField("adresse courte", max_length=80, unique=True)
    summary = models.CharField("résumé", max_length=300, blank=True)
    description = models.TextField("description", blank=True)
    carrier = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_poles",
        verbose_name="structure porteuse",
    )
    creation_year = models.PositiveSmallIntegerField("année de création", null=True, blank=True)
    form = models.CharField("forme", max_length=20, choices=PoleForm.choices, blank=True)
    sectors = models.ManyToManyField(Sector, blank=True, verbose_name="filières")
    # Territory: any mix of communes, EPCI and départements; `region` is the main région,
    # `covered_departements` is derived from the three and kept for filtering.
    scale = models.CharField("échelle", max_length=20, choices=Scale.choices, blank=True)
    area_type = models.CharField(
        "type de territoire", max_length=10, choices=AreaType.choices, blank=True
    )
    territory_communes = models.ManyToManyField(
        "territories.Commune", blank=True, related_name="poles", verbose_name="communes"
    )
    territory_epcis = models.ManyToManyField(
        "territories.Epci", blank=True, related_name="poles", verbose_name="EPCI"
    )
    territory_departements = models.ManyToManyField(
        "territories.Departement", blank=True, related_name="poles", verbose_name="départements"
    )
    covered_departements = models.ManyToManyField(
        "territories.Departement", blank=True, related_name="covering_poles", editable=False
    )
    region = models.ForeignKey(
        "territories.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="poles",
        verbose_name="région principale",
    )
    charter_signed_on = models.DateField(
        "signature de la charte des PTCE", null=True, blank=True, validators=[plausible_date]
    )
    website = models.URLField("site internet", blank=True)
    contact_email = models.EmailField("courriel de contact public", blank=True)
    contact_phone = models.CharField(
        "téléphone de contact public", max_length=20, blank=True, validators=[plausible_phone]
    )
    stage = models.PositiveSmallIntegerField(
        "étape", choices=Stage.choices, default=Stage.VOLUNTEERS
    )
    # Written only by `verification.py`'s moves, never by a form.
    verification = models.CharField(
        "vérification", max_length=10, choices=Verification.choices, default=Verification.DECLARED
    )
    is_published = models.BooleanField("publié", default=False)
    # Written only by `archiving.py`'s moves: an archived pole is hidden and read-only.
    archived_at = models.DateTimeField("archivé le", null=True, blank=True, editable=False)
    # Where the pole stands on the map, derived from its places, territory and région by
    # `location.py` (stored: computing it on every read of the map cost six subqueries).
    map_latitude = models.FloatField(null=True, blank=True, editable=False)
    map_longitude = models.FloatField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The last « vos données datent » reminder (`reminders.py`).
    data_reminded_on = models.DateField(null=True, blank=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=[
            "updated_at",
            "search_name",
            "map_latitude",
            "map_longitude",
            "data_reminded_on",
        ]
    )

    objects = PoleQuerySet.as_manager()

    class Meta:
        verbose_name = "pôle"
        ordering = ["name"]
        constraints = [
            plausible_date_constraint("charter_signed_on", "pole_charter_signed_on_plausible"),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(verification=Verification.VERIFIED),
                name="pole_published_only_when_verified",
            ),
            models.CheckConstraint(
                condition=Q(verification__in=Verification.values), name="pole_verification_known"
            ),
            models.CheckConstraint(
                condition=Q(archived_at__isnull=True) | Q(is_published=False),
                name="pole_archived_not_published",
            ),
            models.CheckConstraint(
                condition=(Q(map_latitude__isnull=True) & Q(map_longitude__isnull=True))
                | (
                    Q(map_latitude__gte=-90, map_latitude__lte=90)
                    & Q(map_longitude__gte=-180, map_longitude__lte=180)
                ),
                name="pole_map_point_in_range",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Derived lookup key, kept here so that admin edits keep it in step too.
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)

    @property
    def is_charter_signatory(self) -> bool:
        return self.charter_signed_on is not None

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def archive_state(self) -> str:
        return ArchiveState.ARCHIVED if self.is_archived else ArchiveState.ACTIVE


class PoleVerificationTransition(TransitionLog):
    """Who verified a pole, or withdrew its verification, and why."""

    pole = models.ForeignKey(Pole, on_delete=models.CASCADE, related_name="verification_log")
    from_state = models.CharField(max_length=10, choices=Verification.choices)
    to_state = models.CharField(max_length=10, choices=Verification.choices)
    reason = models.TextField("motif", blank=True)

    class Meta(TransitionLog.Meta):
        verbose_name = "vérification d’un pôle"

    def __str__(self):
        return f"{self.pole} : {self.from_state} → {self.to_state}"


class PoleArchiveTransition(TransitionLog):
    """Who archived a pole, or brought it back, and why."""

    pole = models.ForeignKey(Pole, on_delete=models.CASCADE, related_name="archive_log")
    from_state = models.CharField(max_length=10, choices=ArchiveState.choices)
    to_state = models.CharField(max_length=10, choices=ArchiveState.choices)
    reason = models.TextField("motif", blank=True)

    class Meta(TransitionLog.Meta):
        verbose_name = "archivage d’un pôle"

    def __str__(self):
        return f"{self.pole} : {self.from_state} → {self.to_state}"


class Place(Versioned):
    pole = models.ForeignKey(Pole, on_delete=models.CASCADE, related_name="places")
    name = models.CharField("nom", max_length=200)
    address = models.CharField("adresse", max_length=300, blank=True)
    commune = models.ForeignKey(
        "territories.Commune", on_delete=models.PROTECT, related_name="places"
    )
    latitude = models.FloatField("latitude", null=True, blank=True)
    longitude = models.FloatField("longitude", null=True, blank=True)
    is_public_access = models.BooleanField("accessible au public", default=True)
    is_main = models.BooleanField("lieu principal", default=False)

    class Meta:
        verbose_name = "lieu"
        ordering = ["-is_main", "name"]

    def __str__(self):
        return self.name


class MembershipRole(models.TextChoices):
    FOUNDER = "fondateur", "Fondateur"
    MEMBER = "membre", "Membre"
    PARTNER = "partenaire", "Partenaire"
    FUNDER = "financeur", "Financeur"


class MembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(left_on__isnull=True)


class Membership(Versioned):
    pole = models.ForeignKey(Pole, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(
        "rôle dans le pôle", max_length=20, choices=MembershipRole.choices, default="membre"
    )
    joined_on = models.DateField(
        "date d’adhésion", null=True, blank=True, validators=[plausible_date]
    )
    left_on = models.DateField("date de départ", null=True, blank=True, validators=[plausible_date])
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "adhésion"
        ordering = ["organisation__name"]
        constraints = [
            plausible_date_constraint("joined_on", "membership_joined_on_plausible"),
            plausible_date_constraint("left_on", "membership_left_on_plausible"),
            models.UniqueConstraint(
                fields=["pole", "organisation"],
                condition=Q(left_on__isnull=True),
                name="one_current_membership_per_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.pole}"


class PersonRole(models.TextChoices):
    COORDINATOR = "coordinateur", "Coordinateur ou coordinatrice"
    MEMBER = "membre", "Membre"


class PolePerson(models.Model):
    """A user acting in a pole, as coordinator or member, optionally for a member organisation."""

    pole = models.ForeignKey(Pole, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pole_roles"
    )
    role = models.CharField("rôle", max_length=20, choices=PersonRole.choices)
    membership = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name="pour l’organisation",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "personne du pôle"
        verbose_name_plural = "personnes du pôle"
        constraints = [
            models.UniqueConstraint(fields=["pole", "user"], name="one_role_per_user_and_pole")
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) — {self.pole}"


class Invitation(models.Model):
    pole = models.ForeignKey(Pole, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField("adresse électronique")
    role = models.CharField("rôle", max_length=20, choices=PersonRole.choices)
    membership = models.ForeignKey(
        Membership,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name="pour l’organisation",
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "invitation"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["pole", "email"],
                condition=Q(accepted_at__isnull=True),
                name="one_pending_invitation_per_email",
                violation_error_message="Une invitation attend déjà la réponse de cette adresse.",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.pole}"
