"""French typography in what a person reads: a non-breaking space before « : ; ? ! » and
inside « guillemets ».

The rule (one for all signs): U+00A0 NO-BREAK SPACE, written `&nbsp;` in .html templates,
the character itself in .txt templates and in Python literals (so that no line grows and a
re-run never needs a hand-made line break; `\\u00a0` and `\\xa0` escapes are accepted). An
existing U+202F (narrow no-break space), `&nbsp;`, `&#160;` or `&#8239;` is accepted too.

    python scripts/typography.py            rewrite, in place (idempotent)
    python scripts/typography.py --check    list the offenders, exit 1 if any

What is rewritten:
- templates under ptce/**/templates (.html, .txt): text nodes and the human attributes
  (aria-label, title, placeholder, alt); never inside {% %}, {{ }}, {# #}, {% comment %},
  other attributes, <script>, <style>, <pre>, <textarea>, <code>, HTML comments;
- Python sources under ptce (no migrations): the string literals passed to messages.*,
  ValidationError, add_error, the keywords label / help_text / error_messages / empty_label /
  subject, and the assignments to subject, error_messages, labels, help_texts. In models
  the keywords are left alone (they are part of the migrations' state).
A sign is left alone when it is not followed by a space or the end of the text (10:30,
http://, a:b, ?q=), and after a URL scheme (« http: »).
"""

import ast
import io
import re
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIGNS = ":;?!"
# Placeholders: each stands for one opaque piece of the source while the rules run.
NEW, VAR, TAG, HTML, CLOSE, GOOD_ENT, ENT = (chr(0xE000 + n) for n in range(7))
OPAQUE = VAR + TAG + HTML + CLOSE + GOOD_ENT + ENT
GOOD = "\xa0\u202f" + NEW + GOOD_ENT
SCHEMES = {"http", "https", "ftp", "mailto", "tel", "file", "data", "javascript"}
HUMAN_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "aria-description"}
RAW_ELEMENTS = {"script", "style", "pre", "textarea", "code", "kbd", "samp"}
DJANGO_TAG = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}")
DJANGO_BLOCK = re.compile(r"{%\s*(comment|verbatim)\b.*?%}.*?{%\s*end\1\s*%}", re.S)
TAG_START = re.compile(r"</?[A-Za-z]|<!")
ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
GOOD_ENTITIES = {"&nbsp;", "&#160;", "&#xa0;", "&#xA0;", "&#8239;", "&#x202f;", "&#x202F;"}


# --- The rules, on a text where every opaque piece is one placeholder -----------------------


def _after(text: str, index: int) -> str:
    while index < len(text) and text[index] == TAG:
        index += 1
    return text[index] if index < len(text) else ""


def _word_before(out: list[str]) -> str:
    letters = []
    for char in reversed(out):
        if not char.isalpha():
            break
        letters.append(char)
    return "".join(reversed(letters)).lower()


def apply_rules(text: str, spaces: str) -> str:
    """Puts NEW where a non-breaking space belongs; `spaces` are the plain ones it replaces."""
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in SIGNS:
            follow = _after(text, i + 1)
            plain = len(out)
            while plain > 0 and out[plain - 1] in spaces:
                plain -= 1
            if plain < len(out):
                boundary = i + 1 < len(text) and text[i + 1] == TAG  # « pas) :{% else %}Votre »
                if boundary or follow == "" or not (follow.isalnum() or follow in "/=_"):
                    del out[plain:]
                    out.append(NEW)
            else:
                previous = out[-1] if out else ""  # {% else %}? is a sign alone: left as is
                ends = follow == "" or follow in spaces or follow in "\n" + HTML + CLOSE + "»),."
                glued = previous != "" and (previous.isalnum() or previous in ")]»…%" + VAR + CLOSE)
                if glued and ends and _word_before(out) not in SCHEMES:
                    out.append(NEW)
        elif char == "»":
            plain = len(out)
            while plain > 0 and out[plain - 1] in spaces:
                plain -= 1
            if plain < len(out):
                del out[plain:]
                out.append(NEW)
            else:
                previous = out[-1] if out else ""
                if previous and previous not in GOOD + HTML + "\n":
                    out.append(NEW)
        out.append(char)
        if char == "«":
            j = i + 1
            while j < len(text) and text[j] in spaces:
                j += 1
            if j > i + 1:
                out.append(NEW)
                i = j
                continue
            if j < len(text) and text[j] not in GOOD + "\n":
                out.append(NEW)
        i += 1
    return "".join(out)


def _rebuild(text: str, pieces: list[str], nbsp: str) -> str:
    it = iter(pieces)
    return "".join(next(it) if c in OPAQUE else nbsp if c == NEW else c for c in text)


# --- Templates -------------------------------------------------------------------------------


class _Template:
    """Splits a template into text (with placeholders) and the opaque pieces, in order."""

    def __init__(self, source: str, html: bool):
        self.source, self.html = source, html
        self.text: list[str] = []
        self.pieces: list[str] = []

    def opaque(self, kind: str, piece: str) -> None:
        if piece:
            self.text.append(kind)
            self.pieces.append(piece)

    def django(self, pos: int) -> int | None:
        """Consumes a Django tag or block at `pos` into `self`; its end, or None."""
        for pattern in (DJANGO_BLOCK, DJANGO_TAG):
            match = pattern.match(self.source, pos)
            if match:
                self.opaque(VAR if match.group(0).startswith("{{") else TAG, match.group(0))
                return match.end()
        return None

    def split(self) -> None:
        pos, src = 0, self.source
        while pos < len(src):
            end = self.django(pos)
            if end is not None:
                pos = end
            elif src[pos] == "&" and ENTITY.match(src, pos):
                entity = ENTITY.match(src, pos).group(0)
                self.opaque(GOOD_ENT if entity in GOOD_ENTITIES else ENT, entity)
                pos += len(entity)
            elif self.html and src.startswith("<!--", pos):
                end = src.find("-->", pos)
                end = len(src) if end < 0 else end + 3
                self.opaque(HTML, src[pos:end])
                pos = end
            elif self.html and TAG_START.match(src, pos):
                pos = self.tag(pos)
            else:
                self.text.append(src[pos])
                pos += 1

    def tag(self, pos: int) -> int:
        src, start = self.source, pos
        name = re.match(r"</?([A-Za-z0-9-]*)", src[pos:]).group(1).lower()
        closing = src.startswith("</", pos)
        while pos < len(src) and src[pos] != ">":
            if DJANGO_TAG.match(src, pos):
                pos = DJANGO_TAG.match(src, pos).end()
            elif src[pos] in "\"'":
                attribute = re.search(r"([\w:.-]+)\s*=\s*$", src[start:pos])
                if attribute and attribute.group(1).lower() in HUMAN_ATTRIBUTES:
                    self.opaque(HTML, src[start : pos + 1])
                    start = self.attribute_value(pos + 1, src[pos])
                    pos = start + 1
                else:
                    pos = self.skip_value(pos + 1, src[pos])
            else:
                pos += 1
        pos = min(pos + 1, len(src))
        if name in RAW_ELEMENTS and not closing:
            close = re.compile(rf"</{name}\s*>", re.I).search(src, pos)
            pos = close.end() if close else len(src)
        self.opaque(CLOSE if closing else HTML, src[start:pos])
        return pos

    def skip_value(self, pos: int, quote: str) -> int:
        while pos < len(self.source) and self.source[pos] != quote:
            match = DJANGO_TAG.match(self.source, pos)
            pos = match.end() if match else pos + 1
        return pos + 1

    def attribute_value(self, pos: int, quote: str) -> int:
        """Consumes a human attribute's value as text; the position of its closing quote."""
        src = self.source
        while pos < len(src) and src[pos] != quote:
            end = self.django(pos)
            if end is not None:
                pos = end
            elif src[pos] == "&" and ENTITY.match(src, pos):
                entity = ENTITY.match(src, pos).group(0)
                self.opaque(GOOD_ENT if entity in GOOD_ENTITIES else ENT, entity)
                pos += len(entity)
            else:
                self.text.append(src[pos])
                pos += 1
        return pos


def fix_template(source: str, html: bool) -> str:
    template = _Template(source, html)
    template.split()
    spaces = " \t\r\n" if html else " \t"
    fixed = apply_rules("".join(template.text), spaces)
    return _rebuild(fixed, template.pieces, "&nbsp;" if html else "\xa0")


# --- Python literals -------------------------------------------------------------------------

KEYWORDS = {"label", "help_text", "error_messages", "empty_label", "subject"}
ASSIGNED = {"subject", "error_messages", "default_error_messages", "labels", "help_texts"}
MESSAGES = {"success", "info", "warning", "error", "debug", "add_message"}
# Modules whose strings are all for a person to read (docstrings and keys excepted).
USER_TEXT_MODULES = [
    "ptce/*/todo.py",
    "ptce/*/*/todo.py",
    "ptce/cooperation/compliance.py",
    "ptce/cooperation/plan/stages.py",
    "ptce/public/views.py",
    "ptce/calls/applicant/eligibility.py",
    "ptce/calls/applicant/services.py",
    "ptce/calls/workflow.py",
    "ptce/www/dashboard/selectors.py",
    "ptce/cooperation/searches/services.py",
    "ptce/imports/plan_*.py",
    "ptce/imports/readers.py",
    "ptce/imports/plans.py",
    "ptce/imports/columns.py",
    "ptce/calls/confirmations.py",
    "ptce/calls/lists/bulk.py",
    "ptce/public/views_figures.py",
    "ptce/public/api_poles.py",
    "ptce/territories/forms.py",
    "ptce/calls/editor/views_documents.py",
    "ptce/assessments/evaluation/views.py",
    "ptce/imports/services.py",
    "ptce/imports/management/commands/_import.py",
]
PY_OPAQUE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)|{[^{}]*}|%(\([^)]*\))?[sdif]")


def _message_nodes(tree: ast.AST, is_model: bool, whole: bool) -> list[ast.AST]:
    """The expressions whose strings a person reads; in a module of `USER_TEXT_MODULES`, every
    string but the docstrings and the keys (dict keys, subscripts)."""
    if whole:
        skipped = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
                skipped.add(id(body[0].value))
            if isinstance(node, ast.Subscript):
                skipped.add(id(node.slice))
        return [n for n in ast.walk(tree) if isinstance(n, ast.expr) and id(n) not in skipped]
    found: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = getattr(func, "value", None)
            if name in MESSAGES and getattr(owner, "id", "") == "messages":
                found.extend(node.args)
            elif name == "ValidationError":
                found.extend(node.args[:1])
                found.extend(k.value for k in node.keywords if k.arg == "message")
            elif name == "add_error":
                found.extend(node.args[1:2])
            keywords = {"subject"} if is_model else KEYWORDS
            found.extend(k.value for k in node.keywords if k.arg in keywords)
        elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = {getattr(t, "id", None) for t in targets}
            if names & ASSIGNED and not (is_model and not names & {"subject"}):
                found.append(node.value)
    return found


def _string_spans(tree: ast.AST, lines: list[str], is_model: bool, whole: bool) -> set[tuple]:
    """(line, column, end line, end column) of each string of a message; dict keys excluded.
    The AST counts columns in UTF-8 bytes, tokenize in characters."""

    def column(line: int, offset: int) -> int:
        return len(lines[line - 1].encode()[:offset].decode())

    spans = set()
    for root in _message_nodes(tree, is_model, whole):
        keys = set()
        for node in ast.walk(root):
            if isinstance(node, ast.Dict):
                keys.update(id(k) for k in node.keys if k is not None)
        for node in ast.walk(root):
            if id(node) in keys:
                continue
            if isinstance(node, ast.JoinedStr) or (
                isinstance(node, ast.Constant) and isinstance(node.value, str)
            ):
                start = (node.lineno, column(node.lineno, node.col_offset))
                spans.add(start + (node.end_lineno, column(node.end_lineno, node.end_col_offset)))
    return spans


def _fix_literal(token: str) -> str:
    prefix = re.match(r"[A-Za-z]*", token).group(0)
    if "r" in prefix.lower() or "b" in prefix.lower():
        return token
    quote = token[len(prefix) : len(prefix) + 3]
    quote = quote if quote in ('"""', "'''") else quote[0]
    body = token[len(prefix) + len(quote) : len(token) - len(quote)]
    pieces: list[str] = []

    def hide(match: re.Match) -> str:
        pieces.append(match.group(0))
        good = match.group(0).lower() in ("\\u00a0", "\\xa0", "\\u202f")
        return GOOD_ENT if good else VAR if match.group(0)[0] in "{%" else ENT

    hidden = PY_OPAQUE.sub(hide, body)
    fixed = _rebuild(apply_rules(hidden, " \t"), pieces, "\xa0")
    return prefix + quote + fixed + quote


def fix_python(source: str, is_model: bool = False, whole: bool = False) -> str:
    lines = source.splitlines(keepends=True)
    spans = _string_spans(ast.parse(source), lines, is_model, whole)
    if not spans:
        return source
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    edits = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.STRING:
            continue
        inside = any(
            (a, b) <= token.start and token.end <= (c, d)
            for a, b, c, d in spans
            if a <= token.start[0] <= c
        )
        if inside:
            fixed = _fix_literal(token.string)
            if fixed != token.string:
                start = offsets[token.start[0] - 1] + token.start[1]
                edits.append((start, start + len(token.string), fixed))
    for start, end, fixed in reversed(edits):
        source = source[:start] + fixed + source[end:]
    return source


# --- Files -----------------------------------------------------------------------------------


def template_files(root: Path = ROOT) -> list[Path]:
    found = [p for p in (root / "ptce").glob("**/templates/**/*") if p.suffix in {".html", ".txt"}]
    return sorted(found)


def python_files(root: Path = ROOT) -> list[Path]:
    return sorted(p for p in (root / "ptce").glob("**/*.py") if "migrations" not in p.parts)


def fix_file(path: Path) -> str:
    source = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        whole = any(path.relative_to(ROOT).match(pattern) for pattern in USER_TEXT_MODULES)
        return fix_python(
            source, is_model="models" in path.parts or path.name == "models.py", whole=whole
        )
    return fix_template(source, html=path.suffix == ".html")


def offenders(paths: list[Path]) -> list[str]:
    """`path:line: text` for each line the rewrite would change."""
    found = []
    for path in paths:
        before = path.read_text(encoding="utf-8").splitlines()
        after = fix_file(path).splitlines()
        for number, (old, new) in enumerate(zip(before, after, strict=False), start=1):
            if old != new:
                found.append(f"{path.relative_to(ROOT)}:{number}: {old.strip()[:120]}")
    return found


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv if a != "--check"]
    paths = paths or template_files() + python_files()
    if "--check" in argv:
        found = offenders(paths)
        print("\n".join(found))
        print(f"{len(found)} ligne(s) sans espace insécable avant « : ; ? ! » ou dans « ».")
        return 1 if found else 0
    changed = 0
    for path in paths:
        fixed = fix_file(path)
        if fixed != path.read_text(encoding="utf-8"):
            path.write_text(fixed, encoding="utf-8")
            changed += 1
    print(f"{changed} fichier(s) réécrit(s).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
