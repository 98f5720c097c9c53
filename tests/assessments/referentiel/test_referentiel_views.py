import re

import pytest
from django.urls import reverse

from tests.assessments.factories import load_default_referentiel, load_referentiel_variant
from tests.conftest import ROLES

# 2 SAVEPOINT statements (ATOMIC_REQUESTS) + the session and the user when logged in.
REQUEST_OVERHEAD = {"anonymous": 2}
LOGGED_IN_OVERHEAD = 4
GRID_QUERIES = 6  # version, levels, general objectives, principal objectives + criteria, terms ×2
LIST_QUERIES = 1


def overhead(role):
    return REQUEST_OVERHEAD.get(role, LOGGED_IN_OVERHEAD)


def page_urls(code):
    return [
        (reverse("assessments:referentiel_detail", kwargs={"code": code}), GRID_QUERIES),
        (reverse("assessments:lexicon", kwargs={"code": code}), GRID_QUERIES),
    ]


@pytest.fixture
def referentiel(db):
    return load_default_referentiel()


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_the_referentiel_pages_in_a_constant_number_of_queries(
    role, client_as, referentiel, django_assert_num_queries
):
    big = load_referentiel_variant("variante-etendue", extra_criteria=6, extra_terms=40)
    client = client_as(role)

    for code in (referentiel.code, big.code):
        for url, queries in page_urls(code):
            with django_assert_num_queries(overhead(role) + queries):
                response = client.get(url)
            assert response.status_code == 200, url
    with django_assert_num_queries(overhead(role) + LIST_QUERIES):
        response = client.get(reverse("assessments:referentiel_list"))
    assert response.status_code == 200


def test_the_list_shows_every_version_with_its_number_of_criteria(client, referentiel):
    load_referentiel_variant("variante-etendue", extra_criteria=3)

    response = client.get(reverse("assessments:referentiel_list"))

    html = response.content.decode()
    assert html.index("ECARTS — référentiel générique") < html.index("Variante variante-etendue")
    assert "Version par défaut" in html
    cells = re.findall(r"<td>(\d+)</td>", html)
    assert cells == ["9", "12"]
    assert 'href="/referentiels/variante-etendue/"' in html


def test_the_grid_is_a_table_grouped_by_general_objective(client, referentiel):
    response = client.get(
        reverse("assessments:referentiel_detail", kwargs={"code": "ecarts-generique"})
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('rowspan="3"') == 3
    assert re.search(
        r'<th class="fr-cell--multiline" id="og-1" headers="col-general" rowspan="3">'
        r"Cultiver et servir le territoire</th>",
        html,
    )
    criteria = re.findall(r'id="critere-([a-i])"', html)
    assert criteria == list("abcdefghi")
    assert (
        "<strong>A</strong> Le PTCE dispose d&#x27;un lieu identifié et accessible ou de "
        "plusieurs lieux</td>"
    ) in html
    assert "Construire et animer un processus territorial de coopération économique" in html


def test_criterion_g_links_its_asterisk_to_its_footnote(client, referentiel):
    response = client.get(
        reverse("assessments:referentiel_detail", kwargs={"code": "ecarts-generique"})
    )

    html = response.content.decode()
    assert (
        'efficacité<sup><a href="#note-critere-g" id="renvoi-critere-g">'
        '<span class="fr-sr-only">voir la note du critère G </span>*</a></sup> sont pérennisés'
    ) in html
    footnote = re.search(r'<p class="fr-text--sm" id="note-critere-g">(.*?)</p>', html, re.S)
    assert "le mot « modèle économique » jugé trop idéologique" in footnote[1]
    assert 'href="#renvoi-critere-g"' in footnote[1]


def test_the_grid_shows_the_scale_questions_evidence_and_lexicon_links(client, referentiel):
    response = client.get(
        reverse("assessments:referentiel_detail", kwargs={"code": "ecarts-generique"})
    )

    html = response.content.decode()
    assert "Proposition de la plateforme" in html
    assert html.count("fr-badge--new") == 2
    for label in ("Absent", "Émergent", "En construction", "Établi", "Consolidé et partagé"):
        assert f"<td>{label}</td>" in html
    question = referentiel.criteria.get(letter="C").guiding_questions[0]
    assert f"<li>{question.replace(chr(39), '&#x27;')}</li>" in html
    assert (
        '<a href="/referentiels/ecarts-generique/lexique/#terme-lieu-identifie">Lieu identifié</a>'
    ) in html


def test_the_lexicon_lists_every_term_alphabetically_with_an_anchor(client, referentiel):
    response = client.get(reverse("assessments:lexicon", kwargs={"code": "ecarts-generique"}))

    html = response.content.decode()
    anchors = re.findall(r'<dt id="terme-([-a-z0-9]+)"', html)
    assert sorted(anchors) == sorted(referentiel.terms.values_list("slug", flat=True))
    assert len(anchors) >= 29
    # accents ignored: « Éthique » files under E, after « ESS » and before « Feuille ».
    assert anchors.index("ess") < anchors.index("ethique-et-valeurs") < anchors.index("filiere")
    assert anchors[0] == "actions-collectives"
    assert anchors[-1] == "vivre-ensemble"


def test_each_term_links_to_the_criteria_where_it_appears(client, referentiel):
    response = client.get(reverse("assessments:lexicon", kwargs={"code": "ecarts-generique"}))

    html = response.content.decode()
    entry = re.search(r'<dt id="terme-mutualisation".*?</dd>', html, re.S)[0]
    assert "Critère&nbsp;:" in entry
    assert '<a href="/referentiels/ecarts-generique/#critere-f">F</a>' in entry
    grappe = re.search(r'<dt id="terme-grappe".*?</dd>', html, re.S)[0]
    assert "#critere-" not in grappe


def test_lexique_redirects_to_the_lexicon_of_the_default_version(client, referentiel):
    load_referentiel_variant("autre-version")

    response = client.get(reverse("assessments:lexicon_default"))

    assert response.status_code == 302
    assert response["Location"] == "/referentiels/ecarts-generique/lexique/"


def test_lexique_is_not_found_while_no_version_is_loaded(client, db):
    assert client.get("/lexique/").status_code == 404


@pytest.mark.parametrize("name", ["referentiel_detail", "lexicon"])
def test_an_unknown_version_is_not_found(client, referentiel, name):
    response = client.get(reverse(f"assessments:{name}", kwargs={"code": "inconnu"}))

    assert response.status_code == 404


def test_the_pages_use_no_undefined_template_variable(client, referentiel, strict_templates):
    urls = [
        reverse("assessments:referentiel_list"),
        *(url for url, _ in page_urls(referentiel.code)),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "VARIABLE-INDEFINIE" not in response.content.decode(), url


def test_the_pages_use_no_undefined_template_variable_without_any_version(
    client, db, strict_templates
):
    response = client.get(reverse("assessments:referentiel_list"))

    assert "Aucun référentiel n’est encore chargé." in response.content.decode()
    assert "VARIABLE-INDEFINIE" not in response.content.decode()
