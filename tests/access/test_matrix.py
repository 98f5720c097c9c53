"""The authorization matrix: every URL of the site (admin excluded) × every role, GET and an
empty POST, against the table of `docs/access.md`. A new URL without a row fails here."""

import os
import types

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from ptce.poles.models import Sector
from ptce.poles.reference import sectors_load
from tests.access.table import ROLES, Expected, read_table, split_row_name, status_of
from tests.access.urlconf import url_patterns
from tests.access.world import PARAMETERS, PATHS, build_world

FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"
TABLE = read_table()
# Cells whose expected (correct) status the site does not give yet: {(row, role): reason}.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    return tmp_path_factory.mktemp("matrix")


@pytest.fixture(autouse=True)
def _isolated_files(settings, media):
    """The world's files stay readable by every test of the module."""
    settings.MEDIA_ROOT = media / "media"
    settings.PTCE_PRIVATE_MEDIA_ROOT = media / "private"


@pytest.fixture(scope="module", autouse=True)
def _no_pdf_layout():
    """PDFs are laid out by WeasyPrint in seconds; access is decided before that, and their
    content is tested beside their views: here a PDF is its template rendered, then a stub."""
    with pytest.MonkeyPatch.context() as patch:
        stub = types.SimpleNamespace(write_pdf=lambda *args, **kwargs: b"%PDF-1.7")
        patch.setattr("weasyprint.HTML.render", lambda self, *args, **kwargs: stub)
        patch.setattr("weasyprint.HTML.write_pdf", lambda self, *args, **kwargs: b"%PDF-1.7")
        yield


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, media):
    """Built once, inside a transaction rolled back after the last test (each test adds its
    own savepoint through `db`, so what an empty POST changes is undone)."""
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
    try:
        with (
            django_db_blocker.unblock(),
            override_settings(
                PASSWORD_HASHERS=[FAST_HASHER],
                MEDIA_ROOT=media / "media",
                PTCE_PRIVATE_MEDIA_ROOT=media / "private",
            ),
        ):
            if not Sector.objects.exists():
                sectors_load(Sector)
            world = build_world()
            world.sessions = {}
            for role, user in world.users.items():
                if user is not None:
                    client = Client()
                    client.force_login(user)
                    world.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
            yield world
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def path_of(world, row: str, params: list[str]) -> str:
    name, variant = split_row_name(row)
    if name in PATHS:
        return PATHS[name]
    kwargs = {param: PARAMETERS[param](world, name, variant) for param in params}
    return reverse(name, kwargs=kwargs)


def observe(world, row: str, params: list[str], role: str, *, post: bool) -> Expected:
    """What the site answers `role` on this row's URL, each request rolled back."""
    path = path_of(world, row, params)
    statuses = []
    for method in ("get", "post") if post else ("get",):
        cache.clear()
        client = Client()
        if role in world.sessions:
            client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
        with transaction.atomic():
            statuses.append(status_of(getattr(client, method)(path)))
            transaction.set_rollback(True)
    return Expected(get=statuses[0], post=statuses[1] if post else None)


def observe_page(world, row: str, params: list[str], role: str):
    """The response of a GET of this row's URL as `role`, rolled back (read by test_words)."""
    path = path_of(world, row, params)
    cache.clear()
    client = Client()
    if role in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    with transaction.atomic():
        response = client.get(path)
        transaction.set_rollback(True)
    return response


def test_every_url_has_a_row_and_every_row_a_url():
    urls, rows = set(url_patterns()), {split_row_name(row)[0] for row in TABLE}
    missing, unknown = sorted(urls - rows), sorted(rows - urls)
    assert not missing, "URL sans ligne dans docs/access.md : " + ", ".join(missing)
    assert not unknown, "Ligne de docs/access.md sans URL : " + ", ".join(unknown)


def cases():
    patterns = url_patterns()
    for row in sorted(TABLE):
        name = split_row_name(row)[0]
        if name not in patterns:
            continue  # reported by test_every_url_has_a_row_and_every_row_a_url
        for role in ROLES.values():
            marks = []
            if (row, role) in KNOWN_BUGS:
                marks = [pytest.mark.xfail(strict=True, reason=f"bug: {KNOWN_BUGS[row, role]}")]
            yield pytest.param(row, patterns[name], role, id=f"{row}-{role}", marks=marks)


@pytest.mark.parametrize(("row", "params", "role"), list(cases()))
def test_access(world, db, row, params, role):
    expected = TABLE[row][role]
    actual = observe(world, row, params, role, post=expected.post is not None)
    assert "500" not in str(actual), f"{row} en {role} : erreur serveur"
    assert actual == expected, f"{row} en {role} : {actual} au lieu de {expected}"


@pytest.mark.skipif(not os.environ.get("PTCE_ACCESS_RECORD"), reason="PTCE_ACCESS_RECORD=fichier")
def test_record_the_table(world, db):
    """Writes the rows as the site answers today (GET and POST everywhere), to review."""
    lines = []
    for name, params in sorted(url_patterns().items()):
        cells = []
        for role in ROLES.values():
            try:
                cells.append(str(observe(world, name, params, role, post=True)))
            except Exception as error:  # recorded to be read, never kept
                cells.append(f"!{type(error).__name__}")
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    with open(os.environ["PTCE_ACCESS_RECORD"], "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
