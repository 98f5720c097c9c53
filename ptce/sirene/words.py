"""The words a SIRENE name is found by (`SireneToken`): shared by the load, which computes them
in DuckDB SQL, and by the search, which splits what is typed the same way."""

from ptce.territories.text import normalize

# Words too common to find anything by; a name is still found by its beginning.
STOP_WORDS = frozenset(
    [
        "les",
        "des",
        "pour",
        "aux",
        "sur",
        "par",
        "dans",
        "avec",
        "une",
        "the",
        "and",
        "sas",
        "sarl",
        "eurl",
        "scop",
        "scic",
        "association",
        "societe",
    ]
)
MIN_TOKEN = 3
TOKEN_LENGTH = 40


def name_tokens(*texts: str) -> set[str]:
    words = {w for text in texts for w in normalize(text).split()}
    return {w[:TOKEN_LENGTH] for w in words if len(w) >= MIN_TOKEN and w not in STOP_WORDS}
