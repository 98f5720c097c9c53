"""The cast every test starts from: one pole, its people, and the people around it."""

import pytest

from ptce.poles.models import PersonRole
from tests.core.factories import UserFactory
from tests.poles.factories import MembershipFactory, PoleFactory, PolePersonFactory
from tests.territories.factories import DepartementFactory, RegionFactory

PASSWORD = "motdepasse-de-test"


@pytest.fixture(autouse=True)
def _reference_data(request):
    """The filières come from a data migration; live-server tests flush the database, so put
    them back for whichever database test runs after one."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if (
        "live_server" in names
        or "transactional_db" in names
        or (marker and marker.kwargs.get("transaction"))
    ):
        request.getfixturevalue("transactional_db")
    elif marker or "db" in names:
        request.getfixturevalue("db")
    else:
        return
    from ptce.poles.models import Sector
    from ptce.poles.reference import sectors_load

    if not Sector.objects.exists():
        sectors_load(Sector)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached public responses never leak from one test to the next (factories write behind
    the services' back: they renew no scope of public data)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """Uploads never land in the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PTCE_PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def private_media(settings):
    """The temporary folder private files (evidence, meeting attachments) go to."""
    return settings.PTCE_PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def region(db):
    return RegionFactory(code="76", name="Occitanie")


@pytest.fixture
def other_region(db):
    return RegionFactory(code="53", name="Bretagne")


@pytest.fixture
def pole(region):
    pole = PoleFactory(name="Pôle des Coteaux", slug="pole-des-coteaux", region=region)
    pole.territory_departements.add(DepartementFactory(code="31", region=region))
    return pole


@pytest.fixture
def other_pole(other_region):
    return PoleFactory(name="Pôle de l’Armor", slug="pole-armor", region=other_region)


@pytest.fixture
def outsider(db):
    return UserFactory(email="curieux@exemple.fr")


@pytest.fixture
def member(pole):
    membership = MembershipFactory(pole=pole)
    return PolePersonFactory(
        pole=pole, membership=membership, role=PersonRole.MEMBER, user__email="membre@exemple.fr"
    ).user


@pytest.fixture
def coordinator(pole):
    return PolePersonFactory(
        pole=pole, role=PersonRole.COORDINATOR, user__email="coordination@exemple.fr"
    ).user


@pytest.fixture
def other_coordinator(other_pole):
    return PolePersonFactory(
        pole=other_pole, role=PersonRole.COORDINATOR, user__email="autre-pole@exemple.fr"
    ).user


@pytest.fixture
def instructor(region):
    return UserFactory(email="instruction@exemple.fr", is_instructor=True, regions=[region])


@pytest.fixture
def other_instructor(other_region):
    return UserFactory(
        email="instruction-bzh@exemple.fr", is_instructor=True, regions=[other_region]
    )


@pytest.fixture
def national_instructor(db):
    return UserFactory(
        email="cellule-nationale@exemple.fr", is_instructor=True, is_national_instructor=True
    )


@pytest.fixture
def admin_user(db):
    return UserFactory(email="admin@exemple.fr", is_staff=True, is_superuser=True)


ROLES = [
    "anonymous",
    "outsider",
    "member",
    "other_coordinator",
    "coordinator",
    "instructor",
    "admin_user",
]


@pytest.fixture
def client_as(client, request):
    """`client_as("coordinator")` logs the test client in as one of the cast (or not at all)."""

    def login(role: str):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return login


class UndefinedVariables(str):
    """The templates' `string_if_invalid`: renders an undefined variable as a visible marker,
    VARIABLE-INDEFINIE[name], and records its name."""

    def __new__(cls):
        marker = super().__new__(cls, "VARIABLE-INDEFINIE[%s]")
        marker.names = []
        return marker

    def __mod__(self, name):
        self.names.append(str(name))
        return str(self).replace("%s", str(name))


@pytest.fixture
def strict_templates(settings):
    """Undefined template variables show up as a marker instead of an empty string, and the
    test fails (at teardown) naming every undefined variable a template rendered."""
    marker = UndefinedVariables()
    engine = {**settings.TEMPLATES[0]}
    engine["OPTIONS"] = {**engine["OPTIONS"], "string_if_invalid": marker}
    settings.TEMPLATES = [engine]
    yield marker
    if marker.names:
        names = ", ".join(sorted(set(marker.names)))
        pytest.fail(f"Variables de gabarit indéfinies : {names}", pytrace=False)


@pytest.fixture
def job_queue(monkeypatch):
    """Jobs wait in a queue until the test runs the worker (`job_queue.run()`), as in
    production; without this fixture they run inline, when enqueued (immediate mode)."""
    from tests.jobs import queued

    return queued(monkeypatch)
