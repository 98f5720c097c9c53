"""Server time and query count of an evaluation's results, exports and PDF documents.

Run: `make bench` (or `SECRET_KEY=bench .venv/bin/python bench/assessments_results.py`).
Uses a throw-away SQLite database unless DATABASE_URL is set. The PDF renders (WeasyPrint)
are timed here rather than in the tests.
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
from django.urls import reverse  # noqa: E402

from tests.assessments.results_data import add_action, validated_evaluation  # noqa: E402
from tests.core.factories import UserFactory  # noqa: E402
from tests.poles.factories import PoleFactory  # noqa: E402
from tests.territories.factories import RegionFactory  # noqa: E402

RATERS = [3, 30]
COHORT_POLES = 50
RUNS = 3
SHEET = dict.fromkeys("ABCDEFGHI", (3, "Une observation assez longue. " * 5, "Une piste."))


def measure(client, url):
    timings = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), len(queries), len(response.content)


def main():
    call_command("migrate", verbosity=0)
    region = RegionFactory()
    for _ in range(COHORT_POLES):
        validated_evaluation(PoleFactory(region=region), "343434343")
    pole = PoleFactory(region=region)
    validated_evaluation(pole, "232323232", days_ago=400)
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    rows = []
    for raters in RATERS:
        evaluation = validated_evaluation(pole, "543423435", raters=[SHEET] * raters)
        for letter in "ABCDE":
            add_action(evaluation, letter, "Une action d’amélioration")
        args = [pole.slug, evaluation.pk]
        for label, name in [
            ("page de résultats", "results"),
            ("CSV", "results_csv"),
            ("XLSX", "results_xlsx"),
            ("rapport PDF", "results_pdf"),
        ]:
            url = reverse(f"assessments:{name}", args=args)
            rows.append((raters, label, *measure(client, url)))
    code = evaluation.referentiel.code
    blank = measure(client, reverse("assessments:blank_sheet_pdf", args=[code]))
    rows.append(("—", "feuille vierge PDF", *blank))
    header = ["évaluateurs", "vue".ljust(18), "médiane (ms)", "requêtes", "  octets"]
    print(" | ".join(header))
    print("-" * 70)
    for raters, label, ms, queries, size in rows:
        print(f"{raters:>11} | {label:<18} | {ms:>12.1f} | {queries:>8} | {size:>8}")


if __name__ == "__main__":
    main()
