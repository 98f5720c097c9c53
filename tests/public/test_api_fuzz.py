"""The API fuzzed against its own OpenAPI description (schemathesis, bounded): no 500, every
status documented, every body conforming to its schema.

One test per operation, each with at most `MAX_EXAMPLES` generated requests (valid and
invalid parameters alike), over a small dataset loaded in the test's transaction. The
operations are driven one by one with hypothesis (the lazy `from_fixture` pytest integration
of schemathesis does not run under pytest 9)."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application
from tests.poles.factories import MembershipFactory, PoleFactory
from tests.public.test_opendata import make_located, make_toulouse

MAX_EXAMPLES = 20
# Operation paths, for the test ids (read from the code, not from a running app).
OPERATIONS = [
    ("GET", "/api/v1/poles/"),
    ("GET", "/api/v1/poles/{slug}"),
    ("GET", "/api/v1/poles/{slug}/organisations"),
    ("GET", "/api/v1/territoires/regions"),
    ("GET", "/api/v1/territoires/regions/{code}"),
    ("GET", "/api/v1/territoires/departements"),
    ("GET", "/api/v1/territoires/departements/{code}"),
    ("GET", "/api/v1/territoires/epci"),
    ("GET", "/api/v1/territoires/epci/{code}"),
    ("GET", "/api/v1/territoires/communes"),
    ("GET", "/api/v1/territoires/communes/{code}"),
    ("GET", "/api/v1/chiffres"),
    ("GET", "/api/v1/referentiels/"),
    ("GET", "/api/v1/referentiels/{code}"),
]


@pytest.fixture
def _keep_the_test_connection():
    """Calls go through the raw WSGI application, whose end-of-request signal closes the
    database connection (and with it the test's transaction, on PostgreSQL). Django's test
    client disconnects that handler; do the same while fuzzing."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(settings, pole, region, other_pole, _keep_the_test_connection):
    """The OpenAPI of /api/v1/, loaded from the application itself, over a small dataset: a
    located published pole with members, another published pole, an unpublished one."""
    settings.ALLOWED_HOSTS = ["*"]
    cache.clear()
    make_located(pole, make_toulouse(region))
    MembershipFactory(pole=other_pole)
    PoleFactory(name="Pôle en préparation", slug="pole-prepa", is_published=False)
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


def test_the_fuzzed_operations_are_every_operation_of_the_api(api_schema):
    operations = {
        (result.ok().method.upper(), result.ok().full_path)
        for result in api_schema.get_all_operations()
    }

    assert operations == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[path for _, path in OPERATIONS])
def test_the_api_conforms_to_its_openapi_description(api_schema, method, path):
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        # Every check but one: a schema-valid filter may still name a région, a filière or a
        # call that does not exist, which the API answers with a 400 by design.
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    check()
