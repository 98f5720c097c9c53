"""Reading INSEE's SIRENE stock files (`StockUniteLegale_utf8`, `StockEtablissement_utf8`,
CSV or Parquet, official column names) with DuckDB, which streams them: a 30-million-row file is
never held in memory, and the join of each legal unit with its head office is DuckDB's work."""

from collections.abc import Iterator
from dataclasses import dataclass
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
BATCH_SIZE = 20_000  # under SQLite's 32,766 parameters: a batch's SIREN are looked up at once


class SireneFileError(Exception):
    """A file that cannot be loaded; the message says which and why, in French."""


@dataclass(frozen=True)
class UnitRow:
    siren: str
    name: str
    acronym: str
    legal_form: str
    naf_code: str
    ess: bool
    headcount_band: str
    rna: str
    active: bool
    updated_on: str
    siret: str
    address: str
    postal_code: str
    commune_code: str
    commune_name: str


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
        self.con = duckdb.connect()
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

    def _kept(self, *, actives: bool, filtre: str) -> str:
        condition = f"u.statutDiffusionUniteLegale = 'O' AND {FILTERS[filtre]}"
        if actives:
            condition += " AND u.etatAdministratifUniteLegale = 'A'"
        return condition

    def rows(self, *, actives: bool, filtre: str) -> Iterator[list[UnitRow]]:
        """The kept legal units, diffusible only, in batches."""
        condition = self._kept(actives=actives, filtre=filtre)
        if self.establishments is None:
            nulls = ", ".join(f'NULL AS "{c}"' for c in ESTABLISHMENT_COLUMNS if c != "siren")
            query = f"SELECT u.*, {nulls} FROM {self.units} AS u WHERE {condition}"
        else:
            query = f"""
                SELECT u.*, e.* EXCLUDE (siren) FROM {self.units} AS u
                LEFT JOIN (
                    SELECT DISTINCT ON (siren) * FROM {self.establishments}
                    WHERE lower(etablissementSiege) IN ('true', 'o', '1')
                ) AS e ON e.siren = u.siren
                WHERE {condition}
            """
        yield from self._batches(query, _unit_row)

    def withheld(self, *, actives: bool, filtre: str) -> Iterator[list[str]]:
        """The SIREN numbers of the file that are not kept (not diffusible, or filtered out)."""
        query = f"""
            SELECT u.siren FROM {self.units} AS u
            WHERE NOT coalesce({self._kept(actives=actives, filtre=filtre)}, FALSE)
        """
        yield from self._batches(query, lambda names, row: row[0])

    def _batches(self, query: str, make):
        try:
            cursor = self.con.execute(query)
            names = [d[0] for d in cursor.description]
            while batch := cursor.fetchmany(BATCH_SIZE):
                yield [make(names, row) for row in batch]
        except duckdb.Error as error:
            raise SireneFileError(f"Lecture impossible : {_first_line(error)}.") from None

    def close(self):
        self.con.close()


def _unit_row(names: list[str], row: tuple) -> UnitRow:
    r = {name: (value or "").strip() for name, value in zip(names, row, strict=True)}
    person = " ".join(p for p in (r["prenom1UniteLegale"], r["nomUniteLegale"]) if p)
    siren = r["siren"]
    head_office_diffusible = r["statutDiffusionEtablissement"] in ("", "O")
    street = " ".join(
        p
        for p in (
            r["numeroVoieEtablissement"] + r["indiceRepetitionEtablissement"],
            r["typeVoieEtablissement"],
            r["libelleVoieEtablissement"],
        )
        if p
    )
    nic = r["nicSiegeUniteLegale"]
    return UnitRow(
        siren=siren,
        name=(r["denominationUniteLegale"] or person or siren)[:250],
        acronym=r["sigleUniteLegale"][:60],
        legal_form=r["categorieJuridiqueUniteLegale"][:4],
        naf_code=r["activitePrincipaleUniteLegale"][:6],
        ess=r["economieSocialeSolidaireUniteLegale"] == "O",
        headcount_band=r["trancheEffectifsUniteLegale"][:2],
        rna=r["identifiantAssociationUniteLegale"][:10],
        active=r["etatAdministratifUniteLegale"] == "A",
        updated_on=r["dateDernierTraitementUniteLegale"][:10],
        siret=r["siret"] or (siren + nic if len(nic) == 5 else ""),
        address=street[:250] if head_office_diffusible else "",
        postal_code=r["codePostalEtablissement"][:5] if head_office_diffusible else "",
        commune_code=r["codeCommuneEtablissement"][:5],
        commune_name=r["libelleCommuneEtablissement"][:100],
    )
