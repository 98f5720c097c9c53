"""Files answering « fichier » questions: checked like the ECARTS evidence files (extension
and content must agree, no program), limited to `PTCE_APPLICATION_FILE_MAX_BYTES`, kept in the
private folder (`PTCE_PRIVATE_MEDIA_ROOT`) and served only by `applicant.views.application_file`
after a permission check.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils import timezone

from ptce.assessments.uploads import (
    ALLOWED,
    EvidenceStorage,
    clean_original_name,
    human_size,
    validate_evidence,
)

from .models import ApplicationFile


def storage() -> EvidenceStorage:
    return EvidenceStorage()


def validate_application_file(uploaded) -> str:
    """The file's content type, or ValidationError in French (too large, wrong type, a
    program, content not matching the extension)."""
    limit = settings.PTCE_APPLICATION_FILE_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            f"Le fichier « {uploaded.name} » pèse {human_size(uploaded.size)} : la taille "
            f"maximale est de {human_size(limit)}."
        )
    return validate_evidence(uploaded)


def store(*, application, question_key: str, uploaded, by) -> ApplicationFile:
    validate_application_file(uploaded)
    extension = Path(uploaded.name or "").suffix.lower()
    name = f"candidatures/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"
    uploaded.seek(0)
    saved = storage().save(name, uploaded)
    stored = ApplicationFile(
        application=application,
        question_key=question_key[:200],
        original_name=clean_original_name(uploaded.name or "piece-jointe"),
        size=uploaded.size,
        uploaded_by=by,
    )
    stored.file.name = saved
    stored.save()
    return stored


def open_file(stored: ApplicationFile):
    return storage().open(stored.file.name, "rb")


def file_response(stored: ApplicationFile) -> FileResponse:
    """The file as a private download (the caller has checked the permission)."""
    extension = "." + stored.original_name.rsplit(".", 1)[-1].lower()
    content_type = ALLOWED.get(extension, ("application/octet-stream",))[0]
    try:
        handle = open_file(stored)
    except FileNotFoundError:
        raise Http404("Fichier introuvable.") from None
    response = FileResponse(
        handle, as_attachment=True, filename=stored.original_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
