"""Attachments to meeting minutes.

The rules are the platform's shared ones (`ptce.assessments.uploads`): PDF, images and office
documents, checked by their content (a renamed program is refused), size-limited by
`PTCE_EVIDENCE_MAX_BYTES` (10 Mo by default), kept in the private folder
(`PTCE_PRIVATE_MEDIA_ROOT`, outside MEDIA_ROOT) under a random name, and served only by the
`cooperation:attachment_download` view to those who may read the minutes.
"""

import uuid
from pathlib import Path

from ptce.assessments.uploads import (
    ACCEPT_ATTRIBUTE,
    ALLOWED_LABEL,
    clean_original_name,
    human_size,
    max_bytes,
    validate_evidence,
)

__all__ = [
    "ACCEPT_ATTRIBUTE",
    "ALLOWED_LABEL",
    "clean_original_name",
    "human_size",
    "max_bytes",
    "random_name",
    "validate_attachment",
]


def validate_attachment(uploaded_file) -> str:
    """The file's checked content type, or a French `ValidationError` saying what is wrong."""
    return validate_evidence(uploaded_file)


def random_name(original_name: str) -> str:
    """A name nobody can guess, keeping the (already checked) extension."""
    return f"{uuid.uuid4().hex}{Path(original_name).suffix.lower()}"
