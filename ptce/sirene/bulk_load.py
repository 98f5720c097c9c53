# ruff: noqa: S608 -- SQL built from this app's table and column names and constants only
"""Moving DuckDB's staged rows into the database with no Python per row where possible, and a
first load's secondary indexes built once at the end rather than updated row by row.

- PostgreSQL: DuckDB writes the rows as CSV (its own threads), streamed to `COPY … FROM STDIN`.
- SQLite: DuckDB's rows in batches to `executemany` (SQLite has no COPY).
"""

import contextlib
import tempfile
from pathlib import Path

from django.db import connection

SQLITE_BATCH = 50_000
COPY_BLOCK = 1 << 20
# For the load's connection only, restored after: a larger page cache for building the indexes.
SQLITE_CACHE_KIB = 131_072


def copy(con, query: str, table: str, columns: tuple[str, ...]) -> None:
    """Insert the rows of DuckDB's `query` (values in the order of `columns`) into `table`."""
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with tempfile.TemporaryDirectory(prefix="sirene-copy-") as directory:
                path = Path(directory) / "rows.csv"
                quoted = "'" + str(path).replace("'", "''") + "'"
                con.execute(f"COPY ({query}) TO {quoted} (FORMAT csv, HEADER false)")
                sql = f"COPY {table} ({names}) FROM STDIN (FORMAT csv)"
                with path.open("rb") as rows, cursor.cursor.copy(sql) as pg_copy:
                    while block := rows.read(COPY_BLOCK):
                        pg_copy.write(block)
            return
        marks = ", ".join(["%s"] * len(columns))
        insert = f"INSERT INTO {table} ({names}) VALUES ({marks})"
        result = con.execute(query)
        while batch := result.fetchmany(SQLITE_BATCH):
            cursor.executemany(insert, batch)


def _secondary_indexes(cursor, tables: list[str]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the indexes of `tables` that back no constraint."""
    if connection.vendor == "postgresql":
        cursor.execute(
            """
            SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = ANY(%s) AND pg_table_is_visible(t.oid)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            """,
            [tables],
        )
    else:
        marks = ", ".join(["%s"] * len(tables))
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks})",
            tables,
        )
    return cursor.fetchall()


def _foreign_keys(cursor, tables: list[str]) -> list[tuple[str, str, str]]:
    """(table, name, definition) of PostgreSQL's foreign keys between `tables`."""
    if connection.vendor != "postgresql":
        return []  # SQLite's cannot be dropped; its deferred check is a counter, cheap
    cursor.execute(
        """
        SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
        WHERE c.contype = 'f' AND t.relname = ANY(%s) AND r.relname = ANY(%s)
          AND pg_table_is_visible(t.oid)
        """,
        [tables, tables],
    )
    return cursor.fetchall()


@contextlib.contextmanager
def indexes_deferred(tables: list[str], *, enabled: bool):
    """Within the caller's transaction: drop the secondary indexes (and, on PostgreSQL, the
    foreign keys) of `tables`, then create them again, each in one pass over the rows."""
    if not enabled:
        yield
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        indexes = _secondary_indexes(cursor, tables)
        keys = _foreign_keys(cursor, tables)
        for table, name, _ in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        else:
            cursor.execute("PRAGMA cache_size")
            (cache_size,) = cursor.fetchone()
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    try:
        yield
        with connection.cursor() as cursor:
            for _, statement in indexes:
                cursor.execute(statement)
            for table, name, definition in keys:
                cursor.execute(
                    f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}"
                )
    finally:
        if connection.vendor == "sqlite":  # not transactional: restored on failure too
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
