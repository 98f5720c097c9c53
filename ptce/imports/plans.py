"""What an import would do, row by row: the shape shared by the poles' and the organisations'
plans (`plan_poles.py`, `plan_organisations.py`). Reads only: the preview shows a plan, the
apply computes it again in its transaction and carries it out."""

from dataclasses import dataclass, field
from typing import Any

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"
ACTION_LABELS = {
    CREATE: "Création",
    UPDATE: "Mise à jour",
    UNCHANGED: "Inchangé",
    ERROR: "Erreur",
}


@dataclass
class Problem:
    column: str  # the column's label, « » for the whole row
    message: str
    blocking: bool

    def text(self, line: int) -> str:
        where = f"ligne {line}, colonne {self.column}" if self.column else f"ligne {line}"
        return f"{where} : {self.message}"


@dataclass
class Row:
    line: int
    values: dict[str, str]
    action: str = CREATE
    problems: list[Problem] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # labels of what is created or filled in
    target: Any = None  # the existing row matched, if any
    data: dict = field(default_factory=dict)  # resolved values, for the apply

    def error(self, column: str, message: str) -> None:
        self.problems.append(Problem(column, message, True))

    def warn(self, column: str, message: str) -> None:
        self.problems.append(Problem(column, message, False))

    @property
    def blocking(self) -> bool:
        return any(p.blocking for p in self.problems)

    def settle(self) -> None:
        """The action once the problems are known."""
        if self.blocking:
            self.action = ERROR
        elif self.target is not None:
            self.action = UPDATE if self.changes else UNCHANGED

    def as_json(self) -> dict:
        return {
            "line": self.line,
            "values": self.values,
            "action": self.action,
            "changes": self.changes,
            "problems": [
                {"column": p.column, "message": p.message, "blocking": p.blocking}
                for p in self.problems
            ],
        }


@dataclass
class Plan:
    kind: str
    columns: list  # the documented columns found in the file (`columns.Column`)
    rows: list[Row]
    source: str
    notes: list[str] = field(default_factory=list)  # about the whole file

    def counts(self, excluded=()) -> dict[str, int]:
        excluded = set(excluded)
        counts = dict.fromkeys([CREATE, UPDATE, UNCHANGED, ERROR], 0)
        for row in self.rows:
            if row.line not in excluded:
                counts[row.action] += 1
        counts["excluded"] = len(excluded & {row.line for row in self.rows})
        return counts

    def as_json(self) -> dict:
        return {
            "source": self.source,
            "notes": self.notes,
            "columns": [[c.key, c.label] for c in self.columns],
            "rows": [row.as_json() for row in self.rows],
        }


def ignored_note(ignored: list[str]) -> list[str]:
    if not ignored:
        return []
    names = ", ".join(f"« {name} »" for name in ignored)
    return [f"Colonnes ignorées (inconnues de l’import) : {names}."]


def names_list(rows, limit: int = 5) -> str:
    return ", ".join(str(row) for row in list(rows)[:limit])
