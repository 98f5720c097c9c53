"""What `manage.py backup` writes and `manage.py restore` reads: one tar.gz archive holding

- `database.jsonl`: every app's rows in Django's portable form (JSON Lines as dumpdata writes
  them, primary keys kept), which restore loads with loaddata after `migrate`; written model
  by model so that a row that cannot be serialised is named;
- `database.pgdump` (PostgreSQL, when `pg_dump` is on the PATH): a native dump, for the
  administrator; restore does not read it;
- `files/<storage>/<name>`: every file of the public (`default`) and private storages;
- `manifest.json`: rows per model, each file's size and SHA-256, the version and migrations.

Content types and permissions are not dumped: `migrate` creates them under ids of its own, so
the rows that point to them name them by natural key. Every other row keeps its primary key
(sessions and history rows hold ids), so only those two are named by natural key.
"""

import hashlib
import importlib.metadata
import posixpath
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import storages
from django.core.serializers import jsonl
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from .files import PrivateStorage

FORMAT = 1
DUMP_NAME = "database.jsonl"
PG_DUMP_NAME = "database.pgdump"
MANIFEST_NAME = "manifest.json"
FILES_PREFIX = "files/"
# Written by `migrate` itself: not dumped.
EXCLUDED_LABELS = {"contenttypes.contenttype", "auth.permission"}
# Rows a fresh installation already has after `migrate` (data migrations): restore replaces
# them with the archive's, and they do not make an installation « not empty ».
SEEDED_BY_MIGRATIONS = {"poles.sector"}
CHUNK = 1024 * 1024


def file_storages() -> dict:
    """The storages whose files are saved: the public one and the private one (the
    `private` alias of STORAGES when it is configured, else the kernel's `PrivateStorage`)."""
    private = storages["private"] if "private" in settings.STORAGES else PrivateStorage()
    return {"default": storages["default"], "private": private}


def storage_files(storage, folder: str = ""):
    """Every file name of a storage, folders walked through its API (not the disk)."""
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for name in sorted(folders):
        yield from storage_files(storage, posixpath.join(folder, name) if folder else name)


class HashingReader:
    """Reads a file through, keeping its SHA-256 and size."""

    def __init__(self, handle):
        self.handle = handle
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        data = self.handle.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def file_digest(storage, name: str) -> tuple[int, str]:
    with storage.open(name, "rb") as handle:
        reader = HashingReader(handle)
        while reader.read(CHUNK):
            pass
    return reader.size, reader.sha256.hexdigest()


def dumped_models() -> list:
    """The models dumpdata writes: every concrete model but the excluded ones."""
    return [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in EXCLUDED_LABELS
        and not model._meta.proxy
        and model._meta.managed
    ]


def database_counts() -> dict[str, int]:
    return {model._meta.label_lower: model._base_manager.count() for model in dumped_models()}


def migration_state() -> dict[str, str]:
    """The last migration applied of each app."""
    applied = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied[app] = max(applied.get(app, name), name)
    return dict(sorted(applied.items()))


def app_version() -> str:
    try:
        return importlib.metadata.version("ptce")
    except importlib.metadata.PackageNotFoundError:
        return "inconnue"


def holds_data() -> list[str]:
    """The models with rows that a fresh installation would not have (tables not created yet
    count as empty, so this can be asked before `migrate`)."""
    tables = set(connection.introspection.table_names())
    return [
        model._meta.label_lower
        for model in dumped_models()
        if model._meta.db_table in tables
        and model._meta.label_lower not in SEEDED_BY_MIGRATIONS
        and model._base_manager.exists()
    ]


class DumpError(Exception):
    def __init__(self, label: str, pk, error: Exception):
        self.label, self.pk, self.error = label, pk, error
        super().__init__(f"{label} {pk}: {error}")


class PortableSerializer(jsonl.Serializer):
    """JSON Lines; natural keys only for the rows `migrate` writes (see the module's note), so
    a history row pointing to a deleted row still dumps as it is."""

    @contextmanager
    def _natural_keys_if_migrate_writes(self, field):
        natural = self.use_natural_foreign_keys
        model = field.remote_field.model
        self.use_natural_foreign_keys = natural and model._meta.label_lower in EXCLUDED_LABELS
        try:
            yield
        finally:
            self.use_natural_foreign_keys = natural

    def handle_fk_field(self, obj, field):
        with self._natural_keys_if_migrate_writes(field):
            super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        with self._natural_keys_if_migrate_writes(field):
            super().handle_m2m_field(obj, field)


def dump_database(path: Path) -> dict[str, int]:
    """Every dumped model's rows, model after model, into `path`; returns the rows written per
    model (`app.model`). Raises DumpError naming the model and the last row read when one
    cannot be serialised."""
    written = {}
    with open(path, "w", encoding="utf-8") as stream:
        for model in dumped_models():
            label, last, count = model._meta.label_lower, [None], [0]

            def tracked(queryset, last=last, count=count):
                for row in queryset.iterator(chunk_size=2000):
                    last[0] = row.pk
                    count[0] += 1
                    yield row

            queryset = model._base_manager.order_by(model._meta.pk.name)
            try:
                PortableSerializer().serialize(
                    tracked(queryset), stream=stream, use_natural_foreign_keys=True
                )
            except Exception as error:  # noqa: BLE001 - any failure is reported, nothing written
                raise DumpError(label, last[0], error) from error
            if count[0]:
                written[label] = count[0]
    return dict(sorted(written.items()))
