"""What the results, evolution and public radar pages show, and what they cost."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.assessments.results_data import add_action, validated_evaluation
from tests.poles.factories import PoleFactory
from tests.public.html import parse

pytestmark = pytest.mark.django_db

SHEETS = [
    {"A": (5, "Le tiers-lieu est connu de tous", "Ouvrir le samedi"), "B": (4, "", "")},
    {"A": (3, "Peu de signalétique", ""), "B": (None, "", "")},
]


@pytest.fixture
def evaluation(pole):
    validated_evaluation(pole, "332322324", days_ago=400, title="Auto-évaluation 2023")
    evaluation = validated_evaluation(
        pole, "54342343-", raters=SHEETS, title="Auto-évaluation 2024"
    )
    add_action(evaluation, "E", "Écrire la feuille de route stratégique", who="Bureau")
    return evaluation


def results_url(evaluation, **query):
    url = reverse("assessments:results", args=[evaluation.pole.slug, evaluation.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def svg_in(html, svg_id):
    match = re.search(rf'<svg [^>]*id="{svg_id}".*?</svg>', html, re.S)
    return ET.fromstring(match.group(0))  # noqa: S314 — our own output, parsed to check it


def radar_values(html, svg_id, series):
    root = svg_in(html, svg_id)
    ns = {"svg": "http://www.w3.org/2000/svg"}
    (group,) = [g for g in root.iterfind(".//svg:g", ns) if g.get("data-series") == series]
    return {g.get("data-letter"): g.get("data-value") for g in group.iterfind(".//svg:g", ns)}


def table_scores(html):
    """{letter: [cells]} of the scores table next to the radar."""
    start = html.index('ptce-results-table">')
    table = html[start : html.index("</table>", start)]
    rows = re.findall(r'<tr data-letter="(\w)">(.*?)</tr>', table, re.S)
    return {
        letter: re.findall(r'<td class="ptce-score">(.*?)</td>', cells) for letter, cells in rows
    }


@pytest.mark.parametrize("role", ["member", "coordinator", "instructor", "admin_user"])
def test_the_results_page_has_no_undefined_variable_nor_inline_style(
    client_as, role, evaluation, strict_templates
):
    response = client_as(role).get(results_url(evaluation))
    html = response.content.decode()
    assert "VARIABLE-INDEFINIE" not in html
    page = parse(response)
    assert (page.inline_styles, page.inline_scripts) == (0, 0)
    assert page.headings["h1"] == ["Résultats : Auto-évaluation 2024"]


def test_the_table_next_to_the_radar_has_the_radar_s_numbers(client_as, evaluation):
    html = client_as("member").get(results_url(evaluation)).content.decode()
    table = table_scores(html)
    current = radar_values(html, f"radar-{evaluation.pk}", "current")
    previous = radar_values(html, f"radar-{evaluation.pk}", "previous")
    assert table["A"] == ["5", "3"]
    assert table["I"] == ["non renseigné", "4"]
    for letter, cells in table.items():
        assert current.get(letter, "non renseigné") == cells[0]
        assert previous.get(letter, "non renseigné") == cells[1]
    assert "I" not in current  # no agreed score: a gap, not a point


def test_the_page_shows_spread_observations_synthesis_and_action_plan(client_as, evaluation):
    html = client_as("member").get(results_url(evaluation)).content.decode()
    assert f'id="dispersion-{evaluation.pk}"' in html
    assert "à discuter" in html  # A: 5 and 3
    assert "Le tiers-lieu est connu de tous" in html
    assert "Ouvrir le samedi" in html
    assert "Le pôle est bien ancré ; la stratégie reste à piloter." in html
    assert "Écrire la feuille de route stratégique" in html
    objectives = re.search(r'id="objectifs-titre".*?</table>', html, re.S).group(0)
    means = re.findall(r'<td class="ptce-score">(.*?)</td>', objectives)
    assert means == ["4", "3", "3,5"]  # G–I: 4 and 3, I not agreed


def test_members_see_numbered_raters_and_coordinators_their_names(client_as, evaluation):
    member_page = client_as("member").get(results_url(evaluation)).content.decode()
    assert "Évaluateur 1" in member_page
    assert "Camille Évaluatrice" not in member_page
    coordinator_page = client_as("coordinator").get(results_url(evaluation)).content.decode()
    assert "Camille Évaluatrice 1" in coordinator_page


def test_the_page_links_to_the_exports_and_the_evolution(client_as, evaluation):
    page = parse(client_as("member").get(results_url(evaluation)))
    args = [evaluation.pole.slug, evaluation.pk]
    for name in ("results_pdf", "results_csv", "results_xlsx"):
        assert reverse(f"assessments:{name}", args=args) in page.hrefs()
    assert reverse("assessments:evolution", args=[evaluation.pole.slug]) in page.hrefs()


def test_without_five_poles_the_page_says_there_is_no_benchmark(client_as, evaluation):
    html = client_as("member").get(results_url(evaluation)).content.decode()
    assert "Pas de comparaison avec d’autres pôles" in html
    assert 'data-series="cohort"' not in html


def test_the_benchmark_shows_medians_but_no_other_pole(client_as, evaluation, region):
    others = []
    for agreed in ["111111111", "222222222", "444444444", "555555555"]:
        others.append(PoleFactory(region=region))
        validated_evaluation(others[-1], agreed)
    html = client_as("member").get(results_url(evaluation, cohorte="region")).content.decode()
    assert "Médiane Occitanie (5 pôles)" in html
    assert radar_values(html, f"radar-{evaluation.pk}", "cohort")["C"] == "3"
    for pole in others:
        assert pole.name not in html
        assert pole.slug not in html


def test_the_evolution_page_shows_each_validated_evaluation(
    client_as, evaluation, strict_templates
):
    url = reverse("assessments:evolution", args=[evaluation.pole.slug])
    response = client_as("member").get(url)
    html = response.content.decode()
    assert "VARIABLE-INDEFINIE" not in html
    assert parse(response).inline_styles == 0
    assert html.index("Auto-évaluation 2023") < html.index("Auto-évaluation 2024")
    assert 'id="evolution"' in html
    assert results_url(evaluation) in html


def test_the_evolution_of_a_pole_without_validated_evaluation_says_so(client_as, pole):
    response = client_as("member").get(reverse("assessments:evolution", args=[pole.slug]))
    assert "pas encore d’évaluation validée" in response.content.decode()


def test_the_public_radar_shows_agreed_scores_only(client, pole, strict_templates):
    evaluation = validated_evaluation(pole, "543423435", raters=SHEETS, is_public=True)
    response = client.get(reverse("assessments:public_radar", args=[pole.slug]))
    html = response.content.decode()
    assert "VARIABLE-INDEFINIE" not in html
    assert parse(response).inline_styles == 0
    values = radar_values(html, f"radar-public-{evaluation.pk}", "current")
    assert values["A"] == "5"
    assert "Le tiers-lieu est connu de tous" not in html
    assert "Camille" not in html


@pytest.mark.parametrize("view", ["results", "results_csv", "results_xlsx", "results_pdf"])
def test_result_views_cost_the_same_queries_for_3_or_30_raters(
    client_as, pole, view, django_assert_max_num_queries
):
    client = client_as("member")
    counts = []
    validated_evaluation(pole, "332322324", days_ago=400)
    for raters in (3, 30):
        sheets = SHEETS * (raters // 2) + SHEETS[: raters % 2]
        evaluation = validated_evaluation(pole, "543423435", raters=sheets)
        add_action(evaluation, "A", "Ouvrir le samedi")
        url = reverse(f"assessments:{view}", args=[pole.slug, evaluation.pk])
        with django_assert_max_num_queries(16) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
    print(view, counts)


def test_only_those_who_manage_the_evaluation_get_a_link_to_it(client_as, evaluation):
    detail = reverse("assessments:evaluation_detail", args=[evaluation.pole.slug, evaluation.pk])
    listing = reverse("assessments:evaluation_list", args=[evaluation.pole.slug])
    coordinator_links = parse(client_as("coordinator").get(results_url(evaluation))).hrefs()
    assert {detail, listing} <= coordinator_links
    member_links = parse(client_as("member").get(results_url(evaluation))).hrefs()
    assert detail not in member_links
    assert listing in member_links
