# ruff: noqa: S608 -- SQL built from this app's table and column names and constants only
"""Loading the SIRENE stock into `SireneUnit` (`manage.py sirene_load`): in one transaction,
idempotent. DuckDB computes every stored column (`stage`), compares each unit's fingerprint with
the stored one in one join, and hands over only what differs: a unit is written when it is new or
when one of its stored fields changed; a unit the file withholds (not diffusible, or out of the
chosen filter) is deleted, so that a unit turned non-diffusible disappears at the next load.

A first load (empty table) drops the secondary indexes and builds them once at the end: far
faster than updating them row by row. It all stays in the transaction, so a failed load changes
nothing, indexes included."""

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
from django.db import connection, transaction

from . import bulk_load, stage
from .files import FILTERS, SireneFileError, StockFiles, _first_line
from .models import SireneToken, SireneUnit
from .words import MIN_TOKEN, STOP_WORDS, TOKEN_LENGTH, name_tokens

__all__ = ["MIN_TOKEN", "STOP_WORDS", "TOKEN_LENGTH", "LoadReport", "name_tokens", "sirene_load"]

UNITS = SireneUnit._meta.db_table
TOKENS = SireneToken._meta.db_table
DELETE_BATCH = 5_000


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


def _stored_fingerprints(files: StockFiles) -> None:
    """The stored (siren, fingerprint) into DuckDB's `stored`, through a CSV file (DuckDB's
    list parameters cost an import attempt per value)."""
    files.con.execute("CREATE TABLE stored (siren VARCHAR, fingerprint VARCHAR)")
    path = files.scratch("stored.csv")
    written = 0
    with path.open("w", newline="") as out, connection.cursor() as cursor:
        writer = csv.writer(out)
        cursor.execute(f"SELECT siren, fingerprint FROM {UNITS}")
        while chunk := cursor.fetchmany(100_000):
            writer.writerows(chunk)
            written += len(chunk)
    if written:
        files.con.execute(f"INSERT INTO stored SELECT * FROM {stage.read_scratch(path, 2)}")


def _delete(sirens: list[str]) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(sirens), DELETE_BATCH):
            batch = sirens[start : start + DELETE_BATCH]
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(f"DELETE FROM {TOKENS} WHERE unit_id IN ({marks})", batch)
            cursor.execute(f"DELETE FROM {UNITS} WHERE siren IN ({marks})", batch)


def _stage(files: StockFiles, *, actives: bool, filtre: str) -> dict:
    """DuckDB's tables `todo` (units to write, `known` when stored already) and `gone` (stored
    units the file withholds); the counts of the report."""
    con = files.con
    stage.register(con)
    kept = files.kept_condition(actives=actives, filtre=filtre)
    source = files.source()
    con.execute(f"CREATE TABLE raw AS {stage.staged_units(source, kept)}")
    stage.fill_keys(con, "raw", files.scratch("keys.csv"))
    con.execute(f"CREATE TABLE staged AS {stage.finished('raw')}")
    con.execute("DROP TABLE raw")
    con.execute("""
        CREATE TABLE todo AS
        SELECT staged.*, stored.siren IS NOT NULL AS known FROM staged
        LEFT JOIN stored USING (siren)
        WHERE stored.fingerprint IS DISTINCT FROM staged.fingerprint
    """)
    con.execute(f"""
        CREATE TABLE gone AS SELECT siren FROM stored
        WHERE siren IN (SELECT clean(u.siren) FROM ({source}) AS u
                        WHERE NOT coalesce({kept}, FALSE))
    """)
    (count,) = con.execute("SELECT count(*) FROM staged").fetchone()
    (new, changed) = con.execute(
        "SELECT count(*) FILTER (NOT known), count(*) FILTER (known) FROM todo"
    ).fetchone()
    (gone,) = con.execute("SELECT count(*) FROM gone").fetchone()
    return {"created": new, "updated": changed, "unchanged": count - new - changed, "removed": gone}


@transaction.atomic
def sirene_load(
    *,
    paths: list[Path],
    actives: bool = False,
    filtre: str = "tout",
    progress: Callable[[str], None] | None = None,
) -> LoadReport:
    """Load the stock files; `SireneFileError` (nothing written) when one cannot be read."""
    if filtre not in FILTERS:
        raise ValueError(f"unknown filter {filtre!r}")
    files = StockFiles(paths)
    try:
        files.check_unique()
        empty = not SireneUnit.objects.exists()
        _stored_fingerprints(files)
        try:
            report = LoadReport(**_stage(files, actives=actives, filtre=filtre))
        except duckdb.Error as error:
            raise SireneFileError(f"Lecture impossible : {_first_line(error)}.") from None
        if progress:
            progress(
                f"{report.created} unité(s) à ajouter, {report.updated} à mettre à jour, "
                f"{report.removed} à retirer…"
            )
        con = files.con
        _delete([s for (s,) in con.execute("SELECT siren FROM todo WHERE known").fetchall()])
        _delete([s for (s,) in con.execute("SELECT siren FROM gone").fetchall()])
        columns = ", ".join(stage.UNIT_FIELDS)
        with bulk_load.indexes_deferred([UNITS, TOKENS], enabled=empty and report.created > 0):
            bulk_load.copy(
                con,
                f"SELECT {columns} FROM todo ORDER BY siren",
                UNITS,
                stage.UNIT_FIELDS,
            )
            bulk_load.copy(con, stage.tokens("todo"), TOKENS, ("token", "unit_id"))
    finally:
        files.close()
    if connection.vendor == "postgresql" and report.changed:
        # Fresh statistics, or the planner may scan a table just filled (ANALYZE may run in a
        # transaction, unlike VACUUM).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {UNITS}, {TOKENS}")
    return report
