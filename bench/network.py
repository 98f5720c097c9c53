"""The cooperation network of a 200-member pole (issue #18: ≤ 100 ms uncached at 10×): the
dataset's last pole is given 200 current members and 150 actions of 8 to 20 participants each
(~9,800 links, as the issue measured), once; the page is then measured uncached, in process,
with the drawing of the strongest links and with « voir tout le réseau ». The table goes into
`docs/performance.md` between its `network` markers.

Run: `SECRET_KEY=bench .venv/bin/python bench/network.py [--scale 10] [--runs 5]`.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.support import report  # noqa: E402
from bench.support.env import setup  # noqa: E402

MEMBERS = 200
ACTIONS = 150
PARTICIPANTS = (8, 20)
AIM_MS = 100
MARK = "Action du réseau de mesure"


def ensure_network():
    """The last pole with MEMBERS current members and ACTIONS actions (built once)."""
    from django.db import transaction

    from ptce.cooperation.models import CooperationAction
    from ptce.cooperation.models.plan import ActionType
    from ptce.organisations.models import Organisation
    from ptce.poles.models import Membership, Pole
    from tests.organisations.factories import valid_siret

    pole = Pole.objects.order_by("-pk").first()
    if CooperationAction.objects.filter(pole=pole, title__startswith=MARK).exists():
        return pole
    rng = random.Random(18)
    with transaction.atomic():
        missing = MEMBERS - Membership.objects.current().filter(pole=pole).count()
        start = Organisation.objects.count() + 1_000_000
        organisations = Organisation.objects.bulk_create(
            Organisation(
                name=f"Membre du réseau {n}",
                search_name=f"membre du reseau {n}",
                siret=valid_siret(start + n),
                legal_category="association",
            )
            for n in range(missing)
        )
        Membership.objects.bulk_create(
            Membership(pole=pole, organisation=organisation) for organisation in organisations
        )
        members = list(Membership.objects.current().filter(pole=pole).values_list("pk", flat=True))
        kinds = ActionType.values
        actions = CooperationAction.objects.bulk_create(
            CooperationAction(pole=pole, title=f"{MARK} {n}", action_type=kinds[n % len(kinds)])
            for n in range(ACTIONS)
        )
        through = CooperationAction.participants.through
        through.objects.bulk_create(
            through(cooperationaction=action, membership_id=member)
            for action in actions
            for member in rng.sample(members, rng.randint(*PARTICIPANTS))
        )
    return pole


def measure(pole, runs: int) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from ptce.core.invalidation import everything_changed
    from ptce.core.models import User

    client = Client()
    client.force_login(User.objects.get(email="admin@bench.example"))
    url = reverse("cooperation:network", args=[pole.slug])
    rows = []
    for label, query in (("300 liens les plus forts", ""), ("voir tout le réseau", "?liens=tous")):
        client.get(url + query)  # warm
        timings = []
        for _ in range(runs):
            everything_changed()
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url + query)
                timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code  # noqa: PLR2004, S101
        rows.append(
            {
                "label": label,
                "ms": statistics.median(timings),
                "queries": len(queries),
                "kb": len(response.content) / 1024,
                "links": response.content.count(b"<line"),
            }
        )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, choices=[1, 10], default=10)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    url = setup(options.scale)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from dataset import ensure

    ensure(options.scale)
    pole = ensure_network()
    from ptce.cooperation.life import network
    from ptce.cooperation.life.selectors import network_data

    memberships, participants = network_data(pole)
    graph = network.build_graph(
        [(m.pk, m.organisation.name, "ess") for m in memberships], participants
    )
    rows = measure(pole, options.runs)
    engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    lines = [
        f"Réseau d’un pôle de {graph.number_of_nodes()} membres et {graph.number_of_edges():_} "
        f"liens ({ACTIONS} actions), jeu {options.scale}×, {engine}, sans cache, dans le "
        f"processus, médiane de {options.runs} requêtes ; mesuré le "
        f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC (charge "
        f"{' / '.join(f'{x:.1f}' for x in os.getloadavg())}).".replace("_", "\u202f"),
        "",
        f"| dessin | requêtes | ms | Ko de HTML | lignes SVG | ≤ {AIM_MS} ms |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['label']} | {r['queries']} | {r['ms']:.1f} | {r['kb']:.0f} | {r['links']} "
            f"| {'oui' if r['ms'] <= AIM_MS else '**non**'} |"
        )
    text = "\n".join(lines)
    print(text)
    report.write_block(f"network-{options.scale}x", text)


if __name__ == "__main__":
    main()
