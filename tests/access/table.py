"""Reads the access table of `docs/access.md`: one row per URL name, one column per role, each
cell the expected status of a GET and, after a slash, of a POST with an empty body."""

import dataclasses
import re
from pathlib import Path

TABLE = Path(__file__).resolve().parents[2] / "docs" / "access.md"

# The columns of the table, in order, and the user of `tests/access/world.py` behind each.
ROLES = {
    "anonyme": "anonymous",
    "sans rôle": "outsider",
    "membre": "member",
    "coordination": "coordinator",
    "autre pôle": "other_coordinator",
    "instruction": "instructor",
    "autre région": "other_instructor",
    "cellule nationale": "national_instructor",
    "admin": "admin_user",
}
LOGIN = "login"  # a redirect to the login page
# A row: `namespace:name`, optionally followed by a variant in brackets (`[jeton inconnu]`).
ROW = re.compile(r"^\|\s*`(?P<name>[\w:-]+(?: \[[^\]]+\])?)`\s*\|(?P<cells>.*)\|\s*$")
# A secret link requested with a token nobody was given; a pole's page asked for a pole that is
# not published yet, or archived (their member and coordinator are the same people).
VARIANTS = {"jeton inconnu", "pôle non publié", "pôle archivé"}


@dataclasses.dataclass(frozen=True)
class Expected:
    get: str
    post: str | None  # None: the POST is not tested

    @classmethod
    def parse(cls, cell: str) -> "Expected":
        get, _, post = cell.strip().partition("/")
        for status in filter(None, (get, post)):
            if status != LOGIN and not re.fullmatch(r"[1-5]\d\d", status):
                raise ValueError(f"statut illisible : {cell!r}")
        return cls(get=get, post=post or None)

    def __str__(self):
        return self.get if self.post is None else f"{self.get}/{self.post}"


def read_table(path: Path = TABLE) -> dict[str, dict[str, Expected]]:
    """{URL name: {role: Expected}}; a row with the wrong number of cells, or named twice, is
    an error."""
    rows: dict[str, dict[str, Expected]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = ROW.match(line)
        if not match:
            continue
        name = match["name"]
        cells = [cell.strip() for cell in match["cells"].split("|")]
        if len(cells) != len(ROLES):
            raise ValueError(f"{path.name}:{number} : {len(cells)} cases au lieu de {len(ROLES)}")
        if split_row_name(name)[1] not in {None, *VARIANTS}:
            raise ValueError(f"{path.name}:{number} : variante inconnue dans {name}")
        if name in rows:
            raise ValueError(f"{path.name}:{number} : {name} a déjà une ligne")
        try:
            rows[name] = {
                role: Expected.parse(cell) for role, cell in zip(ROLES.values(), cells, strict=True)
            }
        except ValueError as error:
            raise ValueError(f"{path.name}:{number} : {error}") from None
    return rows


def split_row_name(row: str) -> tuple[str, str | None]:
    """`calls:opinion [jeton inconnu]` → ("calls:opinion", "jeton inconnu")."""
    name, _, variant = row.partition(" [")
    return name, variant.rstrip("]") or None


def status_of(response) -> str:
    """A response as the table writes it: `login` for a redirect to the login page."""
    from django.conf import settings
    from django.shortcuts import resolve_url

    if response.status_code == 302 and response["Location"].startswith(
        resolve_url(settings.LOGIN_URL)
    ):
        return LOGIN
    return str(response.status_code)
