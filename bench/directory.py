"""Server time and query count of the pole directory and a pole page, for growing data.

Run: `make bench` (or `SECRET_KEY=bench .venv/bin/python bench/directory.py`).
Uses a throw-away SQLite database unless DATABASE_URL is set.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("PTCE_SIMPLE_STATIC", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from tests.poles.factories import MembershipFactory, PlaceFactory, PoleFactory  # noqa: E402
from tests.territories.factories import RegionFactory  # noqa: E402

SIZES = [10, 100, 1000]
RUNS = 5


def measure(client, url):
    timings = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), len(queries)


def main():
    call_command("migrate", verbosity=0)
    region = RegionFactory()
    client = Client()
    rows, created = [], 0
    for size in SIZES:
        for _ in range(size - created):
            pole = PoleFactory(region=region)
            MembershipFactory.create_batch(10, pole=pole)
            PlaceFactory(pole=pole, is_main=True)
        created = size
        for label, url in [
            ("annuaire", "/poles/"),
            ("annuaire p. 5", "/poles/?page=5"),
            ("page d’un pôle", f"/poles/{pole.slug}/"),
        ]:
            ms, queries = measure(client, url)
            rows.append((size, label, ms, queries))
    print(f"{'pôles':>6} | {'page':<16} | {'médiane (ms)':>12} | {'requêtes':>8}")
    print("-" * 52)
    for size, label, ms, queries in rows:
        print(f"{size:>6} | {label:<16} | {ms:>12.1f} | {queries:>8}")


if __name__ == "__main__":
    main()
