"""Private files (ECARTS evidence, meeting minutes, application files): what is accepted, where
it is kept, how it is served.

A file is accepted only if its extension is on the list below **and** its content matches that
extension (magic bytes; for office documents, the inner files of the ZIP container). A renamed
program (« virus.pdf » starting with « MZ ») is refused. Files live in `storages["private"]`
(settings `STORAGES`: a folder outside MEDIA_ROOT, `PTCE_PRIVATE_MEDIA_ROOT`, or a private
S3-compatible bucket) under a random name and are served only by `private_file_response`,
called by a view that has checked the permission.

The models (`assessments.EvidenceFile`, `cooperation.MeetingAttachment`, `calls.ApplicationFile`)
inherit `PrivateFile` and are written by `PrivateFile.keep`; their views check the permission
and return `private_file_response`.

Settings (optional): `PTCE_EVIDENCE_MAX_BYTES` (default 10 Mo, the limit unless a caller gives
its own), `PTCE_PRIVATE_MEDIA_ROOT` (default `<BASE_DIR>/private`), `PTCE_PRIVATE_SIGNED_URLS`
and `PTCE_PRIVATE_URL_SECONDS` (object storage only).
"""

import os
import uuid
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.db import models
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

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


class PrivateFileSystemStorage(FileSystemStorage):
    """The local `private` storage: files outside MEDIA_ROOT, so no web server serves them
    without a permission check. The folder is read from the settings at each use (tests point
    it to a temporary folder)."""

    def __init__(self, **_options):
        super().__init__()

    @property
    def base_location(self):
        return str(private_root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Les fichiers privés ne sont servis que par leur vue protégée.")


@deconstructible(path="ptce.core.files.PrivateStorage")
class PrivateStorage:
    """The storage of the private models' `FileField`s: `storages["private"]`, looked up at each
    use. Migrations record only this class, so switching backends (folder, S3) changes no
    migration; `url()` is refused, a private file has no address of its own."""

    def __getattr__(self, name):
        return getattr(storages["private"], name)

    def url(self, name):
        raise ValueError("Les fichiers privés ne sont servis que par leur vue protégée.")


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
                        "Les documents contenant des macros sont refusés : enregistrez-le "
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


def validate_upload(uploaded_file, *, limit: int | None = None) -> str:
    """Check an uploaded file; return its content type (from our list, never the browser's).

    `limit`: the largest size in bytes (`max_bytes()` when not given). Raises ValidationError
    with a French message saying what is wrong."""
    limit = max_bytes() if limit is None else limit
    name = uploaded_file.name or ""
    extension = Path(name).suffix.lower()
    if extension not in ALLOWED:
        raise ValidationError(
            f"Le type du fichier « {name} » n’est pas accepté. Types acceptés : {ALLOWED_LABEL}."
        )
    if uploaded_file.size == 0:
        raise ValidationError(f"Le fichier « {name} » est vide.")
    if uploaded_file.size > limit:
        raise ValidationError(
            f"Le fichier « {name} » pèse {human_size(uploaded_file.size)} : la taille maximale "
            f"est de {human_size(limit)}."
        )
    content_type, kind, inner = ALLOWED[extension]
    uploaded_file.seek(0)
    head = uploaded_file.read(16)
    uploaded_file.seek(0)
    if head.startswith(EXECUTABLE_SIGNATURES):
        raise ValidationError(
            f"Le fichier « {name} » est un programme, pas un document : il est refusé."
        )
    if not _matches(kind, head, uploaded_file, inner, content_type):
        raise ValidationError(
            f"Le contenu du fichier « {name} » ne correspond pas à son extension "
            f"{extension} : il est refusé. Exportez-le de nouveau dans un format accepté."
        )
    return content_type


def clean_original_name(name: str) -> str:
    try:
        base = get_valid_filename(Path(name).name)
    except SuspiciousFileOperation:
        base = "piece-justificative"
    return base[-255:]


def random_name(folder: str, original_name: str) -> str:
    """`folder/YYYY/MM/<random>.<ext>`: a name nobody can guess, keeping the checked extension."""
    extension = Path(original_name or "").suffix.lower()
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class PrivateFile(models.Model):
    """What every private file records besides itself; the concrete model declares `file`
    (with `storage=PrivateStorage()`), its `FOLDER` on disk and what the file belongs to."""

    FOLDER = ""

    original_name = models.CharField("nom du fichier", max_length=255)
    size = models.PositiveIntegerField("taille (octets)")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    def keep(self, uploaded_file) -> None:
        """Write a checked upload to the private storage as `random_name(FOLDER, …)` and note its
        name and size; the caller saves the row (and deletes the file if that fails)."""
        self.original_name = clean_original_name(uploaded_file.name or "")
        self.size = uploaded_file.size
        uploaded_file.seek(0)
        self.file.name = self.file.storage.save(
            random_name(self.FOLDER, uploaded_file.name),
            uploaded_file,
            max_length=self.file.field.max_length,
        )

    def content_type_for_download(self) -> str:
        """The type of the (checked) extension; a model that stores the type checked on upload
        returns that one."""
        extension = Path(self.original_name).suffix.lower()
        return ALLOWED.get(extension, ("application/octet-stream",))[0]


def private_file_response(stored: PrivateFile) -> HttpResponse:
    """The file as a private download; the caller has checked the permission. Streamed from the
    private storage, or, on an object storage with `PTCE_PRIVATE_SIGNED_URLS`, a redirect to a
    signed URL valid `PTCE_PRIVATE_URL_SECONDS` seconds."""
    backend = storages["private"]
    if settings.PTCE_PRIVATE_SIGNED_URLS and not isinstance(backend, FileSystemStorage):
        response = _signed_redirect(backend, stored)
    else:
        handle, length = _open_stream(backend, stored.file.name)
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=stored.original_name,
            content_type=stored.content_type_for_download(),
        )
        if length is not None:
            response["Content-Length"] = str(length)
        response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _open_stream(backend, name: str):
    """(a file-like object to read the file from, its length when the object does not say it).
    An S3 file would first copy the whole object to the server: its body is streamed instead."""
    try:
        handle = backend.open(name, "rb")
    except FileNotFoundError:
        raise Http404("Fichier introuvable.") from None
    s3_object = getattr(handle, "obj", None)
    if s3_object is None:
        return handle, None
    body = s3_object.get()
    return body["Body"], body["ContentLength"]


def _signed_redirect(backend, stored: PrivateFile) -> HttpResponseRedirect:
    if not backend.exists(stored.file.name):
        raise Http404("Fichier introuvable.")
    url = backend.url(
        stored.file.name,
        parameters={
            "ResponseContentDisposition": content_disposition_header(True, stored.original_name),
            "ResponseContentType": stored.content_type_for_download(),
        },
        expire=settings.PTCE_PRIVATE_URL_SECONDS,
    )
    return HttpResponseRedirect(url)
