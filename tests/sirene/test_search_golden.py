"""The SIRENE name search gives the same units in the same order on SQLite and PostgreSQL
(the suite runs on both through DATABASE_URL): one golden list of queries with accents, case,
punctuation, abbreviations, word order and typos, over names that only differ by those."""

import pytest

from ptce.sirene.selectors import sirene_search
from tests.sirene.factories import load_units, unit

pytestmark = pytest.mark.django_db

UNITS = [
    unit("61000001", "RESSOURCERIE DU PAYS DE SAINT-ÉTIENNE", sigleUniteLegale="RPSE"),
    unit("61000002", "LES JARDINS DE COCAGNE"),
    unit("61000003", "COCAGNE INSERTION"),
    unit("61000004", "Jardins de Cocagne – Saint-Étienne"),
    unit("61000005", "ŒUVRE DES JARDINS OUVRIERS"),
    unit("61000006", "ÉCO-LOGIS 42"),
    unit("61000007", "ECOLOGIS 42"),
    unit("61000008", "L’ATELIER DU ST-ÉTIENNE"),
    unit("61000009", "ATELIER SAINTE-FOY"),
    unit("61000010", "atelier ste foy bis"),
    unit("61000011", "COOPÉRATIVE ÉCOLE ET TERRITOIRES"),
    unit("61000012", "ÉCOLE DES COOPÉRATEURS"),
    unit(
        "61000013",
        "",
        denominationUniteLegale="",
        prenom1UniteLegale="ÉMILE",
        nomUniteLegale="DUPONT",
    ),
    unit("61000014", "ECO LOGIS 42"),
]

GOLDEN = {
    # Accents, case and punctuation are ignored: byte order of the key, then the SIREN.
    "eco": [
        "ÉCO-LOGIS 42",
        "ECO LOGIS 42",
        "ÉCOLE DES COOPÉRATEURS",
        "ECOLOGIS 42",
        "COOPÉRATIVE ÉCOLE ET TERRITOIRES",
    ],
    "Éco-logis": ["ÉCO-LOGIS 42", "ECO LOGIS 42"],
    "ecologis 42": ["ECOLOGIS 42"],
    "œuvre": ["ŒUVRE DES JARDINS OUVRIERS"],
    "OEUVRE jardins": ["ŒUVRE DES JARDINS OUVRIERS"],
    # St, Ste are read as Saint, Sainte.
    "st etienne": [
        "Jardins de Cocagne – Saint-Étienne",
        "L’ATELIER DU ST-ÉTIENNE",
        "RESSOURCERIE DU PAYS DE SAINT-ÉTIENNE",
    ],
    "Saint-Étienne": [
        "Jardins de Cocagne – Saint-Étienne",
        "L’ATELIER DU ST-ÉTIENNE",
        "RESSOURCERIE DU PAYS DE SAINT-ÉTIENNE",
    ],
    "atelier ste": ["ATELIER SAINTE-FOY", "atelier ste foy bis"],
    "ste foy": ["ATELIER SAINTE-FOY", "atelier ste foy bis"],
    # Word order: the names that start with the query first, then those with every word.
    "cocagne": [
        "COCAGNE INSERTION",
        "Jardins de Cocagne – Saint-Étienne",
        "LES JARDINS DE COCAGNE",
    ],
    "jardins cocagne": ["Jardins de Cocagne – Saint-Étienne", "LES JARDINS DE COCAGNE"],
    "cocagne jardins": ["Jardins de Cocagne – Saint-Étienne", "LES JARDINS DE COCAGNE"],
    "coop ecole": ["COOPÉRATIVE ÉCOLE ET TERRITOIRES", "ÉCOLE DES COOPÉRATEURS"],
    "ecole coop": ["COOPÉRATIVE ÉCOLE ET TERRITOIRES", "ÉCOLE DES COOPÉRATEURS"],
    # A person's name (no denomination), the acronym.
    "dupont emile": ["ÉMILE DUPONT"],
    "emile": ["ÉMILE DUPONT"],
    "rpse": ["RESSOURCERIE DU PAYS DE SAINT-ÉTIENNE"],
    # Typos: an unfinished word still matches; a letter wrong or swapped finds nothing (the
    # search has no fuzzy matching), on both databases alike.
    "jardin cocag": ["Jardins de Cocagne – Saint-Étienne", "LES JARDINS DE COCAGNE"],
    "cocgane": [],
    "saint etiene": [],
    "ressourcerie du pays de saint etiene": [],
}


@pytest.fixture
def units():
    load_units(*UNITS)


def test_every_query_of_the_golden_list_gives_the_same_units_in_the_same_order(units):
    found = {query: [u.name for u in sirene_search(query, limit=10)] for query in GOLDEN}

    assert found == GOLDEN
