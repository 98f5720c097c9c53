import pytest

from tests.territories.conftest import real_geography  # noqa: F401 (a fixture)


@pytest.fixture
def geo(real_geography, db):  # noqa: F811
    """Real names: the départements of `tests.territories.conftest.REAL_DEPARTEMENTS`."""
