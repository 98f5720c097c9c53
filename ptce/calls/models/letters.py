"""The decision letter of an application: a PDF built by a job once the national cell has
decided (`ptce/calls/decision/`), kept privately in the file, one per application."""

from django.db import models

from ptce.core.files import PrivateFile, PrivateStorage

from .applications import Application, ApplicationState


class DecisionLetter(PrivateFile):
    FOLDER = "lettres-de-decision"

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="decision_letter"
    )
    decision = models.CharField("décision", max_length=20, choices=ApplicationState.choices)
    file = models.FileField(max_length=300, storage=PrivateStorage())

    class Meta:
        verbose_name = "lettre de décision"
        verbose_name_plural = "lettres de décision"

    def content_type_for_download(self) -> str:
        return "application/pdf"
