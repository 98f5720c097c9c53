"""The consolidation page: the statistics the group discusses, and what it agrees on."""

# Fixtures imported from tests.assessments.grid are re-declared as test arguments.
# ruff: noqa: F811

import re

import pytest
from django.urls import reverse

from ptce.assessments.evaluation import services, services_sheet, services_workflow
from ptce.assessments.models import ActionItem, ConsolidatedScore
from tests.assessments.grid import LETTERS, sheet, to_consolidation, validate

pytestmark = pytest.mark.django_db


def page_of(client, evaluation):
    url = reverse("assessments:consolidation", args=[evaluation.pole.slug, evaluation.pk])
    return client.get(url).content.decode()


def stats_row(page, letter) -> list[str]:
    row = re.search(rf'<tr id="stats-{letter}">(.*?)</tr>', page, re.S).group(1)
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
    ]


def selected(page, letter) -> str:
    select = re.search(rf'<select name="score_{letter}".*?</select>', page, re.S).group(0)
    return re.search(r'<option value="([^"]*)" selected', select).group(1)


def post_data(**overrides):
    data = {f"score_{letter}": "3" for letter in LETTERS}
    data.update(
        {
            "synthesis": "Le pôle est ancré ; la gouvernance reste à partager.",
            "actions-TOTAL_FORMS": "3",
            "actions-INITIAL_FORMS": "0",
            "actions-MIN_NUM_FORMS": "0",
            "actions-MAX_NUM_FORMS": "50",
        }
    )
    data.update(overrides)
    return data


@pytest.fixture
def consolidating(evaluation):
    # A: 2, 3 + NSP (even count: median 2.5 → proposed 3); B: 4 + 2 NSP; C: 1, 5, none
    # (divergent); D: 3, 4 and one sheet without an answer for D (not an NSP)
    return to_consolidation(evaluation, "241334333", "3-5443333", "--  33333")


def test_the_statistics_per_criterion(client, coordinator, consolidating):
    client.force_login(coordinator)
    page = page_of(client, consolidating)
    # Critère | Réponses | NSP | Médiane | Moyenne | Min | Max | Écart | Discussion
    assert stats_row(page, "A") == ["A", "2", "1", "2,5", "2,5", "2", "3", "1", "—"]
    assert stats_row(page, "B") == ["B", "1", "2", "4", "4", "4", "4", "0", "—"]
    assert stats_row(page, "C") == ["C", "2", "0", "3", "3", "1", "5", "4", "À discuter"]
    assert stats_row(page, "D") == ["D", "2", "0", "3,5", "3,5", "3", "4", "1", "—"]
    assert "1 critère à discuter." in page


def test_no_opinion_leaves_a_criterion_without_statistics(client, coordinator, evaluation):
    to_consolidation(evaluation, "-33333333", "-33333333")
    client.force_login(coordinator)
    page = page_of(client, evaluation)
    assert stats_row(page, "A") == ["A", "0", "2", "—", "—", "—", "—", "—", "—"]
    assert selected(page, "A") == ""


def test_the_divergence_flag_starts_at_two_points(client, coordinator, evaluation):
    to_consolidation(evaluation, "1333", "2353", "3333")
    client.force_login(coordinator)
    page = page_of(client, evaluation)
    assert stats_row(page, "A")[-1] == "À discuter"  # 1 and 3
    assert stats_row(page, "B")[-1] == "—"  # all 3
    assert stats_row(page, "C")[-1] == "À discuter"  # 3 and 5
    assert stats_row(page, "D")[-1] == "—"


def test_unsent_drafts_do_not_count(client, coordinator, member, evaluation):
    services_workflow.evaluation_open(evaluation=evaluation, by=coordinator)
    rater = services.rater_add_member(evaluation=evaluation, user=member, by=coordinator)
    services_sheet.sheet_save(rater=rater, answers={"A": {"score": 1}})
    sheet(evaluation, "5")
    services_workflow.evaluation_start_consolidation(evaluation=evaluation, by=coordinator)
    client.force_login(coordinator)
    assert stats_row(page_of(client, evaluation), "A")[:2] == ["A", "1"]


def test_the_agreed_score_defaults_to_the_median_rounded_half_up(
    client, coordinator, consolidating
):
    client.force_login(coordinator)
    page = page_of(client, consolidating)
    assert selected(page, "A") == "3"  # 2.5 → 3
    assert selected(page, "C") == "3"
    assert selected(page, "D") == "4"  # 3.5 → 4
    assert "note proposée, pas encore enregistrée" in page


def test_the_coordinator_sees_each_raters_scores(client, coordinator, consolidating):
    client.force_login(coordinator)
    page = page_of(client, consolidating)
    table = re.search(r'<table id="notes-individuelles">.*?</table>', page, re.S).group(0)
    assert "Participant 2" in table
    assert "NSP" in table
    assert "—" in table


def test_saving_the_consolidation(client, coordinator, consolidating):
    client.force_login(coordinator)
    url = reverse("assessments:consolidation", args=[consolidating.pole.slug, consolidating.pk])
    response = client.post(
        url,
        post_data(
            score_C="",
            comment_C="Pas d’accord : à revoir au prochain atelier",
            **{
                "actions-0-what": "Ouvrir le lieu le samedi",
                "actions-0-letter": "A",
                "actions-0-who": "Camille",
                "actions-0-due_on": "2026-09-30",
            },
        ),
        follow=True,
    )
    assert "La consolidation est enregistrée." in response.content.decode()
    scores = dict(ConsolidatedScore.objects.values_list("criterion__letter", "score"))
    assert scores["A"] == 3
    assert scores["C"] is None
    action = ActionItem.objects.get()
    assert (action.criterion.letter, action.who, str(action.due_on)) == (
        "A",
        "Camille",
        "2026-09-30",
    )
    page = response.content.decode()
    assert selected(page, "C") == ""
    assert "Ouvrir le lieu le samedi" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "La consolidation n’est pas enregistrée"),
        (post_data(score_A="7"), "Choisissez une note retenue de 1 à 5"),
        (post_data(**{"actions-0-who": "Camille"}), "Décrivez ce qu’il faut améliorer."),
        (
            post_data(**{"actions-0-what": "x", "actions-0-letter": "Z"}),
            "Sélectionnez un choix valide",
        ),
        (
            post_data(**{"actions-0-what": "x", "actions-0-due_on": "demain"}),
            "Saisissez une date valide.",
        ),
    ],
)
def test_bad_consolidation_input_is_refused_in_french(
    client, coordinator, consolidating, data, message
):
    client.force_login(coordinator)
    url = reverse("assessments:consolidation", args=[consolidating.pole.slug, consolidating.pk])
    response = client.post(url, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ConsolidatedScore.objects.exists()
    assert not ActionItem.objects.exists()
    consolidating.refresh_from_db()
    assert consolidating.synthesis == ""


def test_the_page_is_read_only_once_validated(client, coordinator, evaluation):
    validate(evaluation)
    client.force_login(coordinator)
    url = reverse("assessments:consolidation", args=[evaluation.pole.slug, evaluation.pk])
    page = client.get(url).content.decode()
    assert "la consolidation est verrouillée" in page
    assert "Enregistrer la consolidation" not in page
    response = client.post(url, post_data(score_A="1"))
    assert "validée et verrouillée" in response.content.decode()
    assert ConsolidatedScore.objects.get(criterion__letter="A").score == 3


def test_the_mean_of_each_general_objective(client, coordinator, evaluation):
    to_consolidation(evaluation, "123444555")
    client.force_login(coordinator)
    page = page_of(client, evaluation)
    table = re.search(r'<table id="objectifs">.*?</table>', page, re.S).group(0)
    means = re.findall(r"<td>([^<]*)</td><td>([\d,—]+)</td></tr>", table)
    assert [value for _, value in means] == ["2", "4", "5"]
