"""Server time and query count of the public face (map data, figures, open data, API, search)
for 2,000 published poles, uncached and cached.

Run: `SECRET_KEY=bench .venv/bin/python bench/public.py [--poles N] [--runs N]`; `--only WORD`
keeps the endpoints whose label holds WORD (repeatable), `--profile` prints a cProfile of one
uncached request per endpoint, `--dump DIR` writes each body to DIR (to compare with `cmp`).
Uses a throw-away SQLite database unless DATABASE_URL is set. An endpoint whose URL does not
resolve yet is listed as « absent », so the script runs while the public face is being built.
"""

import argparse
import cProfile
import datetime
import json
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("PTCE_SIMPLE_STATIC", "1")
# The static files are not collected for a benchmark: WhiteNoise says so, once, harmlessly.
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, Resolver404, resolve, reverse  # noqa: E402

from ptce.calls.models import Application, ApplicationState  # noqa: E402
from ptce.organisations.models import LegalCategory, Organisation  # noqa: E402
from ptce.poles.models import (  # noqa: E402
    Membership,
    Place,
    Pole,
    PoleForm,
    Sector,
    Stage,
    Verification,
)
from ptce.territories.models import Commune, Departement, Region  # noqa: E402
from ptce.territories.text import normalize  # noqa: E402
from tests.calls.factories import PhaseFactory  # noqa: E402
from tests.organisations.factories import valid_siret  # noqa: E402

# (label, URL name or path, cached?): a name is reversed, a path must resolve; otherwise the
# endpoint is « absent ». The search is not cached: only its uncached time is measured.
ENDPOINTS = [
    ("carte : données", "public:map_data", True),
    ("chiffres", "public:figures", True),
    ("poles.csv", "/donnees/poles.csv", True),
    ("poles.geojson", "/donnees/poles.geojson", True),
    ("poles.json", "/donnees/poles.json", True),
    ("organisations.csv", "/donnees/organisations.csv", True),
    ("API : pôles", "/api/v1/poles/", True),
    ("recherche", "/recherche/?q=cooperatif", False),
    # Issue #17: « près de » (a commune's name, 50 km) and the places of an area, 10,000 places.
    ("près de : annuaire", "/poles/?near=Commune+12&radius=50", False),
    ("près de : carte", "/carte/donnees.json?near=Commune+12&radius=50", False),
    ("près de : API", "/api/v1/poles/?near=Commune+12&radius=50", False),
    ("carte : lieux", "/carte/lieux.json?bbox=-1,44,4,48", True),
]
AIM_UNCACHED_MS = 50
AIM_CACHED_MS = 10
MEMBERS_PER_POLE = 5
PLACES_PER_POLE = 5  # 10,000 places at 2,000 poles (issue #17)
COMMUNES = 400
REGIONS = [
    ("11", "Île-de-France"),
    ("24", "Centre-Val de Loire"),
    ("27", "Bourgogne-Franche-Comté"),
    ("28", "Normandie"),
    ("32", "Hauts-de-France"),
    ("44", "Grand Est"),
    ("52", "Pays de la Loire"),
    ("53", "Bretagne"),
    ("75", "Nouvelle-Aquitaine"),
    ("76", "Occitanie"),
    ("84", "Auvergne-Rhône-Alpes"),
    ("93", "Provence-Alpes-Côte d’Azur"),
    ("94", "Corse"),
]
CATEGORIES = [
    LegalCategory.ASSOCIATION,
    LegalCategory.SCIC,
    LegalCategory.SOCIETE_COMMERCIALE,
    LegalCategory.COLLECTIVITE,
    LegalCategory.UNIVERSITE,
]


def build(pole_count: int) -> None:
    """Régions, départements, communes, then `pole_count` published poles with their filières,
    territory, main place, member organisations and a few laureates, all in bulk."""
    rng = random.Random(2024)
    regions = Region.objects.bulk_create(
        Region(code=code, name=name, search_name=normalize(name)) for code, name in REGIONS
    )
    departements = Departement.objects.bulk_create(
        Departement(
            code=f"{n + 1:02d}",
            name=f"Département {n + 1}",
            search_name=f"departement {n + 1}",
            region=regions[n % len(regions)],
        )
        for n in range(39)
    )
    communes = Commune.objects.bulk_create(
        Commune(
            code=f"{departements[n % 39].code}{n:03d}",
            name=f"Commune {n}",
            search_name=f"commune {n}",
            departement=departements[n % 39],
            region_id=departements[n % 39].region_id,
            latitude=42 + rng.random() * 8,
            longitude=-4 + rng.random() * 11,
        )
        for n in range(COMMUNES)
    )
    sectors = list(Sector.objects.all())
    poles = Pole.objects.bulk_create(
        Pole(
            name=f"Pôle coopératif {n}",
            search_name=f"pole cooperatif {n}",
            slug=f"pole-cooperatif-{n}",
            summary="Un pôle qui coopère sur son territoire.",
            region=departements[n % 39].region,
            form=PoleForm.values[n % len(PoleForm.values)],
            stage=Stage.values[n % len(Stage.values)],
            creation_year=2010 + n % 15,
            charter_signed_on=datetime.date(2023, 1, 1) if n % 3 == 0 else None,
            verification=Verification.VERIFIED,
            is_published=True,
        )
        for n in range(pole_count)
    )
    Pole.sectors.through.objects.bulk_create(
        Pole.sectors.through(pole=pole, sector=sector)
        for pole in poles
        for sector in rng.sample(sectors, 2)
    )
    places, covered, territory = [], [], []
    for n, pole in enumerate(poles):
        commune = communes[n % COMMUNES]
        places.append(
            Place(
                pole=pole,
                name=f"Tiers-lieu {n}",
                commune=commune,
                latitude=commune.latitude,
                longitude=commune.longitude,
                is_main=True,
            )
        )
        places.extend(
            Place(
                pole=pole,
                name=f"Atelier {n}-{k}",
                commune=commune,
                latitude=commune.latitude + rng.uniform(-0.05, 0.05),
                longitude=commune.longitude + rng.uniform(-0.05, 0.05),
            )
            for k in range(1, PLACES_PER_POLE)
        )
        covered.append(
            Pole.covered_departements.through(pole=pole, departement_id=commune.departement_id)
        )
        territory.append(Pole.territory_communes.through(pole=pole, commune=commune))
    Place.objects.bulk_create(places)
    Pole.covered_departements.through.objects.bulk_create(covered)
    Pole.territory_communes.through.objects.bulk_create(territory)
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Organisation {n}",
            search_name=f"organisation {n}",
            siret=valid_siret(n + 1),
            legal_category=CATEGORIES[n % len(CATEGORIES)],
            commune=communes[n % COMMUNES],
        )
        for n in range(pole_count * MEMBERS_PER_POLE)
    )
    Membership.objects.bulk_create(
        Membership(pole=poles[n // MEMBERS_PER_POLE], organisation=organisation)
        for n, organisation in enumerate(organisations)
    )
    phase = PhaseFactory()
    Application.objects.bulk_create(
        Application(
            phase=phase,
            pole=pole,
            state=ApplicationState.LAUREATE if n % 2 else ApplicationState.REJECTED,
        )
        for n, pole in enumerate(poles[: pole_count // 10])
    )


def url_for(target: str) -> str | None:
    try:
        if target.startswith("/"):
            resolve(target.split("?")[0])
            return target
        return reverse(target)
    except (NoReverseMatch, Resolver404):
        return None


def rows_in(content_type: str, body: bytes) -> str:
    """How many records a response holds: CSV lines, GeoJSON features, JSON items."""
    if "csv" in content_type:
        return str(max(body.decode("utf-8-sig").count("\n") - 1, 0))
    if "json" in content_type:
        data = json.loads(body)
        if isinstance(data, list):
            return str(len(data))
        for key in ("features", "items", "results", "poles", "data"):
            if isinstance(data.get(key), list):
                return str(len(data[key]))
    return "—"


def get(client, url) -> tuple[str, bytes]:
    """(content type, body) of a successful GET; a streamed export is read in full, since it
    does its work while it is read."""
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} répond {response.status_code}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.get("Content-Type", ""), body


def invalidate() -> None:
    """What a bulk write does to the public caches: every scope renewed."""
    from ptce.core.invalidation import everything_changed

    everything_changed()


def measure(client, url, *, runs: int, cached: bool):
    """(median ms, queries of the last run, rows) over `runs` requests."""
    timings = []
    if cached:
        get(client, url)  # warm the cache
    for _ in range(runs):
        if not cached:
            invalidate()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            content_type, body = get(client, url)
            timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), len(queries), rows_in(content_type, body)


def profile(client, url, *, lines: int = 25) -> None:
    """The cProfile of one uncached request (after a first one: imports, URL patterns),
    heaviest own time first."""
    get(client, url)
    invalidate()
    profiler = cProfile.Profile()
    profiler.enable()
    get(client, url)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(lines)


def dump(client, url, folder: str, label: str) -> None:
    """The uncached body of `url`, written to `folder` under a name made from `label`."""
    invalidate()
    _, body = get(client, url)
    name = "".join(char if char.isalnum() or char in ".-" else "_" for char in label)
    Path(folder, name).write_bytes(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--poles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", action="append", default=[], metavar="WORD")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--dump", metavar="DIR")
    options = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # DEBUG off without Redis: the database cache
    started = time.perf_counter()
    with transaction.atomic():
        build(options.poles)
    print(
        f"{options.poles} pôles publiés, {options.poles * MEMBERS_PER_POLE} organisations "
        f"({connection.vendor}), générés en {time.perf_counter() - started:.1f} s ; "
        f"médiane de {options.runs} requêtes.\n"
    )
    client = Client()
    header = (
        f"{'point d’accès':<20} | {'lignes':>6} | {'requêtes':>8} | {'sans cache (ms)':>15} | "
        f"{'en cache (ms)':>13} | objectif"
    )
    print(header)
    print("-" * len(header))
    for label, target, is_cached in ENDPOINTS:
        if options.only and not any(word in label for word in options.only):
            continue
        url = url_for(target)
        if url is None:
            print(f"{label:<20} | {'absent':>6} | {'':>8} | {'':>15} | {'':>13} |")
            continue
        if options.dump:
            dump(client, url, options.dump, label)
        if options.profile:
            print(f"\n== {label} ({url})")
            profile(client, url)
        uncached_ms, queries, rows = measure(client, url, runs=options.runs, cached=False)
        ok = uncached_ms <= AIM_UNCACHED_MS
        cached_column, aim = f"{'—':>13}", f"≤ {AIM_UNCACHED_MS} ms"
        if is_cached:
            cached_ms, cached_queries, _ = measure(client, url, runs=options.runs, cached=True)
            ok = ok and cached_ms <= AIM_CACHED_MS
            queries = f"{queries} / {cached_queries}"
            cached_column, aim = f"{cached_ms:>13.1f}", f"{aim} / ≤ {AIM_CACHED_MS} ms"
        print(
            f"{label:<20} | {rows:>6} | {queries:>8} | {uncached_ms:>15.1f} | {cached_column} | "
            f"{aim} {'atteint' if ok else 'MANQUÉ'}"
        )
    print("\nrequêtes : sans cache / en cache (dont SAVEPOINT et RELEASE de la requête).")


if __name__ == "__main__":
    main()
