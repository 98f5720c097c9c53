"""The communes' outlines served per département as static files (built by
scripts/territories/build_commune_outlines.py from IGN ADMIN EXPRESS COG, Licence Ouverte)."""

import csv
import gzip
import html
import importlib.util
import json
import re
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from ptce.public.selectors_map import COMMUNE_OUTLINES, commune_outline_urls
from ptce.territories.datafiles import DATA_DIR

ROOT = Path(__file__).resolve().parents[2]

MAX_TOTAL_BYTES = 15_000_000  # in the repository, all départements together


def departements() -> list[str]:
    with (DATA_DIR / "departements.csv").open(encoding="utf-8") as file:
        return sorted(row["code"] for row in csv.DictReader(file))


def test_every_departement_has_its_file_and_together_they_stay_under_15_mb():
    files = sorted(COMMUNE_OUTLINES.glob("*.geojson"))

    assert [path.stem for path in files] == departements()
    assert sum(path.stat().st_size for path in files) < MAX_TOTAL_BYTES


def test_a_file_holds_the_named_communes_of_its_departement_in_longitude_latitude():
    with gzip.open(DATA_DIR / "communes.csv.gz", "rt", encoding="utf-8") as file:
        ariege = {
            row["code"]: row["name"] for row in csv.DictReader(file) if row["departement"] == "09"
        }
    data = json.loads((COMMUNE_OUTLINES / "09.geojson").read_text(encoding="utf-8"))

    assert data["type"] == "FeatureCollection"
    names = {f["properties"]["code"]: f["properties"]["nom"] for f in data["features"]}
    assert names == ariege
    foix = next(f for f in data["features"] if f["properties"]["code"] == "09122")
    assert foix["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    ring = foix["geometry"]["coordinates"][0]
    ring = ring[0] if foix["geometry"]["type"] == "MultiPolygon" else ring
    longitudes, latitudes = zip(*ring, strict=True)
    assert 1.5 < min(longitudes) < 1.61 < max(longitudes) < 1.7  # Foix's town hall: 1.6055
    assert 42.9 < min(latitudes) < 42.97 < max(latitudes) < 43.05  # …and 42.9637


def test_the_map_knows_each_files_static_url():
    urls = commune_outline_urls()
    assert sorted(urls) == departements()
    assert finders.find("territories/communes/09.geojson")
    assert "territories/communes/09" in urls["09"]


def test_every_file_holds_named_communes_with_their_population():
    """What the map reads (public/map_communes.js): a name to show and a population to choose
    the names shown first."""
    for path in sorted(COMMUNE_OUTLINES.glob("*.geojson")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["type"] == "FeatureCollection", path.name
        assert data["features"], path.name
        for feature in data["features"]:
            properties = feature["properties"]
            assert properties["code"].startswith(path.stem[:2]), (path.name, properties)
            assert properties["nom"].strip(), (path.name, properties)
            assert isinstance(properties["pop"], int), properties
            assert properties["pop"] >= 0, properties
            assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}, properties


def test_the_map_page_gives_the_map_every_departements_file(client, db):
    content = client.get(reverse("public:map")).content.decode()
    attribute = re.search(r'data-ptce-map-commune-outlines="([^"]*)"', content)
    urls = json.loads(html.unescape(attribute.group(1)))

    assert sorted(urls) == departements()
    for code, url in urls.items():
        assert url.startswith(settings.STATIC_URL), url
        assert finders.find(url.removeprefix(settings.STATIC_URL)), (code, url)


def test_the_build_script_refreshes_names_and_populations_and_keeps_the_outlines(tmp_path):
    script = ROOT / "scripts" / "territories" / "build_commune_outlines.py"
    sys.path.insert(0, str(script.parent))
    try:
        spec = importlib.util.spec_from_file_location("build_commune_outlines", script)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(script.parent))
    square = {"type": "Polygon", "coordinates": [[[1, 43], [2, 43], [2, 44], [1, 43]]]}
    old = [
        {"type": "Feature", "properties": {"code": "09122", "nom": "Foi"}, "geometry": square},
        {"type": "Feature", "properties": {"code": "09999", "nom": "Gone"}, "geometry": square},
    ]
    (tmp_path / "09.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": old}))

    module.refresh({"09122": ("Foix", "09", 9613)}, tmp_path)

    data = json.loads((tmp_path / "09.geojson").read_text(encoding="utf-8"))
    assert data["features"] == [
        {
            "type": "Feature",
            "properties": {"code": "09122", "nom": "Foix", "pop": 9613},
            "geometry": square,
        }
    ]
