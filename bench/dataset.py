"""The scale dataset: France (1×: 200 poles) or ten times France (10×: 2,000 poles, 50,000
organisations and memberships, ~470,000 scores, 3,000 applications, 99,000 meetings), built in
bulk with a fixed seed, on SQLite or PostgreSQL.

Run: `SECRET_KEY=bench .venv/bin/python bench/dataset.py [--scale 10] [--rebuild]`. Without
DATABASE_URL the database is a SQLite file per scale in the temporary folder, kept for the
other benchmarks (`bench/support/env.py`); with DATABASE_URL it is rebuilt when its scale
differs. The other benchmarks call `ensure(scale)`.
"""

import argparse
import datetime
import importlib
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.support.env import setup  # noqa: E402

# Per 1× (France): the counts of issue #18 divided by ten.
POLES = 200
MEMBERS_PER_POLE = 25  # 5,000 organisations, one membership each
EVALUATIONS_PER_POLE = 2
RATERS_PER_EVALUATION = 12  # 9 criteria: (12 + 1 consolidated) × 9 × 2 ≈ 234 scores a pole
APPLICATIONS = 300
MEETINGS_PER_POLE = 49.5  # 9,900 at 1×
COMMUNES = 400
SEED = 2024
MARK = "ptce-bench-scale"  # the Site-wide marker of the built scale: the first pole's summary


def built_scale() -> int | None:
    from ptce.poles.models import Pole

    first = Pole.objects.filter(slug="pole-cooperatif-0").values_list("summary", flat=True)
    summary = first.first() or ""
    return int(summary.split(":")[1]) if summary.startswith(MARK) else None


def ensure(scale: int, *, rebuild: bool = False) -> None:
    """The dataset of `scale` in the database (migrated, built once)."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # DEBUG off without Redis: the database cache
    if not rebuild and built_scale() == scale:
        _analyze(connection)
        return
    if connection.vendor == "sqlite" or rebuild or built_scale() is not None:
        call_command("flush", interactive=False, verbosity=0)
        # The one data migration (the filières), which a flush empties.
        from django.apps import apps

        importlib.import_module("ptce.poles.migrations.0002_sectors").load(apps, None)
    started = time.perf_counter()
    counts = build(scale)
    _analyze(connection)
    print(
        f"jeu {scale}× ({connection.vendor}) construit en {time.perf_counter() - started:.0f} s : "
        + ", ".join(f"{n:,} {what}".replace(",", " ") for what, n in counts.items()),
        flush=True,
    )


def _analyze(connection) -> None:
    """The planner's statistics, as autovacuum keeps them in production. Without them (this
    machine's server runs with autovacuum off, and a measure may follow the build at once)
    PostgreSQL plans for empty tables: nested loops over 50,000 rows, the figures in 2.4 s
    instead of 0.7 s at 10×. SQLite gathers none unless asked, in production too: left as is."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def build(scale: int) -> dict[str, int]:  # noqa: PLR0915 — one straight list of bulk inserts
    from django.core.management import call_command
    from django.db import transaction

    from ptce.assessments.models import (
        Answer,
        ConsolidatedScore,
        Evaluation,
        EvaluationState,
        Rater,
        Referentiel,
    )
    from ptce.calls.models import Application, ApplicationState, Call, Phase
    from ptce.cooperation.models import Meeting
    from ptce.cooperation.models.life import MeetingKind
    from ptce.core.invalidation import everything_changed
    from ptce.core.models import User
    from ptce.organisations.models import Organisation
    from ptce.poles.models import Membership, PersonRole, PolePerson
    from tests.organisations.factories import valid_siret

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from public import build as build_public  # régions, communes, poles, places, laureates

    rng = random.Random(SEED)
    call_command("referentiel_load", verbosity=0)
    poles_n = POLES * scale
    with transaction.atomic():
        build_public(poles_n)  # 5 members a pole; more below
        from ptce.poles.models import Pole

        poles = list(Pole.objects.order_by("pk"))
        Pole.objects.filter(pk=poles[0].pk).update(summary=f"{MARK}:{scale}")
        communes = list(Pole.territory_communes.field.related_model.objects.all())
        extra = MEMBERS_PER_POLE - 5
        start = Organisation.objects.count()
        organisations = Organisation.objects.bulk_create(
            (
                Organisation(
                    name=f"Association {n}",
                    search_name=f"association {n}",
                    siret=valid_siret(start + n + 1),
                    legal_category="association",
                    commune=communes[n % len(communes)],
                )
                for n in range(poles_n * extra)
            ),
            batch_size=2000,
        )
        Membership.objects.bulk_create(
            (
                Membership(pole=poles[n // extra], organisation=organisation)
                for n, organisation in enumerate(organisations)
            ),
            batch_size=2000,
        )
        referentiel = Referentiel.objects.get(is_default=True)
        criteria = list(referentiel.criteria.order_by("letter"))
        now = datetime.datetime.now(datetime.UTC)
        evaluations = Evaluation.objects.bulk_create(
            (
                Evaluation(
                    pole=pole,
                    referentiel=referentiel,
                    title=f"Évaluation {year}",
                    state=EvaluationState.VALIDATED,
                    validated_at=now - datetime.timedelta(days=365 * (1 - year)),
                    synthesis="Le pôle est bien ancré.",
                    is_public=True,
                )
                for pole in poles
                for year in range(EVALUATIONS_PER_POLE)
            ),
            batch_size=2000,
        )
        ConsolidatedScore.objects.bulk_create(
            (
                ConsolidatedScore(evaluation=e, criterion=c, score=rng.randint(1, 5))
                for e in evaluations
                for c in criteria
            ),
            batch_size=5000,
        )
        raters = Rater.objects.bulk_create(
            (
                Rater(evaluation=e, name=f"Évaluateur {n}", submitted_at=now)
                for e in evaluations
                for n in range(RATERS_PER_EVALUATION)
            ),
            batch_size=5000,
        )
        Answer.objects.bulk_create(
            (
                Answer(rater=r, criterion=c, score=rng.randint(1, 5))
                for r in raters
                for c in criteria
            ),
            batch_size=5000,
        )
        # Applications: beyond the public build's first phase, one more call's phase.
        call = Call.objects.order_by("pk").first()
        Call.objects.filter(pk=call.pk).update(is_published=True)
        wanted = APPLICATIONS * scale - Application.objects.count()
        phases = [
            Phase.objects.create(call=call, number=number, name=f"Phase {number}")
            for number in range(2, 2 + -(-wanted // poles_n))
        ]
        Application.objects.bulk_create(
            (
                Application(
                    phase=phases[n // poles_n],
                    pole=poles[n % poles_n],
                    state=ApplicationState.LAUREATE if n % 3 == 0 else ApplicationState.REJECTED,
                    answers={"projet": "Un projet coopératif " * 20},
                )
                for n in range(wanted)
            ),
            batch_size=2000,
        )
        kinds = MeetingKind.values
        meetings_n = int(MEETINGS_PER_POLE * poles_n)
        Meeting.objects.bulk_create(
            (
                Meeting(
                    pole=poles[n % poles_n],
                    kind=kinds[n % len(kinds)],
                    title=f"Réunion {n}",
                    starts_at=now - datetime.timedelta(hours=rng.randint(1, 24 * 700)),
                )
                for n in range(meetings_n)
            ),
            batch_size=5000,
        )
        admin = User.objects.create_superuser(email="admin@bench.example", password="bench")
        coordinator = User.objects.create_user(email="coord@bench.example", password="bench")
        PolePerson.objects.create(pole=poles[0], user=coordinator, role=PersonRole.COORDINATOR)
        del admin
    everything_changed()
    return {
        "pôles": poles_n,
        "organisations": Organisation.objects.count(),
        "adhésions": Membership.objects.count(),
        "notes": Answer.objects.count() + ConsolidatedScore.objects.count(),
        "candidatures": Application.objects.count(),
        "réunions": Meeting.objects.count(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, choices=[1, 10], default=1)
    parser.add_argument("--rebuild", action="store_true")
    options = parser.parse_args()
    setup(options.scale)
    ensure(options.scale, rebuild=options.rebuild)


if __name__ == "__main__":
    main()
