"""Exports at scale (issue #18): time to the first byte and the memory a worker gains, for the
national cell's export of applications (CSV streamed in the request, CSV and XLSX built by the
background job) and `organisations.csv`; the table goes into `docs/performance.md` between its
`exports` markers.

Run: `SECRET_KEY=bench .venv/bin/python bench/exports.py [--scale 10] [--runs 3]`. Memory is the
process's resident set: its peak (`VmHWM`, reset through `/proc/self/clear_refs`) minus what it
held before, so Linux only.
"""

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.support import report  # noqa: E402
from bench.support.env import setup  # noqa: E402

FIRST_BYTE_AIM_MS = 300
GROWTH_AIM_MB = 20


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} absent de /proc/self/status")


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS


def measure(work, runs: int) -> dict:
    """`work()` returns (ms to the first byte, bytes, rows); the median time over `runs`, the
    largest memory growth."""
    firsts, totals, growths = [], [], []
    work()  # warm: imports, templates, the first connection
    for _ in range(runs):
        gc.collect()
        before = _status_kb("VmRSS")
        _reset_peak()
        start = time.perf_counter()
        first_ms, size, rows = work(start)
        totals.append((time.perf_counter() - start) * 1000)
        firsts.append(first_ms)
        growths.append((_status_kb("VmHWM") - before) / 1024)
    return {
        "first_ms": statistics.median(firsts),
        "total_ms": statistics.median(totals),
        "growth_mb": max(growths),
        "bytes": size,
        "rows": rows,
    }


def _streamed(client, url):
    def work(start=None):
        start = start or time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)  # noqa: PLR2004, S101
        chunks = iter(response.streaming_content)
        first = next(chunks)
        first_ms = (time.perf_counter() - start) * 1000
        size, lines = len(first), first.count(b"\n")
        for chunk in chunks:
            size += len(chunk)
            lines += chunk.count(b"\n")
        return first_ms, size, lines

    return work


def _job(client, url):
    """The request answers with the run's page; the job (run here, as the worker would) builds
    the file. First byte: the request's answer; memory: the job's."""
    from ptce.core import export_runs
    from ptce.core.models import ExportRun, ExportState

    def work(start=None):
        start = start or time.perf_counter()
        response = client.get(url)
        assert response.status_code == 302, (url, response.status_code)  # noqa: PLR2004, S101
        first_ms = (time.perf_counter() - start) * 1000
        run = ExportRun.objects.order_by("-pk").first()
        run = export_runs.export_build(run_pk=run.pk)
        assert run.state == ExportState.DONE, run.error  # noqa: S101
        size, rows = run.size, run.rows_done
        run.file.delete(save=False)
        run.delete()
        return first_ms, size, rows

    return work


def run(scale: int, runs: int) -> list[dict]:
    from django.test import Client, override_settings
    from django.urls import reverse

    from ptce.core.models import User

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from dataset import ensure

    ensure(scale)
    admin = Client()
    admin.force_login(User.objects.get(email="admin@bench.example"))
    every = "?onglet=tous"  # the national cell’s whole list, not its « à traiter » queue
    csv_url = reverse("calls:export_csv") + every
    xlsx_url = reverse("calls:export_xlsx") + every
    rows = []
    with override_settings(PTCE_EXPORT_JOB_ROWS=10**9):
        rows.append(("candidatures, CSV dans la requête", measure(_streamed(admin, csv_url), runs)))
    with override_settings(PTCE_EXPORT_JOB_ROWS=0):
        rows.append(("candidatures, CSV par la tâche", measure(_job(admin, csv_url), runs)))
        rows.append(("candidatures, XLSX par la tâche", measure(_job(admin, xlsx_url), runs)))
    organisations = reverse("public:data_organisations_csv")
    rows.append(("organisations.csv", measure(_streamed(Client(), organisations), runs)))
    return rows


def table(scale: int, rows: list[tuple[str, dict]], runs: int, engine: str) -> str:
    lines = [
        f"Médiane de {runs} passages (croissance : la plus forte), jeu {scale}×, {engine}, "
        f"dans le processus ; mesuré le {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC "
        f"(charge {' / '.join(f'{x:.1f}' for x in os.getloadavg())}).",
        "",
        "| export | lignes | octets | premier octet (ms) | total (ms) | mémoire gagnée (Mo) "
        f"| ≤ {FIRST_BYTE_AIM_MS} ms et ≤ {GROWTH_AIM_MB} Mo |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, r in rows:
        met = r["first_ms"] <= FIRST_BYTE_AIM_MS and r["growth_mb"] <= GROWTH_AIM_MB
        row = (
            f"| {label} | {r['rows']:_} | {r['bytes']:_} | {r['first_ms']:.0f} "
            f"| {r['total_ms']:.0f} | {r['growth_mb']:.1f} | {'oui' if met else '**non**'} |"
        )
        lines.append(row.replace("_", "\u202f"))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, choices=[1, 10], default=10)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    # The jobs are run here, as the worker would: the queue the request writes to is a scratch.
    os.environ.setdefault("HUEY_SQLITE_PATH", str(Path(tempfile.mkdtemp()) / "huey.sqlite3"))
    url = setup(options.scale)
    engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    text = table(options.scale, run(options.scale, options.runs), options.runs, engine)
    print(text)
    report.write_block(f"exports-{options.scale}x", text)


if __name__ == "__main__":
    main()
