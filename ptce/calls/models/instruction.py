"""The instruction's records on an application: private annotations, expert opinions, scores
and the message thread with the applicant."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .applications import ApplicationState


class Annotation(models.Model):
    """A private note of the instructors on an application; never shown to the applicant."""

    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="annotations"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField("annotation")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "annotation"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Annotation sur {self.application_id}"


class Opinion(models.Model):
    """An avis asked of a named expert by email; the expert answers through a personal link
    (only the token's hash is stored). Revoked, the link stops working."""

    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="opinions"
    )
    expert_name = models.CharField("nom de l’expert", max_length=200)
    expert_email = models.EmailField("adresse électronique de l’expert")
    question = models.TextField("question posée")
    is_confidential = models.BooleanField(
        "confidentiel", default=True, help_text="Un avis confidentiel n’est pas montré au porteur."
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    body = models.TextField("avis", blank=True)

    class Meta:
        verbose_name = "avis d’expert"
        verbose_name_plural = "avis d’experts"
        ordering = ["requested_at", "pk"]

    def __str__(self):
        return f"Avis de {self.expert_name} — {self.application}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Score(models.Model):
    """The instruction's score of one criterion of the phase's grid."""

    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        "calls.ScoringCriterion", on_delete=models.PROTECT, related_name="+"
    )
    value = models.PositiveSmallIntegerField("note")
    comment = models.TextField("commentaire", blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    scored_at = models.DateTimeField(auto_now=True)
    # Every earlier value, who gave it and when: a score is never overwritten without a trace.
    history = HistoricalRecords(excluded_fields=["scored_at"])

    class Meta:
        verbose_name = "note"
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="one_score_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion_id} : {self.value}"


class ProposalRecord(models.Model):
    """Each proposal a région made, kept when a later one replaces it on the application."""

    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="proposal_records"
    )
    proposal = models.CharField("proposition", max_length=20, choices=ApplicationState.choices)
    motivation = models.TextField("motivation")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "proposition de la région"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.application_id} : {self.proposal}"


class Message(models.Model):
    """The thread between the applicant and the instructors."""

    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_instruction = models.BooleanField(default=False)
    body = models.TextField("message")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "message"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Message sur {self.application_id}"
