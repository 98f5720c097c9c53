"""The communes' outlines served per département as static files (built by
scripts/territories/build_commune_outlines.py from IGN ADMIN EXPRESS COG, Licence Ouverte)."""

import csv
import gzip
import json

from django.contrib.staticfiles import finders

from ptce.public.selectors_map import COMMUNE_OUTLINES, commune_outline_urls
from ptce.territories.datafiles import DATA_DIR

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
