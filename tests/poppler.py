"""poppler-utils (pdftotext, pdfinfo, pdffonts) read back the PDFs the site produces.

`make test` installs them when missing (scripts/ensure-system-deps.sh). A test that needs one
and does not find it fails with the command to run: it is never skipped.
"""

import shutil
import subprocess

import pytest

INSTALL = "sudo apt-get install -y poppler-utils"


def poppler(tool: str, content: bytes, *options: str) -> str:
    """The output of a poppler-utils tool (pdftotext, pdfinfo, pdffonts) on a PDF's bytes."""
    executable = shutil.which(tool)
    if executable is None:
        pytest.fail(f"{tool} (poppler-utils) est introuvable : {INSTALL}", pytrace=False)
    args = [executable, *options, "-", "-"] if tool == "pdftotext" else [executable, "-"]
    # A fixed poppler tool on bytes the site produced: no untrusted input.
    result = subprocess.run(args, input=content, capture_output=True, check=True, timeout=60)  # noqa: S603
    return result.stdout.decode("utf-8")


def pdftotext(content: bytes, *options: str) -> str:
    """The text of a PDF (UTF-8)."""
    return poppler("pdftotext", content, "-enc", "UTF-8", *options)
