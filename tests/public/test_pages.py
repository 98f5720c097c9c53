"""Every public page answers every visitor, with one h1, a title and no inline style or script."""

import re

import pytest
from django.urls import reverse

from ptce.public.guide import GUIDE_PAGES
from tests.conftest import ROLES
from tests.public.html import parse

PUBLIC_PAGES = [
    ("public:home", {}, "Pôles territoriaux de coopération économique", "Accueil"),
    ("public:map", {}, "Carte des pôles", "Carte des pôles"),
    ("public:figures", {}, "Le PTCE en chiffres", "Le PTCE en chiffres"),
    ("public:guide", {}, "Guide des PTCE", "Guide des PTCE"),
    ("public:accessibility", {}, "Déclaration d’accessibilité", "Déclaration d’accessibilité"),
    ("public:legal", {}, "Mentions légales", "Mentions légales"),
    ("public:search", {}, "Rechercher", "Rechercher"),
    ("public:data", {}, "Données ouvertes", "Données ouvertes"),
] + [
    ("public:guide_page", {"slug": page.slug}, page.title, f"{page.title} — Guide des PTCE")
    for page in GUIDE_PAGES
]
PAGE_IDS = [kwargs.get("slug", name) for name, kwargs, _, _ in PUBLIC_PAGES]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url_name", "kwargs", "h1", "title"), PUBLIC_PAGES, ids=PAGE_IDS)
def test_public_page_answers_every_role(db, client_as, role, url_name, kwargs, h1, title):
    response = client_as(role).get(reverse(url_name, kwargs=kwargs))

    assert response.status_code == 200
    assert parse(response).headings["h1"] == [h1]


@pytest.mark.parametrize(("url_name", "kwargs", "h1", "title"), PUBLIC_PAGES, ids=PAGE_IDS)
def test_public_page_has_its_title_and_no_inline_style_or_script(
    client, db, url_name, kwargs, h1, title
):
    page = parse(client.get(reverse(url_name, kwargs=kwargs)))

    assert page.title == f"{title} — PTCE"
    assert page.inline_styles == 0
    assert page.inline_scripts == 0


@pytest.mark.parametrize(("url_name", "kwargs", "h1", "title"), PUBLIC_PAGES, ids=PAGE_IDS)
def test_headings_do_not_skip_a_level(client, db, url_name, kwargs, h1, title):
    content = client.get(reverse(url_name, kwargs=kwargs)).content.decode()
    main = content[content.index('<main id="contenu"') : content.index("</main>")]
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]

    assert levels[0] == 1
    for previous, current in zip(levels, levels[1:], strict=False):
        assert current <= previous + 1, f"titre h{current} après un h{previous}"
