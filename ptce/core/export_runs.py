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

FORMATS = ("csv", "xlsx")
PROGRESS_EVERY = 200  # rows between two updates of the progress (one UPDATE each)
FAILED_MESSAGE = "L’export n’a pas pu être préparé à cause d’une erreur inattendue."


@dataclass(frozen=True)
class ExportTable:
    header: Sequence[str]
    rows: Iterable[Sequence]
    widths: Sequence[float] = ()


@dataclass(frozen=True)
class ExportKind:
    """What a domain exports. `count` and `table` take the person and the request's
    parameters (a QueryDict); `count` raises ValidationError (in French) on bad parameters.
    `filename` takes the format and returns the download's name."""

    key: str
    label: str
    sheet_title: str
    allowed: Callable
    count: Callable[..., int]
    table: Callable[..., ExportTable]
    filename: Callable[[str], str]
    excel: bool = True  # CSV flavour: « Excel » (BOM, « ; ») or standard


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
    if fmt not in FORMATS:
        raise ValidationError(f"Le format « {fmt} » n’est pas proposé : CSV ou XLSX.")
    if not export_kind.allowed(user):
        raise ValidationError("Vous ne pouvez pas demander cet export.")
    total = export_kind.count(user, query_of(params))
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
        original_name=export_kind.filename(fmt),
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
        total = kind.count(run.requested_by, query)
        ExportRun.objects.filter(pk=run.pk).update(rows_total=total)
        table = kind.table(run.requested_by, query)
        rows = _progress(table.rows, run)
        with tempfile.TemporaryFile() as target:
            if run.format == "csv":
                exports.csv_write(target, table.header, rows, excel=kind.excel)
            else:
                sheet = exports.Sheet(kind.sheet_title, table.header, rows, widths=table.widths)
                exports.xlsx_write(target, [sheet])
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
