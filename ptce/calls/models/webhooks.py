"""The webhook deliveries of applications' state changes (see `ptce/calls/webhooks.py`)."""

from django.db import models


class WebhookDelivery(models.Model):
    """One state change to post to partners' tools; retried with backoff until delivered."""

    event = models.CharField(max_length=60)
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "envoi de webhook"
        verbose_name_plural = "envois de webhook"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.event
