"""SIRENE units stored the way `sirene_load` stores them: through the load itself, from files
in the published format."""

import tempfile
from pathlib import Path

from ptce.demo.sirene import unit, write_stock
from ptce.sirene.services import sirene_load


def load_units(*rows: dict) -> None:
    """Store `ptce.demo.sirene.unit(...)` rows, tokens included (other stored units stay)."""
    with tempfile.TemporaryDirectory() as directory:
        sirene_load(paths=write_stock(Path(directory), list(rows)))


__all__ = ["load_units", "unit"]
