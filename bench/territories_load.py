"""Time of `territories_load` on the whole committed geography, and of commune lookups.

Run: `make bench` (or `SECRET_KEY=bench .venv/bin/python bench/territories_load.py`).
Uses a throw-away SQLite database unless DATABASE_URL is set.
"""

import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("PTCE_SIMPLE_STATIC", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import F  # noqa: E402

from ptce.territories.models import Commune  # noqa: E402
from ptce.territories.selectors import commune_search  # noqa: E402

QUERIES = ["31000", "31555", "saint", "St Etienne", "Saint-Denis 93", "lisle", "orl"]
RUNS = 5


def timed_load() -> float:
    start = time.perf_counter()
    call_command("territories_load", stdout=StringIO())
    return time.perf_counter() - start


def main():
    call_command("migrate", verbosity=0)
    Commune.objects.all().delete()
    rows = [("premier chargement (base vide)", timed_load())]
    rows.append(("second chargement (rien ne change)", timed_load()))
    Commune.objects.update(population=F("population") + 1)
    rows.append(("toutes les populations changent", timed_load()))
    print(f"territories_load — {connection.vendor}, {Commune.objects.count()} communes")
    print(f"{'cas':<40} {'secondes':>9}")
    for label, seconds in rows:
        print(f"{label:<40} {seconds:>9.1f}")
    print()
    print(f"{'recherche de commune':<40} {'ms (médiane)':>12}")
    for query in QUERIES:
        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            commune_search(query, limit=10, related=True)
            timings.append((time.perf_counter() - start) * 1000)
        print(f"{query!r:<40} {statistics.median(timings):>12.1f}")


if __name__ == "__main__":
    main()
