"""Bad inputs on evaluations and on an application's instruction."""

import pytest
from django.urls import reverse

from tests.bad_inputs.catalog import Case, check


def _evaluation_url(name):
    return lambda w: reverse(name, args=[w.pole.slug, w.evaluation.pk])


def _application_url(url_name, **kwargs):
    return lambda w: reverse(url_name, kwargs={"pk": w.application.pk, **kwargs})


def _evaluation(**bad):
    return lambda w: {
        "title": "Évaluation 2027",
        "mode": "auto",
        "referentiel": w.referentiel.pk,
        **bad,
    }


CREATE = lambda w: reverse("assessments:evaluation_create", args=[w.pole.slug])  # noqa: E731
INVITE = _evaluation_url("assessments:rater_invite")
TRANSITION = _evaluation_url("assessments:evaluation_transition")
OPINION = _application_url("calls:instruction_opinion_request")
COMPLEMENT = _application_url("calls:instruction_transition", name="request_complement")
DECIDE = _application_url("calls:instruction_transition", name="decide_laureate")
MOVE = _application_url("calls:instruction_region_move")
PROPOSAL = _application_url("calls:instruction_proposal")
MESSAGES = _application_url("calls:messages")

CASES = [
    Case(
        "évaluation: sans titre",
        "coordination",
        CREATE,
        _evaluation(title=""),
        "Ce champ est obligatoire",
    ),
    Case(
        "évaluation: mode inventé",
        "coordination",
        CREATE,
        _evaluation(mode="tirage"),
        "Sélectionnez un choix valide",
    ),
    Case(
        "évaluation: échéance en l’an 1",
        "coordination",
        CREATE,
        _evaluation(deadline="0001-01-01"),
        "entre 1900 et 2100",
    ),
    Case(
        "évaluation: période à l’envers",
        "coordination",
        CREATE,
        _evaluation(period_start="2026-06-01", period_end="2026-01-01"),
        "période",
    ),
    Case(
        "évaluation: référentiel inconnu",
        "coordination",
        CREATE,
        _evaluation(referentiel=999999),
        "Sélectionnez un choix valide",
    ),
    Case(
        "évaluateur externe: courriel invalide",
        "coordination",
        INVITE,
        {"name": "Alex", "email": "alex@"},
        "Saisissez une adresse de courriel valide",
        status=400,
    ),
    Case(
        "évaluateur externe: sans nom",
        "coordination",
        INVITE,
        {"name": "", "email": "alex2@exemple.fr"},
        "Ce champ est obligatoire",
        status=400,
    ),
    Case(
        "évaluation: état inconnu",
        "coordination",
        TRANSITION,
        {"target": "parfaite"},
        "Changement d’état inconnu",
        follow=True,
    ),
    Case(
        "avis d’expert: courriel invalide",
        "instruction",
        OPINION,
        {"avis-expert_name": "Dr X", "avis-expert_email": "x@", "avis-question": "Votre avis ?"},
        "Saisissez une adresse électronique valide",
        follow=True,
    ),
    Case(
        "avis d’expert: sans question",
        "instruction",
        OPINION,
        {"avis-expert_name": "Dr X", "avis-expert_email": "x@exemple.fr", "avis-question": ""},
        "Ce champ est obligatoire",
        follow=True,
    ),
    Case(
        "complément: sans motif",
        "instruction",
        COMPLEMENT,
        {"request_complement-motivation": ""},
        "Ce champ est obligatoire",
        follow=True,
    ),
    Case(
        "décision: montant négatif",
        "cellule nationale",
        DECIDE,
        {
            "decide_laureate-motivation": "Projet solide.",
            "decide_laureate-support_granted": "Subvention",
            "decide_laureate-amount_granted": "-1",
        },
        "supérieure ou égale à 0",
        follow=True,
    ),
    Case(
        "décision: sans motif",
        "cellule nationale",
        DECIDE,
        {"decide_laureate-motivation": "", "decide_laureate-amount_granted": "1000"},
        "Ce champ est obligatoire",
        follow=True,
    ),
    Case(
        "changement de région: région inconnue",
        "cellule nationale",
        MOVE,
        {"region": "999999", "reason": "Erreur de saisie."},
        "Sélectionnez un choix valide",
        follow=True,
    ),
    Case(
        "changement de région: sans motif",
        "cellule nationale",
        MOVE,
        lambda w: {"region": w.other_region.pk, "reason": ""},
        "Ce champ est obligatoire",
        follow=True,
    ),
    Case(
        "proposition: avis inventé",
        "instruction",
        PROPOSAL,
        {"proposition-proposal": "peut-être", "proposition-motivation": "Bof."},
        "Sélectionnez un choix valide",
        follow=True,
    ),
    Case("message: vide", "coordination", MESSAGES, {"body": ""}, "Ce champ est obligatoire"),
    Case(
        "message: de 20 001 caractères", "coordination", MESSAGES, {"body": "m" * 20001}, "au plus"
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input_is_refused_in_french_and_writes_nothing(world, db, case):
    check(world, case)
