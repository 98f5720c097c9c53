"""Bad parameters of the public pages and the API, and bad arguments of the commands: a French
answer, never a 500 nor a traceback, and nothing written."""

import pytest
from django.core.management import CommandError, call_command

from tests.bad_inputs.catalog import Case, check, snapshot


def _get(path):
    return lambda w: path


API = [
    ("API: page de taille 0", "/api/v1/poles/?limit=0", 422, "supérieur ou égal à 1"),
    ("API: taille en lettres", "/api/v1/poles/?limit=abc", 422, "Paramètres invalides"),
    ("API: rang négatif", "/api/v1/poles/?offset=-1", 422, "Paramètres invalides"),
    ("API: page d’un million", "/api/v1/poles/?limit=1000000", 422, "Paramètres invalides"),
    ("API: région inconnue", "/api/v1/poles/?region=ZZ", 400, "Filtre invalide"),
    ("API: étape inconnue", "/api/v1/poles/?stage=9", 422, "stage"),
    ("API: pôle inconnu", "/api/v1/poles/inconnu", 404, "Aucun pôle publié"),
    ("API: commune inconnue", "/api/v1/territoires/communes/99999", 404, "Aucune commune"),
    ("API: EPCI inconnu", "/api/v1/territoires/epci/000000000", 404, "Aucun EPCI"),
    ("API: recherche vide", "/api/v1/territoires/communes?q=", 422, "au moins 1"),
    (
        "API: recherche de 500 caractères",
        "/api/v1/territoires/communes?q=" + "x" * 500,
        422,
        "au plus 100",
    ),
    ("API: référentiel inconnu", "/api/v1/referentiels/inconnu", 404, "Aucun référentiel"),
    ("API: adresse inconnue", "/api/v1/inconnu", 404, "Aucune ressource"),
    ("données: région inconnue", "/donnees/poles.csv?region=ZZ", 400, "Filtre invalide"),
    (
        "données: GeoJSON, filière inconnue",
        "/donnees/poles.geojson?sector=zzz",
        400,
        "Filtre invalide",
    ),
]

CASES = [
    Case(label, "anonyme", _get(path), message=message, status=status)
    for label, path, status, message in API
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_parameter_is_answered_in_french(world, db, case):
    check(world, case)


@pytest.mark.parametrize(
    ("command", "args", "message"),
    [
        ("opendata_export", ["/proc/interdit"], "Impossible d’écrire"),
        ("referentiel_load", ["/nulle/part/referentiel.yaml"], "introuvable"),
        ("territories_load", ["--data-dir", "/nulle/part"], "Aucune donnée n’a été écrite"),
        ("territories_load", ["--only-departements", "31,ZZZ"], "ZZZ"),
        ("sirene_load", ["/nulle/part/StockUniteLegale_utf8.csv"], "introuvable"),
        ("sirene_load", ["StockUniteLegale_utf8.csv", "--filtre", "sport"], "Filtre inconnu"),
    ],
    ids=[
        "export sans droit d’écriture",
        "référentiel absent",
        "géographie absente",
        "département inventé",
        "stock SIRENE absent",
        "filtre SIRENE inconnu",
    ],
)
def test_a_command_with_bad_arguments_ends_with_a_french_error_and_writes_nothing(
    world, db, command, args, message
):
    before = snapshot()
    with pytest.raises(CommandError, match=message):
        call_command(command, *args)
    assert snapshot() == before
