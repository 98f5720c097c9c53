"""Reading INSEE's SIRENE stock files (`StockUniteLegale_utf8`, `StockEtablissement_utf8`,
CSV or Parquet, official column names) with DuckDB, which streams them: a 30-million-row file is
never held in memory, and the join of each legal unit with its head office is DuckDB's work."""

import tempfile
from pathlib import Path

import duckdb

UNIT_COLUMNS = (
    "siren",
    "statutDiffusionUniteLegale",
    "denominationUniteLegale",
    "nomUniteLegale",
    "prenom1UniteLegale",
    "sigleUniteLegale",
    "identifiantAssociationUniteLegale",
    "categorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale",
    "economieSocialeSolidaireUniteLegale",
    "trancheEffectifsUniteLegale",
    "etatAdministratifUniteLegale",
    "nicSiegeUniteLegale",
    "dateDernierTraitementUniteLegale",
)
ESTABLISHMENT_COLUMNS = (
    "siren",
    "siret",
    "statutDiffusionEtablissement",
    "etablissementSiege",
    "numeroVoieEtablissement",
    "indiceRepetitionEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
    "codePostalEtablissement",
    "libelleCommuneEtablissement",
    "codeCommuneEtablissement",
)
# --filtre: which legal units to keep (categorieJuridiqueUniteLegale, 4 digits).
FILTERS = {
    "tout": "TRUE",
    "ess": "u.economieSocialeSolidaireUniteLegale = 'O'",
    "associations": "u.categorieJuridiqueUniteLegale LIKE '92%'",
    # Collectivités territoriales (72..) and their groupings (734., 735.: EPCI, syndicats).
    "collectivites": "(u.categorieJuridiqueUniteLegale LIKE '72%' "
    "OR u.categorieJuridiqueUniteLegale LIKE '734%' "
    "OR u.categorieJuridiqueUniteLegale LIKE '735%')",
}


class SireneFileError(Exception):
    """A file that cannot be loaded; the message says which and why, in French."""


def _reader(path: Path) -> str:
    quoted = "'" + str(path).replace("'", "''") + "'"
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-1:] == [".parquet"]:
        return f"read_parquet({quoted})"
    if ".csv" in suffixes:
        return f"read_csv({quoted}, header = true, all_varchar = true, delim = ',', quote = '\"')"
    raise SireneFileError(
        f"{path.name} : format non reconnu. Les fichiers SIRENE se chargent en CSV (.csv, "
        ".csv.gz) ou en Parquet (.parquet)."
    )


def _columns(con, path: Path, relation: str) -> list[str]:
    if not path.is_file():
        raise SireneFileError(f"{path} : fichier introuvable.")
    try:
        return [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()]
    except duckdb.Error as error:
        raise SireneFileError(f"{path.name} : fichier illisible ({_first_line(error)}).") from None


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0][:200]


class StockFiles:
    """The stock files of one load: one of legal units, at most one of establishments."""

    def __init__(self, paths: list[Path]):
        # In memory, spilling to a temporary directory: a 30-million-row stock must not fill
        # the memory (a database file would write and sync every staged table instead).
        self._directory = tempfile.TemporaryDirectory(prefix="sirene-")
        self.con = duckdb.connect()
        self.con.execute("SET temp_directory = ?", [self._directory.name])
        self.con.execute("SET memory_limit = '1GB'")
        self.con.execute("SET preserve_insertion_order = false")
        self.units = self.establishments = None
        for path in paths:
            relation = _reader(path)
            columns = set(_columns(self.con, path, relation))
            if "denominationUniteLegale" in columns or "categorieJuridiqueUniteLegale" in columns:
                kind, wanted, label = "units", UNIT_COLUMNS, "unités légales"
            elif "etablissementSiege" in columns or "siret" in columns:
                kind, wanted, label = "establishments", ESTABLISHMENT_COLUMNS, "établissements"
            else:
                raise SireneFileError(
                    f"{path.name} : ni un stock d’unités légales (StockUniteLegale) ni un stock "
                    "d’établissements (StockEtablissement) : ses colonnes ne portent pas les noms "
                    "publiés par l’INSEE."
                )
            missing = [c for c in wanted if c not in columns]
            if missing:
                raise SireneFileError(
                    f"{path.name} (stock des {label}) : colonne(s) manquante(s) : "
                    f"{', '.join(missing)}."
                )
            if getattr(self, kind) is not None:
                raise SireneFileError(f"Deux fichiers de stock des {label} : n’en donnez qu’un.")
            select = ", ".join(f'CAST("{c}" AS VARCHAR) AS "{c}"' for c in wanted)
            setattr(self, kind, f"(SELECT {select} FROM {relation})")
        if self.units is None:
            raise SireneFileError(
                "Aucun stock des unités légales (StockUniteLegale_utf8.csv ou .parquet) parmi "
                "les fichiers donnés : il est nécessaire."
            )

    def check_unique(self) -> None:
        """One row per SIREN, as INSEE publishes it (a copy glued twice is refused)."""
        try:
            (twice,) = self.con.execute(
                f"SELECT count(*) - count(DISTINCT siren) FROM {self.units}"
            ).fetchone()
        except duckdb.Error as error:
            raise SireneFileError(f"Lecture impossible : {_first_line(error)}.") from None
        if twice:
            raise SireneFileError(
                f"Le stock des unités légales contient {twice} SIREN en double : ce n’est pas un "
                "fichier publié par l’INSEE."
            )

    def kept_condition(self, *, actives: bool, filtre: str) -> str:
        condition = f"u.statutDiffusionUniteLegale = 'O' AND {FILTERS[filtre]}"
        if actives:
            condition += " AND u.etatAdministratifUniteLegale = 'A'"
        return condition

    def source(self) -> str:
        """Every legal unit of the file (aliased `u`) with its head office's columns."""
        if self.establishments is None:
            nulls = ", ".join(f'NULL AS "{c}"' for c in ESTABLISHMENT_COLUMNS if c != "siren")
            return f"SELECT u.*, {nulls} FROM {self.units} AS u"
        return f"""
            SELECT u.*, e.* EXCLUDE (siren) FROM {self.units} AS u
            LEFT JOIN (
                SELECT DISTINCT ON (siren) * FROM {self.establishments}
                WHERE lower(etablissementSiege) IN ('true', 'o', '1')
            ) AS e ON e.siren = u.siren
        """

    def scratch(self, name: str) -> Path:
        """A path for a file of this load, deleted with it."""
        return Path(self._directory.name) / name

    def close(self):
        self.con.close()
        self._directory.cleanup()
