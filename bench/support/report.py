"""Writes a benchmark's block into docs/performance.md, between `<!-- NAME:start -->` and
`<!-- NAME:end -->` (appended at the end when absent): each script owns its block."""

from .env import ROOT

DOC = ROOT / "docs" / "performance.md"


def write_block(name: str, text: str) -> None:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    content = DOC.read_text() if DOC.exists() else "# Performances\n"
    block = f"{start}\n{text.strip()}\n{end}"
    if start in content and end in content:
        before, rest = content.split(start, 1)
        content = before + block + rest.split(end, 1)[1]
    else:
        content = content.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(content)
