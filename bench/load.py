"""A bounded mixed public load under gunicorn (2 sync workers, DEBUG off, a Redis cache of our
own): 50 connections for 60 s on loopback, from wrk when it is installed (`make bench`
installs it) or else Python threads, over the public pages and data an anonymous visitor asks
for; p50, p95, p99 and errors go into `docs/performance.md` between its `load` markers.

Run: `SECRET_KEY=bench .venv/bin/python bench/load.py [--scale 1] [--seconds 60]
[--client wrk|python]`.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.support import client, report, servers, wrk  # noqa: E402
from bench.support.env import setup  # noqa: E402

AIM_P95_MS = 300


def paths(scale: int) -> list[str]:
    """What anonymous visitors ask for, in proportion: pole pages most, then the directory, the
    map data, the API, the home page, a call."""
    from django.urls import reverse

    from ptce.calls.models import Call

    poles = [f"/poles/pole-cooperatif-{n}/" for n in range(0, 200 * scale, 7 * scale)]
    mix = [*poles[:10], "/poles/", "/poles/?page=3", reverse("public:map_data")]
    mix += ["/api/v1/poles/", "/", reverse("calls:call_detail", args=[Call.objects.first().slug])]
    return mix


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, choices=[1, 10], default=1)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument(
        "--client", choices=["wrk", "python"], default="wrk" if wrk.available() else "python"
    )
    options = parser.parse_args()
    hammer = wrk.hammer if options.client == "wrk" else client.hammer
    url = setup(options.scale)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from dataset import ensure

    ensure(options.scale)
    from django.db import connection

    mix = paths(options.scale)
    connection.close()
    with (
        servers.redis() as redis_url,
        servers.gunicorn(
            database_url=url, redis_url=redis_url, bodies=Path(tempfile.gettempdir())
        ) as base,
    ):
        client.hammer(base, mix, connections=2, seconds=3)  # warm the caches a little
        result = hammer(base, mix, connections=options.connections, seconds=options.seconds)
    p50, p95, p99 = (result.percentile(p) for p in (0.5, 0.95, 0.99))
    print(
        f"{result.rate:.1f} req/s ; p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms ; "
        f"{result.errors} erreurs"
    )
    vendor = "PostgreSQL" if "postgres" in url else "SQLite"
    ok = p95 <= AIM_P95_MS and result.errors == 0
    report.write_block(
        f"load-{options.scale}x",
        f"Charge mixte publique, jeu {options.scale}× ({vendor}) : {options.connections} "
        f"connexions pendant {options.seconds:.0f} s sur la boucle locale, gunicorn 2 processus, "
        f"charge de la machine {' / '.join(f'{x:.1f}' for x in os.getloadavg())}, "
        f"cache Redis, client {'wrk' if options.client == 'wrk' else 'Python (fils)'} ; "
        f"{len(mix)} adresses (pages de pôles, annuaire, données de la carte, API, "
        f"accueil, appel) ; mesuré le {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC.\n\n"
        "| req/s | p50 (ms) | p95 (ms) | p99 (ms) | erreurs | objectif p95 ≤ 300 ms, 0 erreur |\n"
        "|---|---|---|---|---|---|\n"
        f"| {result.rate:.1f} | {p50:.0f} | {p95:.0f} | {p99:.0f} | {result.errors} | "
        f"{'atteint' if ok else '**manqué**'} |",
    )


if __name__ == "__main__":
    main()
