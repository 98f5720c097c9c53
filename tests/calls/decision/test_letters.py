"""The per-call model of the decision letter: placeholders from a fixed list, filled as plain
text, checked when the call is saved."""

import pytest
from django.core.exceptions import ValidationError

from ptce.calls.letters import (
    DEFAULT_LAUREATE,
    DEFAULT_OTHER,
    render_letter_text,
    validate_letter_template,
)

VALUES = {"pole": "Pôle <b>Trégor</b>", "montant": "15 000 €"}


def test_the_placeholders_are_replaced_by_their_values():
    text = render_letter_text("Le pôle {pole} reçoit {montant}.", VALUES)
    assert text == "Le pôle Pôle <b>Trégor</b> reçoit 15 000 €."


def test_attribute_access_index_and_formats_are_left_as_typed():
    text = render_letter_text("{pole.__class__} {pole[0]} {montant!r} {date:>20} {inconnu}", VALUES)
    assert text == "{pole.__class__} {pole[0]} {montant!r} {date:>20} {inconnu}"


def test_doubled_braces_are_kept_and_a_model_that_does_not_parse_is_returned_as_is():
    assert render_letter_text("{{pole}} {pole}", VALUES) == "{pole} Pôle <b>Trégor</b>"
    assert render_letter_text("Montant } {pole}", VALUES) == "Montant } {pole}"


@pytest.mark.parametrize(
    ("model", "message"),
    [
        ("Bonjour {nom}", "Champ inconnu\xa0: {nom}"),
        ("Bonjour {pole.__class__}", "Champ inconnu\xa0: {pole.__class__}"),
        ("Bonjour {pole!r}", "Champ inconnu\xa0: {pole!r}"),
        ("Bonjour {pole", "Accolade isolée"),
    ],
)
def test_a_model_with_an_unknown_placeholder_or_a_stray_brace_is_refused(model, message):
    with pytest.raises(ValidationError) as error:
        validate_letter_template(model)
    assert message in " ".join(error.value.messages)


def test_the_default_models_are_valid():
    validate_letter_template(DEFAULT_LAUREATE)
    validate_letter_template(DEFAULT_OTHER)


def test_the_admin_refuses_a_call_whose_letter_names_an_unknown_placeholder(admin_client, db):
    response = admin_client.post(
        "/admin/calls/call/add/",
        {
            "name": "AMI test",
            "slug": "ami-test",
            "year": "2026",
            "letter_laureate": "Bravo {nom_du_pole} !",
            "letter_other": DEFAULT_OTHER,
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "phases-TOTAL_FORMS": "0",
            "phases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Champ inconnu\xa0: {nom_du_pole}" in response.content.decode()
