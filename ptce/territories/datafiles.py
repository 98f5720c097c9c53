"""Read and check the geography data files (see docs/data-sources.md) before anything is written.

Each table is `<name>.csv.gz` or `<name>.csv` in the data folder. Rows come out as dicts of
model field values; every bad cell is reported with its file, line and column.
"""

import csv
import gzip
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .models import Commune, Departement, Epci, Region
from .text import normalize

DATA_DIR = Path(__file__).resolve().parent / "data"

REGION_CODE = re.compile(r"^\d{2,3}$")
DEPARTEMENT_CODE = re.compile(r"^(\d{2}|2A|2B|97\d)$")
COMMUNE_CODE = re.compile(r"^(\d{2}|2A|2B)\d{3}$")
EPCI_CODE = re.compile(r"^\d{9}$")
POSTAL_CODE = re.compile(r"^\d{5}$")
MAX_REPORTED = 20


class DataFileError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = problems[:MAX_REPORTED]
        more = len(problems) - len(shown)
        lines = "\n".join(f"  {p}" for p in shown)
        suffix = f"\n  … et {more} autre(s)" if more else ""
        super().__init__(f"{len(problems)} erreur(s) dans les fichiers :\n{lines}{suffix}")


@dataclass
class Geography:
    regions: list[dict] = field(default_factory=list)
    departements: list[dict] = field(default_factory=list)
    epcis: list[dict] = field(default_factory=list)
    communes: list[dict] = field(default_factory=list)


def _table_path(data_dir: Path, name: str) -> Path:
    for candidate in (data_dir / f"{name}.csv.gz", data_dir / f"{name}.csv"):
        if candidate.exists():
            return candidate
    raise DataFileError([f"{name}.csv.gz (ou {name}.csv) : fichier absent de {data_dir}"])


def _rows(data_dir: Path, name: str, columns: list[str]):
    path = _table_path(data_dir, name)
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8")))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise DataFileError(
            [f"{path.name}, ligne 1 : colonne(s) absente(s) : {', '.join(missing)}"]
        )
    for row in reader:
        yield path.name, reader.line_num, row


class _Checker:
    """Collects problems as « file, line N, column C : reason »."""

    def __init__(self):
        self.problems: list[str] = []

    def fail(self, where, column: str, reason: str) -> None:
        file, line = where
        self.problems.append(f"{file}, ligne {line}, colonne « {column} » : {reason}")

    def text(self, where, row, column, max_length, pattern=None) -> str:
        value = (row.get(column) or "").strip()
        if not value:
            self.fail(where, column, "valeur vide")
        elif len(value) > max_length:
            self.fail(where, column, f"plus de {max_length} caractères")
        elif pattern is not None and not pattern.match(value):
            self.fail(where, column, f"valeur « {value} » invalide")
        return value

    def integer(self, where, row, column) -> int | None:
        value = (row.get(column) or "").strip()
        if not value:
            return None
        if not value.isdigit():
            self.fail(where, column, f"« {value} » n’est pas un entier positif")
            return None
        return int(value)

    def number(self, where, row, column, bound: float) -> float | None:
        value = (row.get(column) or "").strip()
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            number = None
        if number is None or not -bound <= number <= bound:
            self.fail(where, column, f"« {value} » n’est pas une coordonnée valide")
            return None
        return number

    def unique(self, where, seen: set, code: str) -> None:
        if code in seen:
            self.fail(where, "code", f"code « {code} » en double")
        seen.add(code)


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def read_geography(data_dir: Path = DATA_DIR, departements: set[str] | None = None) -> Geography:
    """All four tables, checked; communes limited to `departements` when given."""
    check, geo = _Checker(), Geography()
    seen: set[str] = set()
    for file, line, row in _rows(data_dir, "regions", ["code", "name", "other_names"]):
        where = (file, line)
        code = check.text(where, row, "code", 3, REGION_CODE)
        check.unique(where, seen, code)
        name = check.text(where, row, "name", _max_length(Region, "name"))
        others = [n.strip() for n in (row.get("other_names") or "").split("|") if n.strip()]
        other_names = "|".join(others)
        if len(other_names) > _max_length(Region, "other_names"):
            check.fail(where, "other_names", "trop long")
        searchable = f"|{'|'.join(normalize(n) for n in others)}|" if others else ""
        geo.regions.append(
            {
                "code": code,
                "name": name,
                "search_name": normalize(name),
                "other_names": other_names,
                "search_other_names": searchable,
            }
        )
    region_codes, seen = seen, set()
    for file, line, row in _rows(data_dir, "departements", ["code", "name", "region"]):
        where = (file, line)
        code = check.text(where, row, "code", 3, DEPARTEMENT_CODE)
        check.unique(where, seen, code)
        name = check.text(where, row, "name", _max_length(Departement, "name"))
        region = check.text(where, row, "region", 3)
        if region and region not in region_codes:
            check.fail(where, "region", f"région « {region} » inconnue")
        geo.departements.append(
            {"code": code, "name": name, "search_name": normalize(name), "region_id": region}
        )
    dep_regions = {d["code"]: d["region_id"] for d in geo.departements}
    unknown = (departements or set()) - set(dep_regions)
    if unknown:
        check.problems.append(f"départements demandés inconnus : {', '.join(sorted(unknown))}")
    seen = set()
    for file, line, row in _rows(data_dir, "epci", ["code", "name", "nature", "population"]):
        where = (file, line)
        code = check.text(where, row, "code", 9, EPCI_CODE)
        check.unique(where, seen, code)
        name = check.text(where, row, "name", _max_length(Epci, "name"))
        geo.epcis.append(
            {
                "code": code,
                "name": name,
                "search_name": normalize(name),
                "nature": check.text(where, row, "nature", _max_length(Epci, "nature")),
                "population": check.integer(where, row, "population"),
            }
        )
    epci_codes, seen = seen, set()
    columns = ["code", "name", "departement", "epci", "postal_codes", "population"]
    for file, line, row in _rows(data_dir, "communes", [*columns, "latitude", "longitude"]):
        where = (file, line)
        departement = (row.get("departement") or "").strip()
        if departements and departement not in departements:
            continue
        code = check.text(where, row, "code", 5, COMMUNE_CODE)
        check.unique(where, seen, code)
        name = check.text(where, row, "name", _max_length(Commune, "name"))
        if departement not in dep_regions:
            check.fail(where, "departement", f"département « {departement} » inconnu")
        elif code and not code.startswith(departement):
            check.fail(where, "code", f"« {code} » n’est pas dans le département {departement}")
        epci = (row.get("epci") or "").strip() or None
        if epci and epci not in epci_codes:
            check.fail(where, "epci", f"EPCI « {epci} » inconnu")
        postal_codes = (row.get("postal_codes") or "").split()
        if any(not POSTAL_CODE.match(p) for p in postal_codes):
            check.fail(where, "postal_codes", "code postal invalide (5 chiffres attendus)")
        elif len(" ".join(postal_codes)) > _max_length(Commune, "postal_codes"):
            check.fail(where, "postal_codes", "trop de codes postaux")
        latitude = check.number(where, row, "latitude", 90)
        longitude = check.number(where, row, "longitude", 180)
        geo.communes.append(
            {
                "code": code,
                "name": name,
                "search_name": normalize(name),
                "postal_codes": " ".join(postal_codes),
                "population": check.integer(where, row, "population"),
                "departement_id": departement,
                "region_id": dep_regions.get(departement),
                "epci_id": epci,
                "latitude": latitude,
                "longitude": longitude,
            }
        )
    if check.problems:
        raise DataFileError(check.problems)
    return geo
