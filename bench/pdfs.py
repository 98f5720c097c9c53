"""PDFs at scale (issue #18), uncached (the cache cleared before each run), in process: the
action plan of a pole with 150 actions and 6 objectives (the view's answer, a redirection to its
run's page, then the job's build), the ECARTS results, the blank observation sheet, an
application; the table goes into `docs/performance.md` between its `pdfs` markers.

Run: `SECRET_KEY=bench .venv/bin/python bench/pdfs.py [--runs 3]` on the 10× dataset
(`BENCH_DATABASE_URL_10X`, never rebuilt here). The plan's actions are added inside a
transaction rolled back at the end, the runs' files deleted: the dataset stays as it was.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.support import report  # noqa: E402
from bench.support.env import setup  # noqa: E402

SCALE = 10
AIM_MS = 500
SLUG = "pole-cooperatif-0"
PLAN_ACTIONS, PLAN_OBJECTIVES = 150, 6


class Rollback(Exception):
    """Raised to leave the transaction that holds the plan's actions."""


def _uncached():
    from django.core.cache import cache

    from ptce.core.invalidation import everything_changed

    cache.clear()
    everything_changed()


def timed(work, runs: int) -> dict:
    """`work()` returns (status, bytes); the median of `runs` uncached runs, after a warm one
    (imports, templates, fonts)."""
    work()
    timings = []
    for _ in range(runs):
        _uncached()
        start = time.perf_counter()
        status, size = work()
        timings.append((time.perf_counter() - start) * 1000)
    return {"ms": statistics.median(timings), "status": status, "bytes": size}


def _get(client, url, expected=200):
    def work():
        response = client.get(url)
        assert response.status_code == expected, (url, response.status_code)  # noqa: S101
        return response.status_code, len(response.content)

    return work


def _long_plan(pole) -> int:
    """The pole's plan brought to PLAN_ACTIONS actions and PLAN_OBJECTIVES objectives (inside
    the caller's transaction), with leads, participants, needs and fundings."""
    from ptce.cooperation.models import CooperationAction, StrategicObjective
    from ptce.poles.models import Membership
    from tests.cooperation.factories import (
        ActionFundingFactory,
        CooperationActionFactory,
        StrategicObjectiveFactory,
        TerritoryNeedFactory,
    )

    members = list(Membership.objects.filter(pole=pole).order_by("pk")[:8])
    objectives = list(StrategicObjective.objects.filter(pole=pole))
    objectives += StrategicObjectiveFactory.create_batch(
        max(0, PLAN_OBJECTIVES - len(objectives)), pole=pole
    )
    needs = TerritoryNeedFactory.create_batch(4, pole=pole)
    missing = PLAN_ACTIONS - CooperationAction.objects.filter(pole=pole).count()
    for index in range(max(0, missing)):
        action = CooperationActionFactory(
            pole=pole,
            objective=objectives[index % len(objectives)],
            in_action_plan=index % 10 != 9,
            lead=members[index % len(members)] if members else None,
            participants=members[index % 3 : index % 3 + 3],
            needs=needs[index % 4 : index % 4 + 2],
        )
        ActionFundingFactory(action=action)
    return CooperationAction.objects.filter(pole=pole).count()


def plan_rows(client, pole, runs: int) -> list[tuple[str, dict]]:
    """The view sends a long plan to a job; the job builds the view's own PDF and caches it, so
    the next request for the same content is answered at once."""
    from django.urls import reverse

    from ptce.core import export_runs
    from ptce.core.models import ExportRun, ExportState

    url = reverse("cooperation:plan_pdf", args=[pole.slug])
    timings = {"answer": [], "build": [], "cached": []}
    size = 0
    for attempt in range(runs + 1):  # the first one warms
        _uncached()
        start = time.perf_counter()
        response = client.get(url)
        answered = (time.perf_counter() - start) * 1000
        assert response.status_code == 302, response.status_code  # noqa: PLR2004, S101
        run = ExportRun.objects.order_by("-pk").first()
        start = time.perf_counter()
        run = export_runs.export_build(run_pk=run.pk)
        built = (time.perf_counter() - start) * 1000
        assert run.state == ExportState.DONE, run.error  # noqa: S101
        size = run.size
        run.file.delete(save=False)
        run.delete()
        start = time.perf_counter()
        response = client.get(url)
        cached = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, response.status_code  # noqa: PLR2004, S101
        if attempt:
            for name, ms in (("answer", answered), ("build", built), ("cached", cached)):
                timings[name].append(ms)

    def row(name, status, size):
        return {"ms": statistics.median(timings[name]), "status": status, "bytes": size}

    return [
        ("plan d’action (150 actions), réponse : redirection vers l’export", row("answer", 302, 0)),
        ("plan d’action (150 actions), construction par la tâche", row("build", 200, size)),
        ("plan d’action (150 actions), même contenu déjà en cache", row("cached", 200, size)),
    ]


def run(runs: int) -> list[tuple[str, dict]]:
    from django.db import transaction
    from django.test import Client
    from django.urls import reverse

    from ptce.assessments.models import Evaluation, Referentiel
    from ptce.calls.models import Application
    from ptce.core.models import User
    from ptce.poles.models import Pole

    coordination, admin = Client(), Client()
    coordination.force_login(User.objects.get(email="coord@bench.example"))
    admin.force_login(User.objects.get(email="admin@bench.example"))
    evaluation = Evaluation.objects.filter(pole__slug=SLUG).order_by("-validated_at").first()
    referentiel = Referentiel.objects.get(is_default=True)
    application = Application.objects.order_by("pk").first()
    rows = []
    try:
        with transaction.atomic():
            pole = Pole.objects.get(slug=SLUG)
            actions = _long_plan(pole)
            assert actions == PLAN_ACTIONS, actions  # noqa: S101
            rows += plan_rows(coordination, pole, runs)
            raise Rollback
    except Rollback:
        pass
    results = reverse("assessments:results_pdf", args=[SLUG, evaluation.pk])
    rows.append(("résultats ECARTS (coordination)", timed(_get(coordination, results), runs)))
    blank = reverse("assessments:blank_sheet_pdf", args=[referentiel.code])
    rows.append(("feuille d’observation vierge", timed(_get(coordination, blank), runs)))
    application_url = reverse("calls:application_pdf", args=[application.pk])
    rows.append(
        (f"candidature n° {application.pk} (admin)", timed(_get(admin, application_url), runs))
    )
    return rows


def table(rows: list[tuple[str, dict]], runs: int, engine: str) -> str:
    lines = [
        f"Médiane de {runs} passages sans cache (sauf la ligne « déjà en cache »), jeu {SCALE}×, "
        f"{engine}, dans le processus ; mesuré le {time.strftime('%Y-%m-%d %H:%M', time.gmtime())}"
        f" UTC (charge {' / '.join(f'{x:.1f}' for x in os.getloadavg())}).",
        "",
        f"| PDF | statut | octets | temps (ms) | ≤ {AIM_MS} ms |",
        "|---|---|---|---|---|",
    ]
    for label, r in rows:
        met = "oui" if r["ms"] <= AIM_MS else "**non**"
        if "tâche" in label:
            met = "— (tâche)"
        row = f"| {label} | {r['status']} | {r['bytes']:_} | {r['ms']:.0f} | {met} |"
        lines.append(row.replace("_", "\u202f"))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    # The request enqueues nothing (its transaction is rolled back) but opens the queue: a scratch.
    os.environ.setdefault("HUEY_SQLITE_PATH", str(Path(tempfile.mkdtemp()) / "huey.sqlite3"))
    url = setup(SCALE)
    engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    text = table(run(options.runs), options.runs, engine)
    print(text)
    report.write_block("pdfs", text)


if __name__ == "__main__":
    main()
