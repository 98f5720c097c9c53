"""Writes of the imports: keep an upload and its preview, apply it in one transaction (or hand
it to a background job when it is large), abandon it.

The apply reads the kept file again and plans it anew under the run's row lock: what it writes
is what the database holds at that moment, not what the preview saw. If a row not excluded
still has a blocking problem, or a service refuses a row, nothing at all is written."""

from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ptce.core.bulk import gc_paused
from ptce.core.jobs import enqueue_on_commit
from ptce.organisations.services import organisation_update
from ptce.organisations.services_bulk import RowRefused, organisation_bulk_create
from ptce.poles.models import PersonRole, Pole
from ptce.poles.services import _unique_slug, pole_territory_set, pole_update
from ptce.poles.services_members import invitation_create, membership_bulk_add

from .models import ImportKind, ImportRun, ImportState
from .plan_organisations import plan_organisations
from .plan_poles import plan_poles
from .plans import CREATE, ERROR, UNCHANGED, UPDATE, Plan
from .readers import read_table

PROGRESS_EVERY = 50


def job_threshold() -> int:
    """From this many rows, an import is applied by a background job."""
    return settings.PTCE_IMPORT_JOB_ROWS


def progress_key(run_pk: int) -> str:
    return f"imports:progress:{run_pk}"


def plan_file(*, kind: str, name: str, data: bytes, pole=None) -> Plan:
    """Read and plan a file; FileProblem (a ValidationError) when it cannot be read."""
    with gc_paused():
        table = read_table(name, data)
        if kind == ImportKind.POLES:
            return plan_poles(table)
        return plan_organisations(table, pole=pole)


@transaction.atomic
def import_upload(*, kind: str, uploaded_file, created_by, pole=None) -> ImportRun:
    """Keep the file and its preview; raises ValidationError (nothing kept) if unreadable."""
    data = uploaded_file.read()
    plan = plan_file(kind=kind, name=uploaded_file.name, data=data, pole=pole)
    run = ImportRun(kind=kind, pole=pole, created_by=created_by)
    uploaded_file.seek(0)
    run.keep(uploaded_file)
    run.preview = plan.as_json()
    run.total_rows = len(plan.rows)
    try:
        run.full_clean(exclude=["file"])
        run.save()
    except Exception:
        run.file.storage.delete(run.file.name)
        raise
    return run


def _lock(run: ImportRun, *states) -> ImportRun:
    locked = ImportRun.objects.select_for_update().get(pk=run.pk)
    if locked.state not in states:
        raise ValidationError(
            f"Cet import est déjà {locked.get_state_display().lower()} : rien n’a été refait."
        )
    return locked


@transaction.atomic
def import_cancel(*, run: ImportRun) -> ImportRun:
    run = _lock(run, ImportState.PENDING)
    run.state = ImportState.CANCELLED
    run.save(update_fields=["state"])
    _delete_file_on_commit(run)
    return run


@transaction.atomic
def import_request_apply(*, run: ImportRun, excluded_lines=()) -> ImportRun:
    """Apply now, or hand a large file to a background job (the page then shows its progress).
    The person's choice of rows to leave out is kept on the run either way."""
    run = _lock(run, ImportState.PENDING)
    run.excluded_lines = sorted({int(line) for line in excluded_lines})
    blocking = _blocking_lines(run.preview.get("rows", []), run.excluded_lines)
    if blocking:
        raise ValidationError(_blocking_message(blocking))
    if run.total_rows >= job_threshold():
        run.state = ImportState.QUEUED
        run.save(update_fields=["state", "excluded_lines"])
        from .tasks import import_run_apply  # the job module imports this one

        enqueue_on_commit(import_run_apply, run.pk)
        return run
    run.save(update_fields=["excluded_lines"])
    return import_apply(run=run)


def _blocking_lines(rows: list[dict], excluded) -> list[int]:
    excluded = set(excluded)
    return [row["line"] for row in rows if row["action"] == ERROR and row["line"] not in excluded]


def _blocking_message(lines: list[int]) -> str:
    shown = ", ".join(str(line) for line in lines[:10]) + (" …" if len(lines) > 10 else "")
    return (
        f"{len(lines)} ligne{'s' if len(lines) > 1 else ''} garde{'nt' if len(lines) > 1 else ''} "
        f"une erreur bloquante ({shown}) : excluez-la{'s' if len(lines) > 1 else ''} de l’import, "
        "ou corrigez le fichier et déposez-le de nouveau. Rien n’a été enregistré."
    )


@transaction.atomic
def import_apply(*, run: ImportRun) -> ImportRun:
    """Carry the plan out, all or nothing; the report says what was done."""
    run = _lock(run, ImportState.PENDING, ImportState.QUEUED)
    with run.file.open("rb") as handle:
        data = handle.read()
    plan = plan_file(kind=run.kind, name=run.original_name, data=data, pole=run.pole)
    excluded = set(run.excluded_lines)
    blocking = [r.line for r in plan.rows if r.action == ERROR and r.line not in excluded]
    if blocking:
        raise ValidationError(_blocking_message(blocking))
    apply_plan(plan, pole=run.pole, created_by=run.created_by, excluded=excluded, run_pk=run.pk)
    run.report = _report(plan, excluded)
    run.state = ImportState.APPLIED
    run.applied_at = timezone.now()
    run.preview = plan.as_json()
    run.save(update_fields=["report", "state", "applied_at", "preview"])
    _delete_file_on_commit(run)
    return run


def apply_plan(plan: Plan, *, pole, created_by, excluded=frozenset(), run_pk=None) -> None:
    """Write each planned row (the caller holds the transaction and has checked that no row
    left in has a blocking problem); a service's refusal names its line."""
    rows = [r for r in plan.rows if r.line not in excluded and r.action in {CREATE, UPDATE}]
    if plan.kind == ImportKind.ORGANISATIONS:
        with gc_paused():
            _apply_organisations(rows, pole=pole, created_by=created_by, run_pk=run_pk)
        return
    for done, row in enumerate(rows, start=1):
        with _refused_at(row.line):
            _apply_pole(row, created_by=created_by)
        _progress(run_pk, done)


@contextmanager
def _refused_at(line: int):
    try:
        yield
    except ValidationError as error:
        problems = " ".join(error.messages)
        raise ValidationError(f"ligne {line} : {problems} Rien n’a été enregistré.") from None


def _progress(run_pk, done: int, *, every: int = PROGRESS_EVERY) -> None:
    if run_pk is not None and done % every == 0:
        cache.set(progress_key(run_pk), done, 3600)


def import_fail(*, run: ImportRun, message: str) -> None:
    """A job that could not apply: nothing was written, the page says why."""
    ImportRun.objects.filter(pk=run.pk, state=ImportState.QUEUED).update(
        state=ImportState.FAILED, error=message[:2000]
    )


def _report(plan: Plan, excluded: set) -> dict:
    counts = plan.counts(excluded)
    return {
        "created": counts[CREATE],
        "updated": counts[UPDATE],
        "unchanged": counts[UNCHANGED],
        "excluded": counts["excluded"],
        "rejected_lines": sorted(excluded),
        "to_check": [r.line for r in plan.rows if r.line not in excluded and r.problems],
    }


def _delete_file_on_commit(run: ImportRun) -> None:
    name = run.file.name
    if not name:
        return
    storage = run.file.storage
    transaction.on_commit(lambda: storage.delete(name))
    ImportRun.objects.filter(pk=run.pk).update(file="")
    run.file = ""


def _apply_pole(row, *, created_by, **_context) -> None:
    data = row.data
    pole = row.target
    if pole is None:
        slug = row.values.get("slug") or _unique_slug(row.values["name"])
        pole = Pole(
            name=row.values["name"].strip(),
            slug=slug,
            region=data["region"],
            website=data.get("website", ""),
            contact_email=data.get("contact_email", ""),
        )
        pole.full_clean()
        pole.save()
        set_territory = True
        data["send_invite"] = bool(data.get("invite"))
    else:
        fields = {
            name: data[name]
            for name in ("website", "contact_email")
            if data.get(name) and not getattr(pole, name)
        }
        if fields:
            pole_update(pole=pole, **fields)
        set_territory = data.get("set_territory")
    if set_territory or pole.region_id is None:
        pole_territory_set(
            pole=pole,
            communes=data["communes"],
            epcis=data["epcis"],
            departements=data["departements"],
            region=data["region"],
        )
    if data.get("send_invite"):
        # The handover's way (`poles/handover.py`): the coordination consents by accepting.
        invitation_create(
            pole=pole, email=data["invite"], role=PersonRole.COORDINATOR, invited_by=created_by
        )


def _apply_organisations(rows, *, pole, created_by, run_pk) -> None:
    """The new organisations in bulk (50,000 rows in seconds rather than minutes), then the
    completions one by one (rare), then the memberships in bulk."""
    new = [row for row in rows if row.target is None]
    fields = [
        {
            "name": row.data["name"],
            "legal_category": row.data["legal_category"],
            "siret": row.data.get("siret") or None,
            "rna": row.data.get("rna") or None,
            "naf_code": row.data.get("naf_code", ""),
            "commune": row.data.get("commune"),
            "address": row.data.get("address", ""),
            "headcount_band": row.data.get("headcount_band", ""),
            "website": row.data.get("website", ""),
        }
        for row in new
    ]
    try:
        created = organisation_bulk_create(rows=fields, created_by=created_by)
    except RowRefused as error:
        with _refused_at(new[error.index].line):
            raise error from None
    joins = [
        (organisation, row.data["role"]) for row, organisation in zip(new, created, strict=True)
    ]
    _progress(run_pk, len(new), every=1)
    for row in rows:
        if row.target is None:
            continue
        with _refused_at(row.line):
            if row.data.get("fill"):
                organisation_update(organisation=row.target, **row.data["fill"])
        if row.data.get("join"):
            joins.append((row.target, row.data["role"]))
    try:
        membership_bulk_add(pole=pole, members=joins)
    except ValidationError as error:
        raise ValidationError(f"{' '.join(error.messages)} Rien n’a été enregistré.") from None
