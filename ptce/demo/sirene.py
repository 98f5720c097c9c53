"""A fictitious extract of the SIRENE register, in INSEE's published stock format, so that the
SIRENE search works after `make run` (`demo_load` loads `data/sirene/`) and the tests load files
shaped exactly like the real ones (`write_stock`).

Every unit is made up: names end with « (fictif) », SIREN numbers start with 99, which INSEE
does not give out in this range to real units today (still, never use this data outside the
demo). Rebuild `data/sirene/` with `python -m ptce.demo.sirene`.
"""

import csv
import random
from pathlib import Path

import duckdb
from stdnum import luhn

DATA_DIR = Path(__file__).parent / "data" / "sirene"


def _split(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(sep))


# The published headers, in order (Sirene stock files, 2025 edition).
UNIT_HEADER = _split(
    "siren statutDiffusionUniteLegale unitePurgeeUniteLegale dateCreationUniteLegale "
    "sigleUniteLegale sexeUniteLegale prenom1UniteLegale prenom2UniteLegale prenom3UniteLegale "
    "prenom4UniteLegale prenomUsuelUniteLegale pseudonymeUniteLegale "
    "identifiantAssociationUniteLegale trancheEffectifsUniteLegale anneeEffectifsUniteLegale "
    "dateDernierTraitementUniteLegale nombrePeriodesUniteLegale categorieEntreprise "
    "anneeCategorieEntreprise dateDebut etatAdministratifUniteLegale nomUniteLegale "
    "nomUsageUniteLegale denominationUniteLegale denominationUsuelle1UniteLegale "
    "denominationUsuelle2UniteLegale denominationUsuelle3UniteLegale "
    "categorieJuridiqueUniteLegale activitePrincipaleUniteLegale "
    "nomenclatureActivitePrincipaleUniteLegale nicSiegeUniteLegale "
    "economieSocialeSolidaireUniteLegale societeMissionUniteLegale "
    "caractereEmployeurUniteLegale activitePrincipaleNAF25UniteLegale"
)
ESTABLISHMENT_HEADER = _split(
    "siren nic siret statutDiffusionEtablissement dateCreationEtablissement "
    "trancheEffectifsEtablissement anneeEffectifsEtablissement "
    "activitePrincipaleRegistreMetiersEtablissement dateDernierTraitementEtablissement "
    "etablissementSiege nombrePeriodesEtablissement complementAdresseEtablissement "
    "numeroVoieEtablissement indiceRepetitionEtablissement dernierNumeroVoieEtablissement "
    "indiceRepetitionDernierNumeroVoieEtablissement typeVoieEtablissement "
    "libelleVoieEtablissement codePostalEtablissement libelleCommuneEtablissement "
    "libelleCommuneEtrangerEtablissement distributionSpecialeEtablissement "
    "codeCommuneEtablissement codeCedexEtablissement libelleCedexEtablissement "
    "codePaysEtrangerEtablissement libellePaysEtrangerEtablissement "
    "identifiantAdresseEtablissement coordonneeLambertAbscisseEtablissement "
    "coordonneeLambertOrdonneeEtablissement complementAdresse2Etablissement "
    "numeroVoie2Etablissement indiceRepetition2Etablissement typeVoie2Etablissement "
    "libelleVoie2Etablissement codePostal2Etablissement libelleCommune2Etablissement "
    "libelleCommuneEtranger2Etablissement distributionSpeciale2Etablissement "
    "codeCommune2Etablissement codeCedex2Etablissement libelleCedex2Etablissement "
    "codePaysEtranger2Etablissement libellePaysEtranger2Etablissement dateDebut "
    "etatAdministratifEtablissement enseigne1Etablissement enseigne2Etablissement "
    "enseigne3Etablissement denominationUsuelleEtablissement activitePrincipaleEtablissement "
    "nomenclatureActivitePrincipaleEtablissement caractereEmployeurEtablissement "
    "activitePrincipaleNAF25Etablissement"
)


def with_check_digit(digits: str) -> str:
    return digits + luhn.calc_check_digit(digits)


def unit(siren8: str, name: str, **fields) -> dict:
    """One unit with a head office; `siren8`: 8 digits, the check digit is added. Keys of
    `fields`: any published column of either file (e.g. categorieJuridiqueUniteLegale)."""
    siren = with_check_digit(siren8)
    siret = with_check_digit(siren + "0001")
    row = {
        "siren": siren,
        "siret": siret,
        "nic": siret[9:],
        "nicSiegeUniteLegale": siret[9:],
        "statutDiffusionUniteLegale": "O",
        "statutDiffusionEtablissement": "O",
        "denominationUniteLegale": name,
        "categorieJuridiqueUniteLegale": "9220",
        "activitePrincipaleUniteLegale": "88.99B",
        "nomenclatureActivitePrincipaleUniteLegale": "NAFRev2",
        "economieSocialeSolidaireUniteLegale": "O",
        "trancheEffectifsUniteLegale": "11",
        "etatAdministratifUniteLegale": "A",
        "etatAdministratifEtablissement": "A",
        "dateCreationUniteLegale": "2015-03-01",
        "dateDebut": "2015-03-01",
        "dateDernierTraitementUniteLegale": "2026-11-02T05:12:44",
        "etablissementSiege": "true",
        "numeroVoieEtablissement": "12",
        "typeVoieEtablissement": "RUE",
        "libelleVoieEtablissement": "DES TILLEULS",
        "codePostalEtablissement": "31000",
        "libelleCommuneEtablissement": "TOULOUSE",
        "codeCommuneEtablissement": "31555",
    }
    row.update(fields)
    return row


def write_stock(directory: Path, units: list[dict], *, parquet: bool = False) -> list[Path]:
    """Write StockUniteLegale_utf8 and StockEtablissement_utf8 (CSV, or Parquet through DuckDB
    as data.gouv.fr publishes them) with the official headers; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for stem, header in (
        ("StockUniteLegale_utf8", UNIT_HEADER),
        ("StockEtablissement_utf8", ESTABLISHMENT_HEADER),
    ):
        path = directory / f"{stem}.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(header)
            for row in units:
                writer.writerow([row.get(column, "") for column in header])
        if parquet:
            target = path.with_suffix(".parquet")
            with duckdb.connect() as con:
                con.execute(
                    f"COPY (SELECT * FROM read_csv('{path}', header = true, all_varchar = true)) "  # noqa: S608
                    f"TO '{target}' (FORMAT parquet)"
                )
            path.unlink()
            path = target
        paths.append(path)
    return paths


# --- the demo extract ---

_KINDS = [
    # (words, categorieJuridique, NAF, ESS)
    ("Association", "9220", "88.99B", "O"),
    ("Ressourcerie", "9220", "38.32Z", "O"),
    ("SCOP", "5458", "43.21A", "O"),
    ("Coopérative", "5560", "47.11B", "O"),
    ("Régie de quartier", "9220", "81.21Z", "O"),
    ("Atelier", "5710", "25.62B", "N"),
    ("Menuiserie", "5499", "16.23Z", "N"),
    ("Fondation", "9300", "88.99B", "O"),
    ("Mutuelle", "8210", "65.12Z", "O"),
    ("Communauté de communes", "7346", "84.11Z", "N"),
]
_THEMES = _split(
    "des Jardins partagés|du Vélo solidaire|de l’Économie circulaire|des Savoirs|du Bois local|"
    "de la Laine|des Circuits courts|du Numérique inclusif|des Énergies citoyennes|"
    "de la Mobilité rurale|du Réemploi|des Tiers-lieux|de l’Alimentation durable|des Arts vivants|"
    "de l’Insertion|des Mille Pousses|du Lac|de la Vallée|des Collines|du Littoral",
    "|",
)
_COMMUNES = [
    ("31555", "TOULOUSE", "31000"),
    ("35238", "RENNES", "35000"),
    ("22113", "LANNION", "22300"),
    ("26362", "VALENCE", "26000"),
    ("23096", "GUERET", "23000"),
    ("33063", "BORDEAUX", "33000"),
    ("34172", "MONTPELLIER", "34000"),
    ("29151", "MORLAIX", "29600"),
    ("04112", "MANOSQUE", "04100"),
    ("09122", "FOIX", "09000"),
]


def demo_units(count: int = 200) -> list[dict]:
    rng = random.Random(14)  # noqa: S311 - fixed seed, a stable file
    rows = []
    for index in range(count):
        words, category, naf, ess = _KINDS[index % len(_KINDS)]
        theme = _THEMES[(index // len(_KINDS)) % len(_THEMES)]
        code, commune, postal = _COMMUNES[index % len(_COMMUNES)]
        fields = {
            "categorieJuridiqueUniteLegale": category,
            "activitePrincipaleUniteLegale": naf,
            "economieSocialeSolidaireUniteLegale": ess,
            "trancheEffectifsUniteLegale": rng.choice(["NN", "01", "02", "03", "11", "12", "21"]),
            "numeroVoieEtablissement": str(rng.randint(1, 120)),
            "libelleVoieEtablissement": rng.choice(["DE LA GARE", "DES ECOLES", "DU MOULIN"]),
            "codeCommuneEtablissement": code,
            "libelleCommuneEtablissement": commune,
            "codePostalEtablissement": postal,
        }
        if category == "9220":
            fields["identifiantAssociationUniteLegale"] = f"W{code[:2]}{index:07d}"
        if index % 25 == 24:  # a few units the register does not diffuse: never shown
            fields["statutDiffusionUniteLegale"] = "P"
        if index % 40 == 39:
            fields["etatAdministratifUniteLegale"] = "C"
        suffix = f" {index // 200 + 1}" if index >= 200 else ""
        rows.append(unit(f"99{index:06d}", f"{words} {theme}{suffix} (fictif)", **fields))
    return rows


if __name__ == "__main__":
    for path in write_stock(DATA_DIR, demo_units()):
        print(path)
