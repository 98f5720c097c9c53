"""Inserting many rows fast: what `bulk_create` does, without its SQL compilation of every value
(two thirds of the time of an import of 50,000 organisations went there, and SQLite's batches of
999 parameters made it 500 statements).

- `insert_many(model, objs)`: multi-row INSERT … RETURNING the primary keys (set on the objects,
  as `bulk_create` does), batches as large as the database takes.
- `insert_many(model, objs, returning=False)`: COPY on PostgreSQL, `executemany` on SQLite: for
  rows nobody reads back (the SIRENE copy).
- `instance_maker(model)`: a function making unsaved instances from dicts of field values, as
  `model(**values)` does, without its generic handling of arguments.
- `with gc_paused():` the cyclic garbage collector waits while a file's rows are held in memory
  (it went through them all again every few thousand objects: a fifth of an import's time).

Like `bulk_create`: no `save()`, no signals; fields' `pre_save` runs (auto_now), values are
prepared by their field for the database, except those the driver takes as they are."""

import datetime
import gc
import operator
from contextlib import contextmanager

from django.db import connections, models, router
from django.db.models.base import ModelState
from django.db.models.fields import AutoFieldMixin
from django.db.models.signals import post_init, pre_init
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
        out.append((field, auto, None if as_is else _preparer(field)))
    return out


def _preparer(field):
    """`field.get_db_prep_save`, with a short way for the common values of two kinds of field
    (a third of the writing time of an import went to its timestamps): an aware datetime for
    a DateTimeField (what Django does with it comes down to the database's adapter), a date
    for a DateField (prepared once per distinct date)."""
    slow = field.get_db_prep_save
    if type(field) is models.DateTimeField:

        def prepare(value, connection):
            if isinstance(value, datetime.datetime) and value.utcoffset() is not None:
                return connection.ops.adapt_datetimefield_value(value)
            return slow(value, connection)

        return prepare
    if type(field) is models.DateField:
        done = {}  # (connection, date) → its prepared value

        def prepare(value, connection):
            if type(value) is not datetime.date:
                return slow(value, connection)
            key = (connection.alias, value)
            if key not in done:
                done[key] = slow(value, connection)
            return done[key]

        return prepare
    return slow


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
    stamped = [field for field, auto, _ in preparers if auto]  # pre_save sets their value
    read = _reader([field.attname for field in fields])
    prepared = [(i, prepare) for i, (_, _, prepare) in enumerate(preparers) if prepare]
    rows = []
    for obj in objs:
        for field in stamped:
            field.pre_save(obj, True)
        row = read(obj)
        for i, prepare in prepared:
            row[i] = prepare(row[i], connection)
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
    template = [None if value is _EACH else value for _, _, value in columns]
    each = [
        (i, name, prepare) for i, (name, prepare, value) in enumerate(columns) if value is _EACH
    ]
    read = _reader([name for _, name, _ in each])
    rows = []
    for obj in objs:
        row = template.copy()
        for (i, _, prepare), value in zip(each, read(obj)):  # noqa: B905 (same length)
            row[i] = value if prepare is None else prepare(value, connection)
        rows.append(row)
    insert_rows(history, fields, rows, returning=False)


def _reader(names: list[str]):
    """obj → the list of its attributes `names`, read in one call."""
    if not names:
        return lambda obj: []
    if len(names) == 1:
        get = operator.attrgetter(names[0])
        return lambda obj: [get(obj)]
    get = operator.attrgetter(*names)
    return lambda obj: list(get(obj))


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


def instance_maker(model: type[models.Model]):
    """A function `make(values)` → an unsaved instance of `model`, as `model(**values)` makes
    it (the other fields at their default, a related object given by its field's name set and
    cached), three times as fast: an import makes 100,000. `model(**values)` itself when
    someone listens to the model's init signals, or for a name that is not a concrete field
    (a property, a mistake: the model says which)."""
    if pre_init.has_listeners(model) or post_init.has_listeners(model):
        return lambda values: model(**values)
    fields = model._meta.concrete_fields
    fixed = {}  # attribute → default, the same object for every instance (as Django does)
    computed = []  # fields whose default is a callable, called for each instance
    for field in fields:
        if field.has_default() and callable(field.default):
            computed.append(field)
        else:
            fixed[field.attname] = field.get_default()
    attnames = set(fixed) | {field.attname for field in computed}
    related = {field.name: field for field in fields if field.is_relation}
    new = model.__new__

    def make(values: dict):
        state = ModelState()
        attributes = dict(fixed)
        for field in computed:
            attributes[field.attname] = field.get_default()
        for name, value in values.items():
            if name in attnames:
                attributes[name] = value
            elif name in related and (
                value is None or isinstance(value, related[name].remote_field.model)
            ):
                field = related[name]
                attributes[field.attname] = (
                    None if value is None else getattr(value, field.target_field.attname)
                )
                state.fields_cache[name] = value
            else:
                return model(**values)
        instance = new(model)
        instance.__dict__.update(attributes)
        instance._state = state
        return instance

    return make


@contextmanager
def gc_paused():
    """No cyclic garbage collection inside the block (reference counting still frees what is
    no longer used): the collector's passes grow with the objects alive, and an import keeps
    hundreds of thousands alive until it ends. Collection resumes after, if it was on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
