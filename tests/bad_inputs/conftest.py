"""The bad-input catalogue runs against the access matrix's world, built once per module."""

from tests.access.test_matrix import (  # noqa: F401 (fixtures)
    _isolated_files,
    _no_pdf_layout,
    media,
    world,
)
