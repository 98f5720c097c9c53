import pytest
from django.core.exceptions import ValidationError

from ptce.organisations.validators import (
    naf_label,
    normalize_naf,
    normalize_rna,
    normalize_siret,
    validate_naf,
    validate_rna,
    validate_siret,
)
from tests.organisations.factories import valid_siret


def error_of(function, value) -> str:
    with pytest.raises(ValidationError) as caught:
        function(value)
    return " ".join(caught.value.messages)


# --- SIRET ---


@pytest.mark.parametrize(
    "typed",
    [
        "73282932000074",
        "732 829 320 00074",
        " 732 829 320 00074 ",
        "732\u00a0829\u00a0320\u00a000074",  # pasted with non-breaking spaces
        "732.829.320.00074",
    ],
)
def test_a_siret_is_accepted_with_spaces_and_normalised_to_14_digits(typed):
    assert normalize_siret(typed) == "73282932000074"


def test_an_empty_siret_normalises_to_an_empty_string():
    assert normalize_siret("") == ""
    assert normalize_siret(None) == ""
    assert normalize_siret("   ") == ""


def test_the_factory_sirets_are_valid():
    assert normalize_siret(valid_siret(42)) == valid_siret(42)


def test_a_siret_with_a_wrong_check_digit_is_refused_in_french():
    message = error_of(normalize_siret, "73282932000079")
    assert "clé de contrôle" in message


def test_a_siret_of_the_wrong_length_says_how_many_digits_were_typed():
    message = error_of(normalize_siret, "732 829 320 0007")
    assert "14 chiffres" in message
    assert "13" in message


def test_a_siret_with_letters_is_refused():
    assert "que des chiffres" in error_of(normalize_siret, "7328293200007A")


def test_a_siret_of_zeros_is_refused():
    # 14 zeros pass Luhn, but not the SIREN check.
    with pytest.raises(ValidationError):
        normalize_siret("00000000000000")


@pytest.mark.parametrize(
    "la_poste_siret",
    [
        "35600000000048",  # the head office: follows Luhn like everyone else
        "35600000049837",  # an establishment: Luhn fails, the sum of digits (45) is a multiple of 5
        "356 000 000 59845",  # idem, typed with spaces
    ],
)
def test_la_poste_sirets_follow_their_own_rule(la_poste_siret):
    assert normalize_siret(la_poste_siret) == la_poste_siret.replace(" ", "")


@pytest.mark.parametrize(
    "not_la_poste",
    [
        "35600000000049",  # sum 27: not a multiple of 5
        "35600000000014",  # passes Luhn, but La Poste's establishments do not use Luhn (sum 19)
    ],
)
def test_a_la_poste_siret_whose_digits_do_not_add_up_to_a_multiple_of_5_is_refused(not_la_poste):
    assert "clé de contrôle" in error_of(normalize_siret, not_la_poste)


def test_every_siret_is_judged_as_python_stdnum_judges_it():
    """The quick check of the common case accepts exactly what python-stdnum accepts."""
    from random import Random

    from stdnum.fr import siret as stdnum_siret

    rng = Random(14)
    numbers = [valid_siret(n) for n in range(1, 500)]
    numbers += [f"{rng.randrange(10**14):014d}" for _ in range(5000)]
    numbers += [f"356000000{rng.randrange(10**5):05d}" for _ in range(500)]
    numbers += [f"{rng.randrange(10**13):013d}", "٣" * 14, "7328293200007４"]
    for number in numbers:
        try:
            kept = normalize_siret(number)
        except ValidationError:
            kept = None
        valid = stdnum_siret.is_valid(number) and not number.startswith("000000000")
        assert kept == (stdnum_siret.validate(number) if valid else None), number


def test_validate_siret_wants_the_normalised_form():
    validate_siret("73282932000074")
    validate_siret("")
    with pytest.raises(ValidationError):
        validate_siret("732 829 320 00074")
    with pytest.raises(ValidationError):
        validate_siret("73282932000079")


# --- RNA ---


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("W751234567", "W751234567"),
        ("w751234567", "W751234567"),
        (" W75 123 4567 ", "W751234567"),
        ("W9R1000001", "W9R1000001"),
        ("w2a1000123", "W2A1000123"),
        ("W2B0012345", "W2B0012345"),
    ],
)
def test_an_rna_number_is_normalised_to_upper_case_without_spaces(typed, expected):
    assert normalize_rna(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected_words"),
    [
        ("751234567", "commence par la lettre W"),
        ("X751234567", "commence par la lettre W"),
        ("W75123456", "10 caractères"),
        ("W7512345678", "10 caractères"),
        ("W75123456_", "chiffres ou des lettres"),
    ],
)
def test_a_malformed_rna_number_is_refused_with_a_french_reason(typed, expected_words):
    assert expected_words in error_of(normalize_rna, typed)


def test_validate_rna_wants_the_normalised_form():
    validate_rna("W751234567")
    validate_rna(None)
    with pytest.raises(ValidationError):
        validate_rna("w751234567")


# --- NAF ---


@pytest.mark.parametrize("typed", ["88.99B", "8899B", "88.99b", "8899b", "88.99 B", " 88 99 B "])
def test_a_naf_code_is_normalised_to_the_official_form(typed):
    assert normalize_naf(typed) == "88.99B"


def test_a_naf_code_comes_with_its_official_label():
    assert naf_label("88.99B") == "Action sociale sans hébergement n.c.a."
    assert naf_label("01.11Z").startswith("Culture de céréales")
    assert naf_label("") == ""
    assert naf_label("99.99Z") == ""


def test_a_well_formed_naf_code_missing_from_the_nomenclature_is_refused():
    message = error_of(normalize_naf, "99.99Z")
    assert "99.99Z" in message
    assert "n’existe pas" in message


@pytest.mark.parametrize("typed", ["88.9B", "8899", "ABCDE", "88.99BB", "88-99-B-1"])
def test_a_malformed_naf_code_is_refused(typed):
    assert "4 chiffres et une lettre" in error_of(normalize_naf, typed)


def test_validate_naf_wants_the_normalised_form():
    validate_naf("88.99B")
    validate_naf("")
    with pytest.raises(ValidationError):
        validate_naf("8899B")
