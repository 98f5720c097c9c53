"""Fixtures of the demo tests (test_demo.py, test_demo_calls.py)."""

import pytest
from django.db import transaction
from django.test import override_settings

from ptce.poles.models import Sector
from ptce.poles.reference import sectors_load
from tests.assessments.factories import load_default_referentiel
from tests.demo.demo_data import create_demo_geography, run_demo_load

FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


@pytest.fixture
def demo_geography(db):
    """What `demo_load` needs first: the geography and the ECARTS référentiel."""
    create_demo_geography()
    load_default_referentiel()


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for a class inside a transaction rolled back after its last test
    (each test adds its own savepoint through `db`). Returns what the command printed."""
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
    try:
        with (
            django_db_blocker.unblock(),
            # The signed conventions of the demo's agreements are private files.
            override_settings(
                DEBUG=True,
                PASSWORD_HASHERS=[FAST_HASHER],
                PTCE_PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private"),
            ),
        ):
            sectors_load(Sector)  # gone if a live-server test flushed the database before
            create_demo_geography()
            load_default_referentiel()
            output = run_demo_load()
        yield output
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
