"""SIRENE units stored the way `sirene_load` stores them (through its batch writer)."""

from ptce.demo.sirene import unit
from ptce.sirene.files import ESTABLISHMENT_COLUMNS, UNIT_COLUMNS, _unit_row
from ptce.sirene.services import LoadReport, _write_batch

_COLUMNS = list(dict.fromkeys([*UNIT_COLUMNS, *ESTABLISHMENT_COLUMNS]))


def load_units(*rows: dict) -> None:
    """Store `ptce.demo.sirene.unit(...)` rows, tokens included."""
    _write_batch(
        [_unit_row(_COLUMNS, tuple(row.get(name, "") for name in _COLUMNS)) for row in rows],
        LoadReport(),
    )


__all__ = ["load_units", "unit"]
