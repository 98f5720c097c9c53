"""Writes on the geography: the idempotent load of the data files."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Avg

from ptce.core.invalidation import everything_changed

from .datafiles import DATA_DIR, read_geography
from .models import Commune, Departement, Epci, Region

CREATE_BATCH = 2000
PROGRESS_EVERY = 10000


@dataclass
class SyncCounts:
    label: str
    feminine: bool = False
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    absent: int = 0  # in the database, not in the files: kept (places may refer to them)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def __str__(self) -> str:
        e = "e" if self.feminine else ""
        text = (
            f"{self.label} : {self.read} lu{e}s — {self.created} créé{e}s, "
            f"{self.updated} modifié{e}s, {self.unchanged} inchangé{e}s"
        )
        if self.absent:
            text += f" ; {self.absent} absent{e}s des fichiers, conservé{e}s"
        return text


def _sync(model, rows: list[dict], existing_qs, counts: SyncCounts, progress) -> None:
    """Create missing rows, update rows whose values differ, leave the others alone."""
    fields = [name for name in rows[0] if name != "code"] if rows else []
    existing = {values[0]: values[1:] for values in existing_qs.values_list("pk", *fields)}
    to_create, to_update, changed_fields = [], [], set()
    for row in rows:
        values = tuple(row[name] for name in fields)
        current = existing.pop(row["code"], None)
        if current is None:
            to_create.append(model(**row))
        elif current != values:
            to_update.append(model(**row))
            changed_fields.update(
                n for n, a, b in zip(fields, current, values, strict=True) if a != b
            )
        else:
            counts.unchanged += 1
    counts.read, counts.absent = len(rows), len(existing)
    for start in range(0, len(to_create), CREATE_BATCH):
        batch = to_create[start : start + CREATE_BATCH]
        model.objects.bulk_create(batch)
        counts.created += len(batch)
        if progress and len(to_create) > PROGRESS_EVERY and counts.created % PROGRESS_EVERY == 0:
            progress(f"  {counts.label} : {counts.created}/{len(to_create)}…")
    if to_update:
        # Only the columns that changed somewhere: a new vintage mostly moves populations.
        _update(model, to_update, sorted(changed_fields))
        counts.updated = len(to_update)


def _update(model, objects: list, field_names: list[str]) -> None:
    """One parameterized UPDATE per row, sent with `executemany`.

    `bulk_update()` builds a CASE expression per batch, which takes ~12 s for the 35,000
    communes of a new vintage on SQLite; this takes well under a second. Identifiers come from
    the model's metadata (quoted), values are query parameters.
    """
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    pk = model._meta.pk
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(pk.column)} = %s"  # noqa: S608
    params = [
        [f.get_db_prep_value(getattr(obj, f.attname), connection) for f in fields] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def territories_load(
    *,
    data_dir: Path = DATA_DIR,
    departements: set[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[SyncCounts]:
    """Bring régions, départements, EPCI and communes in line with the data files.

    Idempotent and atomic: the files are read and checked first (`DataFileError` lists every
    bad cell, nothing is written), then all changes happen in one transaction. With
    `departements`, only the communes of those départements are loaded (the régions,
    départements and EPCI always are). Rows absent from the files are reported, not deleted.
    """
    geography = read_geography(data_dir, departements)
    communes = Commune.objects.all()
    if departements:
        communes = communes.filter(departement_id__in=departements)
    steps = [
        (Region, geography.regions, Region.objects.all(), SyncCounts("Régions", True)),
        (
            Departement,
            geography.departements,
            Departement.objects.all(),
            SyncCounts("Départements"),
        ),
        (Epci, geography.epcis, Epci.objects.all(), SyncCounts("EPCI")),
        (Commune, geography.communes, communes, SyncCounts("Communes", True)),
    ]
    results = []
    with transaction.atomic():
        for model, rows, existing_qs, counts in steps:
            _sync(model, rows, existing_qs, counts, progress)
            if progress:
                progress(str(counts))
            results.append(counts)
        _region_points_set()
        # Names of places everywhere: bulk writes, every public entry recomputes.
        everything_changed()
    return results


POINT_DIGITS = 5  # about a metre: a reload with the same communes changes nothing


def _region_points_set() -> None:
    """Each région's point: the mean of its communes' coordinates (those loaded)."""
    means = (
        Commune.objects.filter(latitude__isnull=False, longitude__isnull=False)
        .values("region_id")
        .annotate(latitude=Avg("latitude"), longitude=Avg("longitude"))
        .order_by()
    )
    points = {
        row["region_id"]: (
            round(row["latitude"], POINT_DIGITS),
            round(row["longitude"], POINT_DIGITS),
        )
        for row in means
    }
    changed = [
        Region(code=code, latitude=point[0], longitude=point[1])
        for code, *current in Region.objects.values_list("code", "latitude", "longitude")
        if (point := points.get(code, (None, None))) != tuple(current)
    ]
    if changed:
        _update(Region, changed, ["latitude", "longitude"])
