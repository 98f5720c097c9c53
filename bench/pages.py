"""Queries and server time of each page × role, at 1× and 10× (`bench/dataset.py`), uncached
(every cache scope renewed before each request), in process; the table goes into
`docs/performance.md` between its `pages` markers.

Run: `SECRET_KEY=bench .venv/bin/python bench/pages.py [--scales 1 10] [--runs 5]`. Each scale
runs in a process of its own (its own database: `bench/support/env.py`).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.support import report  # noqa: E402
from bench.support.env import ROOT, database_url, setup  # noqa: E402

AIM_MS = 50
ROLES = ("anonyme", "coordination", "admin")
JOB_ROLE = "tâche"  # not a page: a job's computation, which no visitor waits for


def pages() -> list[tuple[str, str, tuple[str, ...]]]:
    """(label, URL, roles) on the dataset: pole 0 is coordinated by coord@bench.example."""
    from django.urls import reverse

    from ptce.assessments.models import Evaluation
    from ptce.calls.models import Call

    slug = "pole-cooperatif-0"
    evaluation = Evaluation.objects.filter(pole__slug=slug).order_by("-validated_at").first()
    call = Call.objects.order_by("pk").first()
    everyone = ROLES
    return [
        ("accueil", "/", everyone),
        ("annuaire", reverse("poles:directory"), everyone),
        ("annuaire p. 50", reverse("poles:directory") + "?page=50", ("anonyme",)),
        ("page d’un pôle", reverse("poles:detail", args=[slug]), everyone),
        ("appel (public)", reverse("calls:call_detail", args=[call.slug]), everyone),
        (
            "lauréats d’une phase",
            reverse("calls:call_phase_laureates", args=[call.slug, 1]),
            ("anonyme",),
        ),
        ("carte : données", reverse("public:map_data"), ("anonyme",)),
        ("chiffres", reverse("public:figures"), ("anonyme",)),
        ("recherche", reverse("public:search") + "?q=cooperatif", ("anonyme",)),
        ("annuaire : recherche", reverse("poles:directory") + "?q=alimentation", ("anonyme",)),
        ("données ouvertes : poles.json", "/donnees/poles.json", ("anonyme",)),
        ("données ouvertes : poles.csv", "/donnees/poles.csv", ("anonyme",)),
        ("données ouvertes : poles.geojson", "/donnees/poles.geojson", ("anonyme",)),
        ("API : pôles", "/api/v1/poles/", ("anonyme",)),
        ("réseau d’un pôle", reverse("cooperation:network", args=[slug]), ("coordination",)),
        (
            "résultats ECARTS",
            reverse("assessments:results", args=[slug, evaluation.pk]),
            ("coordination",),
        ),
        ("admin : réunions", "/admin/cooperation/meeting/", ("admin",)),
        ("admin : adhésions", "/admin/poles/membership/", ("admin",)),
    ]


def jobs() -> list[tuple[str, object]]:
    """(label, job) of the computations that pages serve from their last result while a job
    redoes them (`ptce.core.invalidation.cached(refresh=…)`): their cost, in the job."""
    from ptce.assessments.models import Referentiel
    from ptce.assessments.results.cohort import refresh_cohort_medians
    from ptce.poles.models import Pole
    from ptce.public.figures import refresh_figures

    pole = Pole.objects.get(slug="pole-cooperatif-0")
    referentiel = Referentiel.objects.get(is_default=True)
    slugs = sorted(pole.sectors.values_list("slug", flat=True))
    return [
        ("chiffres : calcul", lambda: refresh_figures(None)),
        (
            "médianes de cohorte : calcul",
            lambda: refresh_cohort_medians(referentiel.pk, pole.region_id, slugs),
        ),
    ]


def measure(runs: int) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ptce.core.invalidation import everything_changed
    from ptce.core.models import User

    clients = {"anonyme": Client()}
    for role, email in (("coordination", "coord@bench.example"), ("admin", "admin@bench.example")):
        clients[role] = Client()
        clients[role].force_login(User.objects.get(email=email))
    rows = []
    for label, url, roles in pages():
        for role in roles:
            client, timings = clients[role], []
            client.get(url)  # warm the code paths (imports, templates)
            for _ in range(runs):
                everything_changed()
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - start) * 1000)
            rows.append(
                {
                    "page": label,
                    "role": role,
                    "status": response.status_code,
                    "queries": len(queries),
                    "ms": round(statistics.median(timings), 1),
                    "bytes": len(response.content),
                }
            )
    for label, job in jobs():
        timings = []
        for _ in range(runs):
            everything_changed()
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                job()
                timings.append((time.perf_counter() - start) * 1000)
        rows.append(
            {
                "page": label,
                "role": JOB_ROLE,
                "status": 200,
                "queries": len(queries),
                "ms": round(statistics.median(timings), 1),
                "bytes": 0,
            }
        )
    return rows


def run_scale(scale: int, runs: int) -> list[dict]:
    result = subprocess.run(  # noqa: S603 (ourselves)
        [sys.executable, __file__, "--child", str(scale), "--runs", str(runs)],
        cwd=ROOT,
        env=os.environ,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    print(result.stdout.split("\n__ROWS__\n")[0], end="")
    return json.loads(result.stdout.split("\n__ROWS__\n")[1])


def table(by_scale: dict[int, list[dict]]) -> str:
    scales = sorted(by_scale)
    head = ["page", "rôle"]
    for scale in scales:
        head += [f"requêtes {scale}×", f"ms {scale}×"]
    if len(scales) == 2:  # noqa: PLR2004
        head += [f"croissance {scales[0]}→{scales[1]}", f"≤ {AIM_MS} ms à {scales[-1]}×"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    keyed = {s: {(r["page"], r["role"]): r for r in rows} for s, rows in by_scale.items()}
    for row in by_scale[scales[0]]:
        key = (row["page"], row["role"])
        cells = [row["page"], row["role"]]
        for scale in scales:
            r = keyed[scale][key]
            status = "" if r["status"] == 200 else f" ({r['status']})"  # noqa: PLR2004
            cells += [str(r["queries"]), f"{r['ms']:.1f}{status}"]
        if len(scales) == 2:  # noqa: PLR2004
            low, high = keyed[scales[0]][key]["ms"], keyed[scales[1]][key]["ms"]
            within = "—" if row["role"] == JOB_ROLE else "oui" if high <= AIM_MS else "**non**"
            cells += [f"×{high / low:.1f}", within]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        setup(options.child)
        from dataset import ensure

        ensure(options.child)
        from django.db import connection
        from django.test.utils import override_settings

        # The process's memory for the cache: the counts are the application's queries, not
        # those of the database cache that DEBUG off chooses without Redis.
        locmem = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        with override_settings(CACHES=locmem):
            rows = measure(options.runs)
        print(f"pages à {options.child}× mesurées ({connection.vendor})")
        print("\n__ROWS__\n" + json.dumps(rows))
        return
    by_scale = {scale: run_scale(scale, options.runs) for scale in options.scales}
    # Each scale's own database (BENCH_DATABASE_URL_1X / _10X, else DATABASE_URL).
    urls = {database_url(scale) for scale in options.scales}
    vendor = "PostgreSQL" if all(url.startswith("postgres") for url in urls) else "SQLite"
    when = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    text = (
        f"Médiane de {options.runs} requêtes sans cache par page et rôle, dans le processus "
        f"(client de test Django), {vendor} ; mesuré le {when} UTC.\n\n{table(by_scale)}"
    )
    report.write_block("pages", text)
    print(table(by_scale))


if __name__ == "__main__":
    main()
