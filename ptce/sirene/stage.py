# ruff: noqa: S608 -- SQL built from this app's table and column names and constants only
"""The rows of `SireneUnit` and `SireneToken` computed in DuckDB SQL over the stock files: no
Python per row (a loop over a million rows was most of the load's time).

The name's lookup key is `ptce.territories.text.normalize`'s: in SQL for an ASCII name (nearly
all of them: INSEE writes names in capitals, mostly without accents), by that very Python
function otherwise (accents, ligatures: `fill_keys`), so that the search finds what it
normalises the same way. The fingerprint is a digest of every stored column: a reload compares
it, in DuckDB, with the stored one and writes only what differs."""

import csv
from pathlib import Path

from ptce.territories.text import SEARCH_KEY_LENGTH, normalize

from .words import MIN_TOKEN, STOP_WORDS, TOKEN_LENGTH

# The stored columns, in the order of the staged table and of the inserts.
UNIT_FIELDS = (
    "siren",
    "siret",
    "name",
    "search_name",
    "acronym",
    "legal_form",
    "naf_code",
    "ess",
    "headcount_band",
    "rna",
    "active",
    "address",
    "postal_code",
    "commune_code",
    "commune_name",
    "updated_on",
    "fingerprint",
)
# Bumped when a computed column changes meaning: every unit is then rewritten once.
FINGERPRINT_VERSION = "2"

_ABBREVIATIONS = "CASE w WHEN 'st' THEN 'saint' WHEN 'ste' THEN 'sainte' WHEN 'sts' THEN 'saints' "
_ABBREVIATIONS += "WHEN 'stes' THEN 'saintes' ELSE w END"
MACROS = [
    "CREATE OR REPLACE TEMP MACRO clean(t) AS trim(coalesce(t, ''))",
    # `normalize` of an ASCII text: lower case, runs of other characters → one space, St → Saint;
    # NULL for any other text, left to Python.
    "CREATE OR REPLACE TEMP MACRO ascii_key(t) AS CASE WHEN strlen(t) = length(t) THEN "
    "array_to_string(list_transform(string_split("
    f"trim(regexp_replace(lower(t), '[^a-z0-9]+', ' ', 'g')), ' '), w -> {_ABBREVIATIONS}), ' ') "
    "END",
]


def register(con) -> None:
    for macro in MACROS:
        con.execute(macro)


def read_scratch(path: Path, width: int) -> str:
    """DuckDB's reader of a CSV file written by Python's `csv` (`width` text columns)."""
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width))
    quoted = "'" + str(path).replace("'", "''") + "'"
    return (
        f"read_csv({quoted}, header = false, auto_detect = false, delim = ',', quote = '\"', "
        f"escape = '\"', columns = {{{columns}}})"
    )


def fill_keys(con, table: str, scratch: Path) -> None:
    """The keys of the names and acronyms that SQL left out (not ASCII), by `normalize`
    (through a CSV file in `scratch`: DuckDB's list parameters cost an import per value)."""
    rows = con.execute(
        f"SELECT siren, name, acronym FROM {table} WHERE name_key IS NULL OR acronym_key IS NULL"
    ).fetchall()
    if not rows:
        return
    with scratch.open("w", newline="") as out:
        csv.writer(out).writerows((s, normalize(n), normalize(a)) for s, n, a in rows)
    con.execute(
        f"UPDATE {table} SET name_key = coalesce(k.name_key, ''), "
        "acronym_key = coalesce(k.acronym_key, '') "
        f"FROM {read_scratch(scratch, 3)} AS k(siren, name_key, acronym_key) "
        f"WHERE {table}.siren = k.siren"
    )


def staged_units(source: str, kept: str) -> str:
    """SELECT of the kept units of `source`: the stored columns taken from the file, and the
    keys of the name and the acronym (NULL when not ASCII: `fill_keys`)."""
    return f"""
    WITH r AS (
        SELECT
            clean(u.siren) AS siren,
            clean(u.denominationUniteLegale) AS denomination,
            concat_ws(' ', nullif(clean(u.prenom1UniteLegale), ''),
                nullif(clean(u.nomUniteLegale), '')) AS person,
            clean(u.sigleUniteLegale) AS acronym,
            clean(u.categorieJuridiqueUniteLegale) AS legal_form,
            clean(u.activitePrincipaleUniteLegale) AS naf_code,
            clean(u.economieSocialeSolidaireUniteLegale) = 'O' AS ess,
            clean(u.trancheEffectifsUniteLegale) AS headcount_band,
            clean(u.identifiantAssociationUniteLegale) AS rna,
            clean(u.etatAdministratifUniteLegale) = 'A' AS active,
            clean(u.nicSiegeUniteLegale) AS nic,
            left(clean(u.dateDernierTraitementUniteLegale), 10) AS updated_on,
            clean(u.siret) AS siret,
            clean(u.statutDiffusionEtablissement) IN ('', 'O') AS head_office_diffusible,
            concat_ws(' ',
                nullif(clean(u.numeroVoieEtablissement)
                    || clean(u.indiceRepetitionEtablissement), ''),
                nullif(clean(u.typeVoieEtablissement), ''),
                nullif(clean(u.libelleVoieEtablissement), '')) AS street,
            clean(u.codePostalEtablissement) AS postal_code,
            clean(u.codeCommuneEtablissement) AS commune_code,
            clean(u.libelleCommuneEtablissement) AS commune_name
        FROM ({source}) AS u
        WHERE coalesce({kept}, FALSE)
    ), c AS (
        SELECT
            siren,
            CASE WHEN siret <> '' THEN siret
                WHEN length(nic) = 5 THEN siren || nic ELSE '' END AS siret,
            left(coalesce(nullif(denomination, ''), nullif(person, ''), siren), 250) AS name,
            left(acronym, 60) AS acronym,
            left(legal_form, 4) AS legal_form,
            left(naf_code, 6) AS naf_code,
            ess,
            left(headcount_band, 2) AS headcount_band,
            left(rna, 10) AS rna,
            active,
            CASE WHEN head_office_diffusible THEN left(street, 250) ELSE '' END AS address,
            CASE WHEN head_office_diffusible THEN left(postal_code, 5) ELSE '' END
                AS postal_code,
            left(commune_code, 5) AS commune_code,
            left(commune_name, 100) AS commune_name,
            strftime(try_strptime(updated_on, '%Y-%m-%d'), '%Y-%m-%d') AS updated_on
        FROM r
        WHERE regexp_full_match(siren, '[0-9]{{9}}')
    )
    SELECT *, ascii_key(name) AS name_key, ascii_key(acronym) AS acronym_key FROM c
    """


def finished(table: str) -> str:
    """SELECT of the staged units with their search key and fingerprint: `UNIT_FIELDS`, then
    the keys (the tokens are cut from them)."""
    return f"""
    SELECT
        siren, siret, name, left(name_key, {SEARCH_KEY_LENGTH}) AS search_name, acronym,
        legal_form, naf_code, ess, headcount_band, rna, active, address, postal_code,
        commune_code, commune_name, updated_on,
        md5(concat_ws(chr(31), '{FINGERPRINT_VERSION}', siret, name, name_key, acronym,
            legal_form, naf_code, ess::VARCHAR, headcount_band, rna, active::VARCHAR, address,
            postal_code, commune_code, commune_name, coalesce(updated_on, ''))) AS fingerprint,
        name_key, acronym_key
    FROM {table}
    """


def tokens(table: str) -> str:
    """SELECT (token, unit_id) of the units of `table`: each word of 3 letters or more of the
    name's and the acronym's keys, stop words left out, once per unit."""
    stop = ", ".join(f"'{word}'" for word in sorted(STOP_WORDS))
    return f"""
    SELECT DISTINCT left(w, {TOKEN_LENGTH}) AS token, siren AS unit_id FROM (
        SELECT siren, unnest(string_split(name_key || ' ' || acronym_key, ' ')) AS w
        FROM {table}
    ) WHERE length(w) >= {MIN_TOKEN} AND w NOT IN ({stop})
    """
