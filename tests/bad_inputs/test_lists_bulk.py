"""Bad inputs on the instructors' list: saved filters and bulk actions."""

import pytest
from django.urls import reverse

from tests.bad_inputs.catalog import Case, check

SAVE = lambda w: reverse("calls:saved_filter_create")  # noqa: E731
RENAME = lambda w: reverse("calls:saved_filter_edit", args=[w.saved_filter.pk])  # noqa: E731
DECIDE = lambda w: reverse("calls:bulk_action", args=["decider"])  # noqa: E731
MESSAGE = lambda w: reverse("calls:bulk_action", args=["message"])  # noqa: E731

CASES = [
    Case(
        "filtre: sans nom",
        "instruction",
        SAVE,
        {"filtre-name": "  ", "filtre-querystring": "onglet=tous"},
        "Ce champ est obligatoire",
        status=400,
    ),
    Case(
        "filtre: état inventé",
        "instruction",
        SAVE,
        {"filtre-name": "Bizarre", "filtre-querystring": "state=peut-etre"},
        "Ces filtres ne sont pas valides",
        status=400,
    ),
    Case(
        "filtre: nom de 101 caractères",
        "instruction",
        RENAME,
        lambda w: {"name": "n" * 101, "version": w.saved_filter.version},
        "au plus 100 caractères",
        status=400,
    ),
    Case(
        "lot: décision inventée",
        "cellule nationale",
        DECIDE,
        lambda w: {
            "candidatures": [w.application.pk],
            "decision": "decide_peut_etre",
            "motivation": "Oui.",
            "confirmation": "oui",
        },
        "Sélectionnez un choix valide",
        status=400,
    ),
    Case(
        "lot: message vide",
        "instruction",
        MESSAGE,
        lambda w: {"candidatures": [w.application.pk], "body": "", "confirmation": "oui"},
        "Ce champ est obligatoire",
        status=400,
    ),
    Case(
        "lot: identifiant qui n’en est pas un",
        "instruction",
        MESSAGE,
        {"candidatures": ["1 OR 1=1"], "body": "Bonjour.", "confirmation": "oui"},
        "La sélection n’est pas valable",
        follow=True,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input_is_refused_in_french_and_writes_nothing(world, db, case):
    check(world, case)
