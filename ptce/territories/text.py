"""The one text form used to store (`search_name`) and to query place names."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# NFKD leaves these letters whole, and the ASCII step would drop them: "Œuilly" → "uilly".
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
# People type "St Etienne" or "Ste Foy": compare on the long forms.
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_SHORT_FORMS = frozenset(_ABBREVIATIONS)


class _DropCombining(dict):
    """A `str.translate` table that deletes combining marks (accents once decomposed): each
    code point is looked up once, then read from the table (faster than a test per letter)."""

    def __missing__(self, code: int):
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


_WITHOUT_COMBINING = _DropCombining()


def split_words(text: str) -> list[str]:
    """Lower-case ASCII words, abbreviations as typed: "L’Isle-d’Abeau" → [l, isle, d, abeau]."""
    text = text or ""
    if text.isascii():  # most names: nothing to decompose (and an import normalises 100,000)
        return _NON_ALNUM.sub(" ", text.lower()).split()
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    # Drop the accents, then turn anything else that is not a-z or 0-9 (’, -, «…) into a space.
    bare = decomposed.translate(_WITHOUT_COMBINING)
    return _NON_ALNUM.sub(" ", bare.lower()).split()


def normalize(text: str) -> str:
    """Accent-, case- and punctuation-free form for lookups: "St-Étienne" → "saint etienne".

    Hyphens, apostrophes (' and ’), dots and parentheses become single spaces.
    """
    words = split_words(text)
    if _SHORT_FORMS.isdisjoint(words):  # most names (an import normalises 100,000)
        return " ".join(words)
    return " ".join([_ABBREVIATIONS.get(word, word) for word in words])


def prefix_forms(text: str) -> list[str]:
    """The normalized forms a name being typed may start: ["saint", "st"] for "St".

    The last word may be an unfinished word rather than an abbreviation ("Ste" on the way to
    "Stenay"), so both readings are kept.
    """
    words = split_words(text)
    if not words:
        return []
    head = [_ABBREVIATIONS.get(word, word) for word in words[:-1]]
    last = words[-1]
    forms = [" ".join([*head, _ABBREVIATIONS.get(last, last)])]
    if last in _ABBREVIATIONS:
        forms.append(" ".join([*head, last]))
    return forms


SEARCH_KEY_LENGTH = 200


def search_key(text: str) -> str:
    """The stored, indexed lookup key of a name: `normalize` cut to the column's length, since
    some letters expand (« ﬃ » → « ffi », « Œ » → « oe ») past the 200 characters of the name."""
    return normalize(text)[:SEARCH_KEY_LENGTH]


ARTICLES = ("le", "la", "les", "l")


def without_article(key: str) -> str:
    """A normalized name without a leading or trailing article: "le mans" and "mans le" (the
    INSEE's old « Mans (Le) ») both give "mans"; a name of one word is kept."""
    words = key.split()
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    elif len(words) > 1 and words[-1] in ARTICLES:
        words = words[:-1]
    return " ".join(words)


def article_forms(key: str) -> list[str]:
    """The stored names a normalized name may mean, with or without its article."""
    bare = without_article(key)
    return [bare, *(f"{article} {bare}" for article in ARTICLES)] if bare else []


# Words around a région's name in lists: « Région Centre », « Midi-Pyrénées (ancienne région) »,
# « ex-Limousin ».
_REGION_NOISE = {"region", "ancienne", "ex", "anc"}


def region_name_forms(text: str) -> list[str]:
    """The normalized forms a région may be written as: as typed, then without what is in
    parentheses and without the words « région », « ancienne », « ex »."""
    forms = [normalize(text)]
    bare = re.sub(r"\([^)]*\)?", " ", text or "")
    words = [word for word in normalize(bare).split() if word not in _REGION_NOISE]
    forms += [" ".join(words), without_article(" ".join(words))]
    return [form for i, form in enumerate(forms) if form and form not in forms[:i]]
