import pytest

from ptce.territories.text import normalize, prefix_forms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Saint-Étienne", "saint etienne"),
        ("St-Étienne", "saint etienne"),
        ("ST ETIENNE", "saint etienne"),
        ("St. Étienne", "saint etienne"),
        ("Ste-Foy-lès-Lyon", "sainte foy les lyon"),
        ("L'Isle-sur-la-Sorgue", "l isle sur la sorgue"),
        ("L’Isle-d’Abeau", "l isle d abeau"),
        ("  Évry -- Courcouronnes ", "evry courcouronnes"),
        ("Œuilly", "oeuilly"),
        ("Château-Chinon (Ville)", "chateau chinon ville"),
        ("", ""),
        ("%_*?", ""),
    ],
)
def test_normalize_ignores_case_accents_punctuation_and_expands_saint(text, expected):
    assert normalize(text) == expected


def test_normalize_is_idempotent():
    assert normalize(normalize("St-Étienne-du-Rouvray")) == normalize("St-Étienne-du-Rouvray")


def test_a_word_being_typed_keeps_both_readings_of_an_abbreviation():
    assert prefix_forms("Ste") == ["sainte", "ste"]
    assert prefix_forms("St Eti") == ["saint eti"]
    assert prefix_forms("Toulou") == ["toulou"]
    assert prefix_forms("  ") == []
