"""Reads of the imports: the national cell's list, one run's page and its rows to take up."""

from django.core.cache import cache

from .columns import ORGANISATION_COLUMNS, POLE_COLUMNS
from .models import ImportKind, ImportRun
from .plans import ACTION_LABELS, ERROR
from .services import progress_key

SHOWN_ROWS = 2000  # beyond, the preview lists the rows with a problem only
RECENT = 20


def recent_runs(*, pole=None):
    runs = ImportRun.objects.select_related("pole", "created_by")
    if pole is not None:
        runs = runs.filter(pole=pole)
    return list(runs[:RECENT])


def columns_of(kind: str):
    return POLE_COLUMNS if kind == ImportKind.POLES else ORGANISATION_COLUMNS


def preview_rows(run: ImportRun) -> tuple[list[dict], bool]:
    """The rows as the page shows them, and whether some were left out (a large file)."""
    columns = run.preview.get("columns", [])
    excluded = set(run.excluded_lines)
    rows = run.preview.get("rows", [])
    partial = len(rows) > SHOWN_ROWS
    if partial:
        rows = [row for row in rows if row["problems"]][:SHOWN_ROWS]
    shown = []
    for row in rows:
        problems = row["problems"]
        shown.append(
            {
                **row,
                "cells": [
                    {
                        "value": row["values"].get(key, ""),
                        "problems": [p for p in problems if p["column"] == label],
                    }
                    for key, label in columns
                ],
                "row_problems": [p for p in problems if not p["column"]],
                "action_label": ACTION_LABELS[row["action"]],
                "is_error": row["action"] == ERROR,
                "excluded": row["line"] in excluded,
                "errors": [p for p in problems if p["blocking"]],
                "warnings": [p for p in problems if not p["blocking"]],
            }
        )
    return shown, partial


def counts(run: ImportRun) -> dict[str, int]:
    result = {"create": 0, "update": 0, "unchanged": 0, "error": 0, "warnings": 0}
    for row in run.preview.get("rows", []):
        result[row["action"]] += 1
        if row["problems"] and row["action"] != ERROR:
            result["warnings"] += 1
    return result


def progress(run: ImportRun) -> int:
    """Rows applied so far by the job (the shared cache: every worker and web process sees it)."""
    return min(cache.get(progress_key(run.pk), 0), run.total_rows)


def rejected_rows(run: ImportRun) -> tuple[list[str], list[list[str]]]:
    """The rows left out or in error, as a file to correct and import again: the documented
    columns found in the file, then « Problèmes » (ignored when imported)."""
    columns = run.preview.get("columns", [])
    excluded = set(run.excluded_lines)
    header = [label for _, label in columns] + ["Ligne d’origine", "Problèmes"]
    lines = []
    for row in run.preview.get("rows", []):
        if row["line"] in excluded or row["action"] == ERROR:
            problems = "\xa0; ".join(
                f"{p['column'] or 'ligne'}\xa0: {p['message']}" for p in row["problems"]
            )
            cells = [row["values"].get(key, "") for key, _ in columns]
            lines.append([*cells, row["line"], problems or "exclue de l’import"])
    return header, lines
