"""Inserting many rows fast: what `bulk_create` does, without its SQL compilation of every value
(two thirds of the time of an import of 50,000 organisations went there, and SQLite's batches of
999 parameters made it 500 statements).

- `insert_many(model, objs)`: multi-row INSERT … RETURNING the primary keys (set on the objects,
  as `bulk_create` does), batches as large as the database takes.
- `insert_many(model, objs, returning=False)`: COPY on PostgreSQL, `executemany` on SQLite: for
  rows nobody reads back (the SIRENE copy).

Like `bulk_create`: no `save()`, no signals; fields' `pre_save` runs (auto_now), values are
prepared by their field for the database, except those the driver takes as they are."""

from django.db import connections, models, router
from django.db.models.fields import AutoFieldMixin
from django.utils import timezone

# Their value reaches the driver as Python holds it (str, int, bool, None): no preparation.
_AS_IS = {
    "CharField",
    "TextField",
    "BooleanField",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "BigIntegerField",
    "ForeignKey",
    "SlugField",
    "EmailField",
    "URLField",
}
SQLITE_PARAMS = 30_000  # under SQLite's 32,766 variables per statement (3.32+)
_EACH = object()
POSTGRES_PARAMS = 60_000  # under the protocol's 65,535 parameters per statement


def _preparers(fields):
    """(field, runs pre_save, preparer or None) for each field."""
    out = []
    for field in fields:
        auto = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        as_is = field.get_internal_type() in _AS_IS and not auto
        out.append((field, auto, None if as_is else field.get_db_prep_save))
    return out


def insert_many(model: type[models.Model], objs: list, *, returning: bool = True) -> None:
    """Insert `objs` (unsaved instances); with an automatic primary key and `returning`, each
    gets its key, as after `bulk_create`."""
    if not objs:
        return
    connection = connections[router.db_for_write(model)]  # not the proxy: read per value
    pk = model._meta.pk
    skip_pk = isinstance(pk, AutoFieldMixin) and all(getattr(o, pk.attname) is None for o in objs)
    fields = [f for f in model._meta.concrete_fields if not (skip_pk and f is pk)]
    preparers = _preparers(fields)
    rows = []
    for obj in objs:
        row = []
        for field, auto, prepare in preparers:
            value = field.pre_save(obj, True) if auto else getattr(obj, field.attname)
            row.append(value if prepare is None else prepare(value, connection))
        rows.append(row)
    keys = insert_rows(model, fields, rows, returning=returning and skip_pk)
    for obj, key in zip(objs, keys or [], strict=bool(keys)):
        setattr(obj, pk.attname, key)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


def history_insert(model: type[models.Model], objs: list, *, user=None) -> None:
    """The « created » history rows (django-simple-history) of `objs`, just inserted: what
    `bulk_history_create` writes, without building a model instance per row."""
    history = model.history.model
    connection = connections[router.db_for_write(history)]
    fields = [f for f in history._meta.concrete_fields if f is not history._meta.pk]
    fixed = {
        "history_date": timezone.now(),
        "history_user_id": user.pk if user is not None else None,
        "history_change_reason": None,
        "history_type": "+",
    }
    columns = []  # (attribute, preparer, the value of every row or _EACH)
    for field, _, prepare in _preparers(fields):
        if field.attname in fixed:  # the same on every row: prepared once
            value = fixed[field.attname]
            columns.append(
                (field.attname, None, value if prepare is None else prepare(value, connection))
            )
        else:
            columns.append((field.attname, prepare, _EACH))
    rows = []
    for obj in objs:
        row = []
        for name, prepare, value in columns:
            if value is _EACH:
                value = getattr(obj, name)
                value = value if prepare is None else prepare(value, connection)
            row.append(value)
        rows.append(row)
    insert_rows(history, fields, rows, returning=False)


def insert_rows(model, fields, rows: list[list], *, returning: bool) -> list | None:
    """Rows of prepared values for `fields`; the new primary keys if `returning`."""
    if not rows:
        return [] if returning else None
    connection = connections[router.db_for_write(model)]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        if not returning:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(fields))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)
            return None
        pk = connection.ops.quote_name(model._meta.pk.column)
        limit = POSTGRES_PARAMS if connection.vendor == "postgresql" else SQLITE_PARAMS
        size = max(1, limit // len(fields))
        one = "(" + ", ".join(["%s"] * len(fields)) + ")"
        keys = []
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(batch))} "
                f"RETURNING {pk}",
                [value for row in batch for value in row],
            )
            keys += [key for (key,) in cursor.fetchall()]
        return keys
