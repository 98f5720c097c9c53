"""Large exports, built by a background job rather than inside the request.

A domain declares what it can export as an `ExportKind` (`register`, at import of its module;
every process imports it through the app's `tasks.py`): who may ask for it, how many rows a
request's parameters give, and the table itself (header, rows read lazily, column widths). The
view of an export counts the rows: below `PTCE_EXPORT_JOB_ROWS` it streams the CSV (or writes
the XLSX) at once, as before; from there it calls `export_request`, which records an
`ExportRun` and enqueues `core.tasks.export_build`, and sends the person to the run's page
(`/mon-espace/exports/<pk>/`), where the progress shows until the download link appears.

The job writes the file through the one export writer (`core/exports.py`) into a temporary file,
noting its progress every `PROGRESS_EVERY` rows, then keeps it in the private storage
(`core/files.py`) until `PTCE_EXPORT_KEEP_HOURS` have passed; `export_runs_purge` (a periodic
job) deletes it. Only the person who asked may download it.

A kind may be a document instead of a table (`document`: its bytes, a PDF such as the action
plan): its view answers at once below its own threshold, else asks for a run the same way; the
job writes the document's bytes, with no progress between « en préparation » and « prêt ».
"""

import hashlib
import json
import logging
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone

from . import exports
from .files import random_name
from .jobs import enqueue_on_commit
from .models import ExportRun, ExportState

logger = logging.getLogger("ptce.exports")

TABLE_FORMATS = ("csv", "xlsx")
DOCUMENT_FORMATS = ("pdf",)
PROGRESS_EVERY = 200  # rows between two updates of the progress (one UPDATE each)
FAILED_MESSAGE = "L’export n’a pas pu être préparé à cause d’une erreur inattendue."


@dataclass(frozen=True)
class ExportTable:
    header: Sequence[str]
    rows: Iterable[Sequence]
    widths: Sequence[float] = ()


@dataclass(frozen=True, kw_only=True)
class ExportKind:
    """What a domain exports: a table (`table`, written as CSV or XLSX) or a document
    (`document`, its bytes: a PDF). `count`, `table` and `document` take the person and the
    request's parameters (a QueryDict) and raise ValidationError (in French) on bad parameters
    or a person who may not read what they name; `count` gives a table's rows, a document's
    size (recorded, not shown). `filename` takes the format and the parameters and returns the
    download's name."""

    key: str
    label: str
    allowed: Callable
    count: Callable[..., int]
    filename: Callable[[str, QueryDict], str]
    table: Callable[..., ExportTable] | None = None
    document: Callable[..., bytes] | None = None
    sheet_title: str = ""
    excel: bool = True  # CSV flavour: « Excel » (BOM, « ; ») or standard

    def __post_init__(self):
        if (self.table is None) == (self.document is None):
            raise ValueError(f"{self.key}: a table or a document, one of the two.")

    @property
    def formats(self) -> tuple[str, ...]:
        return DOCUMENT_FORMATS if self.document else TABLE_FORMATS


KINDS: dict[str, ExportKind] = {}


def register(kind: ExportKind) -> ExportKind:
    KINDS[kind.key] = kind
    return kind


def job_rows() -> int:
    return settings.PTCE_EXPORT_JOB_ROWS


def needs_job(rows: int) -> bool:
    """Whether an export of `rows` rows is built by a job rather than in the request."""
    return rows >= job_rows()


def params_of(query: QueryDict, names: Iterable[str]) -> dict[str, list[str]]:
    """The request's parameters among `names`, as {name: [values]}, sorted, empty ones left
    out: two requests asking for the same export give the same dict."""
    return {
        name: sorted(values)
        for name in sorted(set(names))
        if (values := [value for value in query.getlist(name) if value])
    }


def query_of(params: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, values in params.items():
        query.setlist(name, [str(value) for value in values])
    return query


def _key(kind: str, fmt: str, params: dict) -> str:
    raw = json.dumps([kind, fmt, params], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()


def _kind(key: str) -> ExportKind:
    if key not in KINDS:
        raise ValidationError(f"L’export « {key} » n’existe pas.")
    return KINDS[key]


# --- Services -----------------------------------------------------------------------------


def export_request(*, user, kind: str, fmt: str, params: dict) -> ExportRun:
    """The run building this export for `user`: the one already pending or running for the
    same parameters (a double click, a second tab), else a new one, its job enqueued once the
    transaction commits. Raises ValidationError (in French) on an unknown kind or format, bad
    parameters, or a person who may not export this."""
    export_kind = _kind(kind)
    if fmt not in export_kind.formats:
        offered = " ou ".join(name.upper() for name in export_kind.formats)
        raise ValidationError(f"Le format « {fmt} » n’est pas proposé : {offered}.")
    if not export_kind.allowed(user):
        raise ValidationError("Vous ne pouvez pas demander cet export.")
    query = query_of(params)
    total = export_kind.count(user, query)
    key = _key(kind, fmt, params)
    building = ExportRun.objects.filter(
        requested_by=user,
        params_key=key,
        state__in=[ExportState.PENDING, ExportState.RUNNING],
    )
    if existing := building.first():
        return existing
    run = ExportRun(
        requested_by=user,
        kind=kind,
        format=fmt,
        params=params,
        params_key=key,
        rows_total=total,
        original_name=export_kind.filename(fmt, query),
        size=0,
    )
    run.full_clean()
    try:
        with transaction.atomic():  # a savepoint: the request's transaction goes on
            run.save()
    except IntegrityError:
        # The same request, sent at the same moment, created it first (the constraint
        # `export_run_once_while_building`): that one is ours too.
        return building.get()
    from . import tasks  # the job module imports this one

    enqueue_on_commit(tasks.export_build, run.pk)
    return run


def _progress(rows: Iterable, run: ExportRun) -> Iterator:
    """`rows`, noting on the run how many were written every PROGRESS_EVERY rows."""
    done = 0
    for row in rows:
        yield row
        done += 1
        if done % PROGRESS_EVERY == 0:
            ExportRun.objects.filter(pk=run.pk).update(rows_done=done)
    run.rows_done = done


def _write(target, kind: ExportKind, run: ExportRun, query: QueryDict) -> None:
    """The run's file into `target`: a document's bytes, or a table's rows through the one
    export writer, noting the progress."""
    if run.is_document:
        target.write(kind.document(run.requested_by, query))
        run.rows_done = run.rows_total
        return
    table = kind.table(run.requested_by, query)
    rows = _progress(table.rows, run)
    if run.format == "csv":
        exports.csv_write(target, table.header, rows, excel=kind.excel)
    else:
        sheet = exports.Sheet(kind.sheet_title, table.header, rows, widths=table.widths)
        exports.xlsx_write(target, [sheet])


def _claim(run_pk: int) -> ExportRun | None:
    """The run, marked running, unless it is done or failed (a repeated attempt: nothing)."""
    with transaction.atomic():
        run = (
            ExportRun.objects.select_for_update(of=("self",))
            .filter(pk=run_pk, state__in=[ExportState.PENDING, ExportState.RUNNING])
            .select_related("requested_by")
            .first()
        )
        if run is None:
            return None
        run.state = ExportState.RUNNING
        run.rows_done = 0
        run.save(update_fields=["state", "rows_done"])
    return run


def export_build(*, run_pk: int) -> ExportRun | None:
    """Build the run's file (the job's work). Bad parameters, a person who lost the right, or
    any failure leave the run « échoué » with a French message; an unexpected error is raised
    again after that, for the job's record (admin)."""
    run = _claim(run_pk)
    if run is None:
        return None
    try:
        kind = _kind(run.kind)
        if run.requested_by is None:
            raise ValidationError("Le compte qui a demandé cet export a été supprimé.")
        if not kind.allowed(run.requested_by):
            raise ValidationError("Vous n’avez plus accès à ces données.")
        query = query_of(run.params)
        run.rows_total = kind.count(run.requested_by, query)
        ExportRun.objects.filter(pk=run.pk).update(rows_total=run.rows_total)
        with tempfile.TemporaryFile() as target:
            _write(target, kind, run, query)
            size = target.tell()
            target.seek(0)
            name = run.file.storage.save(
                random_name(ExportRun.FOLDER, run.original_name),
                File(target),
                max_length=run.file.field.max_length,
            )
    except ValidationError as error:
        export_fail(run=run, message=" ".join(error.messages))
        return run
    except Exception:
        export_fail(run=run, message=FAILED_MESSAGE)
        raise
    now = timezone.now()
    ExportRun.objects.filter(pk=run.pk).update(
        state=ExportState.DONE,
        file=name,
        size=size,
        rows_done=run.rows_done,
        rows_total=run.rows_done,
        finished_at=now,
        expires_at=now + timedelta(hours=settings.PTCE_EXPORT_KEEP_HOURS),
    )
    run.refresh_from_db()
    return run


def export_fail(*, run: ExportRun, message: str) -> None:
    now = timezone.now()
    ExportRun.objects.filter(pk=run.pk).update(
        state=ExportState.FAILED,
        error=message[:1000],
        finished_at=now,
        expires_at=now + timedelta(hours=settings.PTCE_EXPORT_KEEP_HOURS),
    )


def export_runs_purge(*, now=None) -> int:
    """Delete the runs past their expiry and their files; the number of runs deleted."""
    now = now or timezone.now()
    expired = ExportRun.objects.filter(expires_at__lt=now)
    names = [name for name in expired.values_list("file", flat=True) if name]
    storage = ExportRun._meta.get_field("file").storage
    for name in names:
        try:
            storage.delete(name)
        except OSError:  # already gone, or the storage refused: the row goes anyway
            logger.warning("Fichier d’export %s non supprimé.", name)
    return expired.delete()[0]


# --- Selectors ----------------------------------------------------------------------------


def runs_of(user) -> list[ExportRun]:
    """The person's exports still kept, the latest first."""
    return list(ExportRun.objects.filter(requested_by=user).order_by("-created_at", "-pk"))


def kind_label(run: ExportRun) -> str:
    kind = KINDS.get(run.kind)
    return kind.label if kind else run.kind
