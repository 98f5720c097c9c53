"""What a results page or an export is made of: scores, overlays, anonymity, query counts."""

import pytest
from django.utils import timezone

from ptce.assessments.models import Evaluation, EvaluationState, Rater
from ptce.assessments.results.selectors import (
    evaluation_results,
    latest_public_evaluation,
    pole_evolution,
    public_radar,
)
from ptce.core.invalidation import cohorts, invalidate
from tests.assessments.factories import load_referentiel_variant
from tests.assessments.results_data import add_action, validated_evaluation
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db


def test_results_hold_the_agreed_scores_the_previous_ones_and_the_objective_means(pole):
    validated_evaluation(pole, "332322324", days_ago=400, title="Auto-évaluation 2023")
    evaluation = validated_evaluation(pole, "54342343-")
    results = evaluation_results(evaluation, show_names=False)
    assert [(i.letter, i.agreed, i.previous) for i in results.criteria][:3] == [
        ("A", 5, 3),
        ("B", 4, 3),
        ("C", 3, 2),
    ]
    assert results.criteria[8].agreed is None
    assert results.criteria[0].comment == "Accord trouvé sur A."
    assert results.previous.title == "Auto-évaluation 2023"
    assert [mean for _, mean in results.objective_means] == [4.0, 3.0, 3.5]
    assert [len(items) for _, items in results.groups] == [3, 3, 3]


def test_the_previous_evaluation_is_a_validated_one_of_the_same_version(pole):
    variant = load_referentiel_variant("ecarts-variante-test")
    validated_evaluation(pole, "111111111", days_ago=300, referentiel=variant)
    validated_evaluation(pole, "222222222", days_ago=200, state=EvaluationState.CONSOLIDATION)
    evaluation = validated_evaluation(pole, "543423435")
    results = evaluation_results(evaluation, show_names=False)
    assert results.previous is None
    assert all(item.previous is None for item in results.criteria)


def test_rater_statistics_count_submitted_sheets_only(pole):
    evaluation = validated_evaluation(pole, "543423435", raters=["5" * 9, "3" * 9, "-" * 9])
    draft = Rater.objects.create(evaluation=evaluation, name="Brouillon", submitted_at=None)
    draft.answers.create(criterion=evaluation.referentiel.criteria.get(letter="A"), score=1)
    results = evaluation_results(evaluation, show_names=False)
    stats = results.criteria[0].stats
    assert (stats.count, stats.no_opinion, stats.median, stats.minimum) == (2, 1, 4.0, 3)
    assert stats.is_divergent
    assert results.criteria[0].counts == {5: 1, 3: 1}
    assert len(results.rater_labels) == 3


def test_raters_are_numbered_unless_names_may_be_shown(pole):
    sheet = {"A": (4, "Un lieu connu de tous", "Ouvrir le samedi")}
    evaluation = validated_evaluation(pole, "543423435", raters=[sheet, sheet])
    anonymous = evaluation_results(evaluation, show_names=False)
    assert anonymous.rater_labels == ["Évaluateur 1", "Évaluateur 2"]
    assert [c.rater for c in anonymous.criteria[0].written] == ["Évaluateur 1", "Évaluateur 2"]
    assert "Camille" not in repr(anonymous.criteria)
    named = evaluation_results(evaluation, show_names=True)
    assert named.rater_labels == ["Camille Évaluatrice 1", "Camille Évaluatrice 2"]
    assert named.criteria[0].written[0].observation == "Un lieu connu de tous"


def test_the_radar_and_the_numbers_come_from_the_same_results(pole):
    validated_evaluation(pole, "332322324", days_ago=400)
    evaluation = validated_evaluation(pole, "543423435")
    results = evaluation_results(evaluation, show_names=False)
    svg = str(results.radar)
    assert 'data-series="current"' in svg
    assert 'data-series="previous"' in svg
    assert 'data-series="cohort"' not in svg  # one pole: no benchmark
    assert "Cette évaluation : " in svg


def test_results_cost_the_same_queries_for_3_or_30_raters(pole, django_assert_num_queries):
    def build(count):
        evaluation = validated_evaluation(pole, "543423435", raters=["543423435"] * count)
        add_action(evaluation, "E", "Écrire la feuille de route")
        add_action(evaluation, None, "Inviter les élus")
        # As the views load it: with its pole and région.
        return Evaluation.objects.select_related("pole__region", "referentiel").get(
            pk=evaluation.pk
        )

    validated_evaluation(pole, "332322324", days_ago=400)

    for evaluation, raters in ((build(3), 3), (build(30), 30)):
        # Both measured uncached: the cohort medians are cached once computed (test_cohort.py).
        invalidate(cohorts(evaluation.referentiel_id))
        with django_assert_num_queries(8):
            results = evaluation_results(evaluation, show_names=False)
            str(results.radar), str(results.dots)
            [action.criterion and action.criterion.letter for action in results.actions]
        assert len(results.rater_labels) == raters


def test_the_evolution_lists_validated_evaluations_of_one_version_oldest_first(pole):
    variant = load_referentiel_variant("ecarts-variante-test")
    old = validated_evaluation(pole, "222222222", days_ago=700, title="2023")
    new = validated_evaluation(pole, "4-4444444", days_ago=10, title="2025")
    validated_evaluation(pole, "333333333", days_ago=300, title="Variante", referentiel=variant)
    validated_evaluation(pole, "555555555", state=EvaluationState.CONSOLIDATION)
    evolution = pole_evolution(pole, referentiel_code=old.referentiel.code)
    assert [e.title for e in evolution.evaluations] == ["2023", "2025"]
    assert evolution.rows[1] == (2, new, [4, None, 4, 4, 4, 4, 4, 4, 4])
    assert len(evolution.referentiels) == 2
    variant_only = pole_evolution(pole, referentiel_code=variant.code)
    assert [e.title for e in variant_only.evaluations] == ["Variante"]
    assert pole_evolution(PoleFactory()) is None


def test_only_a_published_validated_radar_of_a_published_pole_is_public(pole):
    assert latest_public_evaluation(pole) is None
    validated_evaluation(pole, "333333333", is_public=False)
    validated_evaluation(pole, "444444444", is_public=True, state=EvaluationState.CONSOLIDATION)
    assert latest_public_evaluation(pole) is None
    published = validated_evaluation(pole, "543423435", is_public=True, days_ago=5)
    assert latest_public_evaluation(pole) == published
    radar = public_radar(pole)
    assert [score for _, score in radar.groups[0][1]] == [5, 4, 3]
    assert 'data-series="previous"' not in str(radar.svg)
    pole.is_published = False
    assert latest_public_evaluation(pole) is None
    assert public_radar(pole) is None


def test_the_latest_published_radar_wins(pole):
    validated_evaluation(pole, "111111111", is_public=True, days_ago=100)
    newest = validated_evaluation(pole, "222222222", is_public=True, days_ago=1)
    newest.validated_at = timezone.now()
    newest.save()
    assert latest_public_evaluation(pole) == newest
