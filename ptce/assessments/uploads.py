"""Evidence files attached to an answer: what is accepted, and where it is kept.

A file is accepted only if its extension is on the list below **and** its content matches that
extension (magic bytes; for office documents, the inner files of the ZIP container). A renamed
program (« virus.pdf » starting with « MZ ») is refused. Files live in a private folder
(`PTCE_PRIVATE_MEDIA_ROOT`, outside MEDIA_ROOT) and are served only through the
`assessments:evidence_download` view, to the people `evaluation.perms.can_download_evidence` allows.

Settings (optional): `PTCE_EVIDENCE_MAX_BYTES` (default 10 Mo), `PTCE_PRIVATE_MEDIA_ROOT`
(default `<BASE_DIR>/private`).
"""

import os
import uuid
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_FILES_PER_ANSWER = 5

PDF = "application/pdf"
OOXML = "application/vnd.openxmlformats-officedocument"
ODF = "application/vnd.oasis.opendocument"

# extension → (content type, kind of check, what the container must hold)
ALLOWED = {
    ".pdf": (PDF, "pdf", None),
    ".png": ("image/png", "png", None),
    ".jpg": ("image/jpeg", "jpeg", None),
    ".jpeg": ("image/jpeg", "jpeg", None),
    ".webp": ("image/webp", "webp", None),
    ".docx": (f"{OOXML}.wordprocessingml.document", "ooxml", "word/document.xml"),
    ".xlsx": (f"{OOXML}.spreadsheetml.sheet", "ooxml", "xl/workbook.xml"),
    ".pptx": (f"{OOXML}.presentationml.presentation", "ooxml", "ppt/presentation.xml"),
    ".odt": (f"{ODF}.text", "odf", None),
    ".ods": (f"{ODF}.spreadsheet", "odf", None),
    ".odp": (f"{ODF}.presentation", "odf", None),
}
ALLOWED_LABEL = (
    "PDF, images (PNG, JPEG, WebP), documents bureautiques (DOCX, XLSX, PPTX, ODT, ODS, ODP)"
)
ACCEPT_ATTRIBUTE = ",".join(sorted(ALLOWED))

EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")


def max_bytes() -> int:
    return getattr(settings, "PTCE_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES)


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} Mo".replace(".", ",")
    return f"{max(1, round(size / 1024))} ko"


def private_root() -> Path:
    return Path(getattr(settings, "PTCE_PRIVATE_MEDIA_ROOT", Path(settings.BASE_DIR) / "private"))


@deconstructible
class EvidenceStorage(FileSystemStorage):
    """Files outside MEDIA_ROOT, so no web server serves them without a permission check.

    The folder is read from the settings at each use (tests point it to a temporary folder)."""

    def __init__(self):
        super().__init__()

    @property
    def base_location(self):
        return str(private_root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Les pièces justificatives ne sont servies que par leur vue protégée.")


def _matches(kind: str, head: bytes, uploaded_file, inner: str | None, content_type: str) -> bool:
    if kind == "pdf":
        return head.startswith(b"%PDF-")
    if kind == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if kind == "jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if kind == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if not head.startswith(b"PK\x03\x04"):
        return False
    uploaded_file.seek(0)
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            names = set(archive.namelist())
            if kind == "ooxml":
                if any(name.lower().endswith("vbaproject.bin") for name in names):
                    raise ValidationError(
                        "Les documents contenant des macros sont refusés : enregistrez-le "
                        "sans macro."
                    )
                return "[Content_Types].xml" in names and inner in names
            if "mimetype" not in names:
                return False
            with archive.open("mimetype") as member:
                return member.read(100).decode("ascii", "replace").strip() == content_type
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return False
    finally:
        uploaded_file.seek(0)


def validate_evidence(uploaded_file) -> str:
    """Check an uploaded file; return its content type (from our list, never the browser's).

    Raises ValidationError with a French message saying what is wrong."""
    name = uploaded_file.name or ""
    extension = Path(name).suffix.lower()
    if extension not in ALLOWED:
        raise ValidationError(
            f"Le type du fichier « {name} » n’est pas accepté. Types acceptés : {ALLOWED_LABEL}."
        )
    if uploaded_file.size == 0:
        raise ValidationError(f"Le fichier « {name} » est vide.")
    if uploaded_file.size > max_bytes():
        raise ValidationError(
            f"Le fichier « {name} » pèse {human_size(uploaded_file.size)} : la taille maximale "
            f"est de {human_size(max_bytes())}."
        )
    content_type, kind, inner = ALLOWED[extension]
    uploaded_file.seek(0)
    head = uploaded_file.read(16)
    uploaded_file.seek(0)
    if head.startswith(EXECUTABLE_SIGNATURES):
        raise ValidationError(
            f"Le fichier « {name} » est un programme, pas un document : il est refusé."
        )
    if not _matches(kind, head, uploaded_file, inner, content_type):
        raise ValidationError(
            f"Le contenu du fichier « {name} » ne correspond pas à son extension "
            f"{extension} : il est refusé. Exportez-le de nouveau dans un format accepté."
        )
    return content_type


def evidence_path(instance, filename: str) -> str:
    """A random name on disk (the original name is kept in the database for downloads)."""
    return f"preuves/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


def clean_original_name(name: str) -> str:
    try:
        base = get_valid_filename(Path(name).name)
    except SuspiciousFileOperation:
        base = "piece-justificative"
    return base[-255:]
