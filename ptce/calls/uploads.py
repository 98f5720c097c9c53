"""Files answering « fichier » questions: checked by the platform's rules (`ptce.core.files`:
extension and content must agree, no program) with their own size limit,
`PTCE_APPLICATION_FILE_MAX_BYTES`, kept in the private folder and served only by
`private_file_response` from views that have checked the permission.
"""

from django.conf import settings

from ptce.core.files import validate_upload

from .models import ApplicationFile


def validate_application_file(uploaded) -> str:
    """The file's content type, or ValidationError in French (too large, wrong type, a
    program, content not matching the extension)."""
    return validate_upload(uploaded, limit=settings.PTCE_APPLICATION_FILE_MAX_BYTES)


def store(*, application, question_key: str, uploaded, by) -> ApplicationFile:
    validate_application_file(uploaded)
    stored = ApplicationFile(
        application=application, question_key=question_key[:200], uploaded_by=by
    )
    stored.keep(uploaded)
    stored.save()
    return stored
