"""French typography: a non-breaking space before « : ; ? ! » and inside « guillemets ».

The rule and what it covers are in `scripts/typography.py`, which rewrites the templates and the
users' messages of the Python sources; here its `--check` runs over the whole tree, then key
pages of the access world are rendered and their visible text read."""

import html
import importlib.util
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from tests.access.test_matrix import (  # noqa: F401 — the module's fixtures, shared
    _isolated_files,
    _no_pdf_layout,
    media,
    path_of,
    world,
)
from tests.access.urlconf import url_patterns

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "typography.py"
_spec = importlib.util.spec_from_file_location("typography", SCRIPT)
typography = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(typography)


def test_every_template_and_message_has_its_non_breaking_spaces():
    offenders = typography.offenders(typography.template_files() + typography.python_files())
    assert not offenders, (
        "Espace insécable manquante (corrigez avec `python scripts/typography.py`) :\n"
        + "\n".join(offenders)
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "<p>Statut : {{ x }} ; fin ! ok?</p>",
            "<p>Statut&nbsp;: {{ x }}&nbsp;; fin&nbsp;! ok&nbsp;?</p>",
        ),
        (
            "<p>« {{ pole.name }} », «texte»</p>",
            "<p>«&nbsp;{{ pole.name }}&nbsp;», «&nbsp;texte&nbsp;»</p>",
        ),
        ('<nav aria-label="vous êtes ici :">', '<nav aria-label="vous êtes ici&nbsp;:">'),
        ("<p>Déjà&nbsp;: bien</p>", "<p>Déjà&nbsp;: bien</p>"),
    ],
)
def test_the_rewrite_puts_a_non_breaking_space_in_text(source, expected):
    assert typography.fix_template(source, html=True) == expected
    assert typography.fix_template(expected, html=True) == expected


@pytest.mark.parametrize(
    "source",
    [
        '<a href="{% url \'calls:detail\' pk %}?q=1" class="a : b">Lien</a>',
        '{{ day|date:"j F" }} à 10:30, http://exemple.fr, un rapport 1:2, a:b',
        "{% if a %}{{ start }}{% else %}?{% endif %}",
        "<script>var a = b ? c : d;</script><style>a:hover { color: red; }</style>",
        "<pre>x : y</pre><textarea>x : y</textarea><code>x : y</code><!-- x : y -->",
        '<div hx-vals=\'{"a": "b : c"}\' data-ptce-x="a ; b">{# x : y #}</div>',
        "&amp; x ; &lt;",
    ],
)
def test_the_rewrite_leaves_code_alone(source):
    expected = source.replace("&amp; x ;", "&amp; x&nbsp;;")
    assert typography.fix_template(source, html=True) == expected


def test_emails_get_the_character_and_python_messages_only_theirs():
    assert (
        typography.fix_template("Lien :\n{{ url }}?a=b\n", html=False)
        == "Lien\xa0:\n{{ url }}?a=b\n"
    )
    assert typography.fix_template("(privé) :{% else %}Votre", html=False) == (
        "(privé)\xa0:{% else %}Votre"
    )
    source = (
        'messages.success(request, f"Le pôle « {pole.name} » est créé ; {x!r:>3} !")\n'
        'raise ValidationError({"a:b": "Indiquez le motif : %(x)s ?"}, code="x : y")\n'
        'other = "pas un message : rien"\n'
    )
    assert typography.fix_python(source) == (
        'messages.success(request, f"Le pôle «\xa0{pole.name}\xa0» est créé\xa0; {x!r:>3}\xa0!")\n'
        'raise ValidationError({"a:b": "Indiquez le motif\xa0: %(x)s\xa0?"}, code="x : y")\n'
        'other = "pas un message : rien"\n'
    )


# --- Rendered pages ---------------------------------------------------------------------------

# A plain space (not U+00A0, which `\s` would match) before a sign that ends a word group, or
# after « / before ».
PLAIN_BEFORE_SIGN = re.compile(r"\S[ \t\r\n]+[:;?!](?=[\s]|$)|«[ \t\r\n]|[ \t\r\n]»")
KEY_PAGES = [
    ("public:home", "anonymous"),
    ("poles:directory", "anonymous"),
    ("poles:detail", "anonymous"),
    ("poles:detail", "coordinator"),
    ("core:login", "anonymous"),
    ("core:dashboard", "coordinator"),
    ("calls:call_detail", "anonymous"),
    ("calls:application_create", "coordinator"),
    ("calls:application_edit", "coordinator"),
]


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style|textarea|pre|code)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]*>", "", page))


def test_the_page_check_sees_a_plain_space_but_not_a_non_breaking_one():
    assert PLAIN_BEFORE_SIGN.findall(visible_text("<p>Statut <b>:</b> « x »</p>"))
    assert not PLAIN_BEFORE_SIGN.findall(visible_text("<p>Statut&nbsp;: «\xa0x&nbsp;» 10:30</p>"))


@pytest.mark.parametrize(("row", "role"), KEY_PAGES, ids=[f"{r}-{p}" for r, p in KEY_PAGES])
def test_key_pages_read_with_non_breaking_spaces(world, db, row, role):  # noqa: F811
    cache.clear()
    client = Client()
    if role in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    with transaction.atomic():
        response = client.get(path_of(world, row, url_patterns()[row]), follow=True)
        transaction.set_rollback(True)
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    found = [
        repr(text[max(0, m.start() - 30) : m.end() + 15]) for m in PLAIN_BEFORE_SIGN.finditer(text)
    ]
    assert not found, f"{row} en {role} : " + " | ".join(found)
