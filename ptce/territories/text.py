import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# People type "St Etienne" or "Ste Foy": compare on the long forms.
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}


def normalize(text: str) -> str:
    """Accent-, case- and punctuation-free form for lookups: "St-Étienne" → "saint etienne"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = _NON_ALNUM.sub(" ", ascii_text.lower()).split()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)
