"""An instructor following a file: the « suivis » queue of the instructors' list."""

from django.conf import settings
from django.db import models


class ApplicationFollow(models.Model):
    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="follows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_applications"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "candidature suivie"
        verbose_name_plural = "candidatures suivies"
        constraints = [
            models.UniqueConstraint(
                fields=["application", "user"], name="one_follow_per_application_and_user"
            )
        ]

    def __str__(self):
        return f"{self.user} suit {self.application}"
