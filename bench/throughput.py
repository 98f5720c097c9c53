"""Requests per second under gunicorn (2 sync workers, DEBUG off, a Redis cache of our own) for
the cached map data, the cached API list, the anonymous pole page and the directory, each as a
ratio to a bare Django view returning the same bytes in the same run (`bench/support/urls.py`).
The block goes into `docs/performance.md` between its `throughput` markers.

Run: `SECRET_KEY=bench .venv/bin/python bench/throughput.py [--scale 1] [--seconds 8]
[--repeat 3]`: on a shared machine, each pair of measures is repeated and the median kept.
"""

import argparse
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.support import report, servers  # noqa: E402
from bench.support.client import hammer  # noqa: E402
from bench.support.env import setup  # noqa: E402

# (label, path, aim as a share of the ceiling: issue #18)
TARGETS = [
    ("carte : données (en cache)", "/carte/donnees.json", 0.5),
    ("API : pôles (en cache)", "/api/v1/poles/", 0.5),
    ("page d’un pôle (anonyme)", "/poles/pole-cooperatif-0/", 0.3),
    ("annuaire (anonyme)", "/poles/", 0.3),
]
CONNECTIONS = 4


def resolve_targets() -> list[tuple[str, str, float]]:
    from django.urls import reverse

    targets = list(TARGETS)
    targets[0] = (TARGETS[0][0], reverse("public:map_data"), TARGETS[0][2])
    return targets


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, choices=[1, 10], default=1)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--repeat", type=int, default=1)
    options = parser.parse_args()
    url = setup(options.scale)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from dataset import ensure

    ensure(options.scale)
    from django.db import connection

    targets = resolve_targets()
    connection.close()
    bodies = Path(tempfile.mkdtemp(prefix="ptce-bench-bodies-"))
    rows = []
    with (
        servers.redis() as redis_url,
        servers.gunicorn(database_url=url, redis_url=redis_url, bodies=bodies) as base,
    ):
        for n, (label, path, aim) in enumerate(targets):
            with urllib.request.urlopen(base + path, timeout=60) as response:  # noqa: S310
                body, kind = response.read(), response.headers.get("Content-Type", "")
            (bodies / f"b{n}").write_bytes(body)
            (bodies / f"b{n}.type").write_text(kind)
            hammer(base, [path, f"/__bench__/bare/b{n}"], connections=2, seconds=1)  # warm
            pairs = []
            for _ in range(options.repeat):
                app = hammer(base, [path], connections=CONNECTIONS, seconds=options.seconds)
                bare = hammer(
                    base,
                    [f"/__bench__/bare/b{n}"],
                    connections=CONNECTIONS,
                    seconds=options.seconds,
                )
                pairs.append((app.rate / bare.rate if bare.rate else 0, app, bare))
            # The pair of median ratio (the load of a shared machine moves both rates).
            ratio, app, bare = sorted(pairs, key=lambda pair: pair[0])[len(pairs) // 2]
            if options.repeat > 1:
                print(f"  rapports : {', '.join(f'{p[0]:.2f}' for p in pairs)}", flush=True)
            rows.append((label, len(body), app, bare, ratio, aim))
            print(
                f"{label:<28} {app.rate:7.1f} req/s, plafond {bare.rate:7.1f} req/s : "
                f"{ratio:.2f} (objectif ≥ {aim}) ; erreurs {app.errors}",
                flush=True,
            )
    vendor = "PostgreSQL" if "postgres" in url else "SQLite"
    lines = [
        f"gunicorn, 2 processus sync, DEBUG désactivé, cache Redis ; jeu {options.scale}×, "
        f"{vendor} ; {CONNECTIONS} clients Python en fils d’exécution sur la même machine "
        f"(2 cœurs partagés avec le serveur), {options.seconds:.0f} s par mesure"
        + (f", médiane de {options.repeat} passages" if options.repeat > 1 else "")
        + " ; "
        f"mesuré le {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC.",
        "",
        "| réponse | octets | req/s | plafond Django nu (req/s) | rapport | objectif | atteint |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, size, app, bare, ratio, aim in rows:
        errors = f" ({app.errors} erreurs)" if app.errors else ""
        lines.append(
            f"| {label} | {size:,} | {app.rate:.1f}{errors} | {bare.rate:.1f} | {ratio:.2f} | "
            f"≥ {aim} | {'oui' if ratio >= aim else '**non**'} |".replace(",", " ")
        )
    report.write_block(f"throughput-{options.scale}x", "\n".join(lines))


if __name__ == "__main__":
    main()
