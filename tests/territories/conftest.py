"""Real names for the lookup tests: a few départements of the committed data, loaded once per
module (the full set is loaded by one test of test_loader.py)."""

import pytest
from django.core.management import call_command

from ptce.territories.models import Commune, Departement, Epci, Region

# Homonyms (Saint-Denis in 11, 30, 93 and 974), Saint-Étienne (42) and Saint-Étienne-du-Rouvray
# (76), Orléans (45), Évry (89) and Évry-Courcouronnes (91), Toulouse (31), Paris (75).
REAL_DEPARTEMENTS = "11,30,31,42,45,75,76,89,91,93,974"


def _clear_geography():
    for model in (Commune, Epci, Departement, Region):
        model.objects.all().delete()


@pytest.fixture(scope="module")
def real_geography(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("territories_load", only_departements=REAL_DEPARTEMENTS, verbosity=0)
    yield
    with django_db_blocker.unblock():
        _clear_geography()


@pytest.fixture
def geo(real_geography, db):
    """Use in a test that needs real names: `def test_x(geo): ...`."""
