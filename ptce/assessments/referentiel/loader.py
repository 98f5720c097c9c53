"""Reading and checking a référentiel data file (JSON) before anything is written.

`referentiel_read(source)` returns the file's content normalised (strings stripped, lists in a
canonical order), or raises `ReferentielFileError` listing every problem found, each with where
it is in the file and what is wrong, in French.
"""

import json
import re
from pathlib import Path

from django.core.exceptions import ValidationError

SCALE = range(1, 6)
SLUG = re.compile(r"^[-a-z0-9_]+$")
LETTER = re.compile(r"^[A-Z]$")

TOP_FIELDS = {
    # name: (required, max length or None)
    "code": (True, 80),
    "name": (True, 200),
    "theme": (True, None),
    "introduction": (False, None),
    "usage_note": (False, None),
    "source": (False, None),
    "proposal_note": (False, None),
}
TOP_KEYS = {*TOP_FIELDS, "is_default", "levels", "lexicon", "general_objectives"}
LEVEL_KEYS = {"level", "label", "description"}
TERM_KEYS = {"slug", "term", "definition"}
GENERAL_KEYS = {"title", "principal_objectives"}
PRINCIPAL_KEYS = {"title", "criterion"}
CRITERION_KEYS = {
    "letter",
    "statement",
    "footnote",
    "guiding_questions",
    "evidence_examples",
    "terms",
}


class ReferentielFileError(ValidationError):
    """A référentiel file that cannot be loaded; `messages` lists every problem."""


class _Checker:
    def __init__(self):
        self.errors: list[str] = []

    def error(self, where: str, message: str):
        self.errors.append(f"{where} : {message}" if where else message)

    def unknown_keys(self, where: str, item: dict, allowed: set):
        for key in sorted(set(item) - allowed):
            self.error(where, f"clé inconnue « {key} »")

    def text(self, where: str, item: dict, key: str, *, required=True, max_length=None) -> str:
        value = item.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.error(where, f"« {key} » doit être un texte")
            return ""
        value = value.strip()
        if required and not value:
            self.error(where, f"« {key} » est obligatoire")
        if max_length and len(value) > max_length:
            self.error(where, f"« {key} » dépasse {max_length} caractères ({len(value)})")
        return value

    def mapping(self, where: str, item) -> bool:
        if not isinstance(item, dict):
            self.error(where, "un objet JSON ({…}) est attendu")
            return False
        return True

    def sequence(self, where: str, item: dict, key: str, *, required=True) -> list:
        value = item.get(key, [])
        if not isinstance(value, list):
            self.error(where, f"« {key} » doit être une liste")
            return []
        if required and not value:
            self.error(where, f"« {key} » ne peut pas être vide")
        return value

    def texts(self, where: str, item: dict, key: str) -> list[str]:
        result = []
        for index, value in enumerate(self.sequence(where, item, key, required=False), 1):
            if not isinstance(value, str) or not value.strip():
                self.error(where, f"« {key} » n° {index} doit être un texte non vide")
            else:
                result.append(value.strip())
        return result


def referentiel_read(source) -> dict:
    """Read a file path (str or Path) or an already decoded dict; check it; normalise it."""
    if isinstance(source, dict):
        return referentiel_validate(source)
    path = Path(source)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ReferentielFileError(f"Fichier introuvable : {path}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ReferentielFileError(f"Fichier illisible ({path}) : {error}") from error
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ReferentielFileError(
            f"{path.name} : JSON invalide ligne {error.lineno}, colonne {error.colno} ({error.msg})"
        ) from error
    return referentiel_validate(data)


def referentiel_validate(data) -> dict:
    check = _Checker()
    if not check.mapping("", data):
        raise ReferentielFileError(check.errors)
    check.unknown_keys("", data, TOP_KEYS)
    result = {
        name: check.text("", data, name, required=required, max_length=max_length)
        for name, (required, max_length) in TOP_FIELDS.items()
    }
    if result["code"] and not SLUG.match(result["code"]):
        check.error("", f"le code « {result['code']} » doit être en minuscules, chiffres et tirets")
    is_default = data.get("is_default", False)
    if not isinstance(is_default, bool):
        check.error("", "« is_default » doit valoir true ou false")
    result["is_default"] = is_default is True
    result["levels"] = _levels(check, data)
    result["lexicon"] = _lexicon(check, data)
    known_terms = {term["slug"] for term in result["lexicon"]}
    result["general_objectives"] = _general_objectives(check, data, known_terms)
    if check.errors:
        raise ReferentielFileError(check.errors)
    return result


def _levels(check: _Checker, data: dict) -> list[dict]:
    levels = []
    for index, item in enumerate(check.sequence("", data, "levels"), 1):
        where = f"niveau n° {index}"
        if not check.mapping(where, item):
            continue
        check.unknown_keys(where, item, LEVEL_KEYS)
        level = item.get("level")
        if isinstance(level, bool) or not isinstance(level, int) or level not in SCALE:
            check.error(where, f"le niveau {level!r} est hors de l’échelle de 1 à 5")
            level = None
        elif level in {existing["level"] for existing in levels}:
            check.error(where, f"le niveau {level} est décrit deux fois")
        label = check.text(where, item, "label", max_length=100)
        description = check.text(where, item, "description")
        if level is not None:
            levels.append({"level": level, "label": label, "description": description})
    missing = sorted(set(SCALE) - {level["level"] for level in levels})
    if missing:
        check.error("échelle", f"niveau(x) sans descripteur : {', '.join(map(str, missing))}")
    return sorted(levels, key=lambda level: level["level"])


def _lexicon(check: _Checker, data: dict) -> list[dict]:
    terms = []
    seen = set()
    for index, item in enumerate(check.sequence("", data, "lexicon", required=False), 1):
        where = f"lexique, terme n° {index}"
        if not check.mapping(where, item):
            continue
        check.unknown_keys(where, item, TERM_KEYS)
        slug = check.text(where, item, "slug", max_length=80)
        if slug and not SLUG.match(slug):
            check.error(
                where, f"l’identifiant « {slug} » doit être en minuscules, chiffres et tirets"
            )
        elif slug in seen:
            check.error(where, f"l’identifiant « {slug} » est déjà utilisé par un autre terme")
        seen.add(slug)
        terms.append(
            {
                "slug": slug,
                "term": check.text(where, item, "term", max_length=120),
                "definition": check.text(where, item, "definition"),
            }
        )
    return sorted(terms, key=lambda term: term["slug"])


def _general_objectives(check: _Checker, data: dict, known_terms: set) -> list[dict]:
    generals = []
    letters = []
    for g_index, g_item in enumerate(check.sequence("", data, "general_objectives"), 1):
        g_where = f"objectif général n° {g_index}"
        if not check.mapping(g_where, g_item):
            continue
        check.unknown_keys(g_where, g_item, GENERAL_KEYS)
        principals = []
        for p_index, p_item in enumerate(
            check.sequence(g_where, g_item, "principal_objectives"), 1
        ):
            p_where = f"{g_where}, objectif principal n° {p_index}"
            if not check.mapping(p_where, p_item):
                continue
            check.unknown_keys(p_where, p_item, PRINCIPAL_KEYS)
            title = check.text(p_where, p_item, "title", max_length=300)
            criterion = p_item.get("criterion")
            if criterion is None:
                check.error(p_where, "« criterion » est obligatoire")
                continue
            criterion = _criterion(check, f"{p_where}, critère", criterion, known_terms)
            if criterion:
                letters.append((criterion["letter"], p_where))
            principals.append({"title": title, "criterion": criterion})
        generals.append(
            {
                "title": check.text(g_where, g_item, "title", max_length=300),
                "principal_objectives": principals,
            }
        )
    _check_letters(check, letters)
    return generals


def _criterion(check: _Checker, where: str, item, known_terms: set) -> dict | None:
    if not check.mapping(where, item):
        return None
    check.unknown_keys(where, item, CRITERION_KEYS)
    letter = check.text(where, item, "letter", max_length=1)
    if letter and not LETTER.match(letter):
        check.error(where, f"la lettre « {letter} » doit être une majuscule de A à Z")
    terms = check.texts(where, item, "terms")
    for slug in terms:
        if slug not in known_terms:
            check.error(where, f"le terme « {slug} » n’est pas défini dans le lexique")
    return {
        "letter": letter,
        "statement": check.text(where, item, "statement"),
        "footnote": check.text(where, item, "footnote", required=False),
        "guiding_questions": check.texts(where, item, "guiding_questions"),
        "evidence_examples": check.texts(where, item, "evidence_examples"),
        "terms": sorted(set(terms)),
    }


def _check_letters(check: _Checker, letters: list[tuple[str, str]]):
    """Letters run from A without gap or repeat, in the order of the file."""
    letters = [(letter, where) for letter, where in letters if LETTER.match(letter or "")]
    seen = {}
    for letter, where in letters:
        if letter in seen:
            check.error(
                where, f"la lettre {letter} est déjà celle d’un autre critère ({seen[letter]})"
            )
        else:
            seen[letter] = where
    if not seen:
        return
    expected = [chr(code) for code in range(ord("A"), ord(max(seen)) + 1)]
    missing = [letter for letter in expected if letter not in seen]
    if missing:
        check.error("critères", f"lettre(s) manquante(s) : {', '.join(missing)}")
    elif [letter for letter, _ in letters] != expected and len(letters) == len(expected):
        check.error(
            "critères", "les critères doivent se suivre dans l’ordre alphabétique (A, B, C…)"
        )
