"""Helpers of the demo tests: the geography the demo needs, running `demo_load`.
The fixtures (`demo_geography`, the class-scoped `demo`) are in tests/demo/conftest.py."""

from io import StringIO

from django.core.management import call_command

from ptce.demo import geography
from ptce.demo.spec import departement_code
from tests.territories.factories import (
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    RegionFactory,
)

FOIX_EPCI = "200067791"  # CA L'Agglo Foix-Varilhes, to check that EPCI territories work


def create_demo_geography():
    """Just the rows the demo refers to, with their real codes (the full COG is not loaded)."""
    regions = {
        code: RegionFactory(code=code, name=name) for code, name in geography.REGIONS.items()
    }
    departements = {
        code: DepartementFactory(code=code, name=name, region=regions[region])
        for code, (name, region) in geography.DEPARTEMENTS.items()
    }
    epci = EpciFactory(code=FOIX_EPCI, name="CA L’Agglo Foix-Varilhes")
    for code, (name, latitude, longitude) in geography.COMMUNES.items():
        departement = departements[departement_code(code)]
        CommuneFactory(
            code=code,
            name=name,
            departement=departement,
            region=departement.region,
            latitude=latitude,
            longitude=longitude,
            epci=epci if code in {"09122", "09324"} else None,
        )


def run_demo_load(*args) -> str:
    out = StringIO()
    call_command("demo_load", *args, stdout=out, stderr=StringIO())
    return out.getvalue()
