import pytest

from ptce.assessments.evaluation.stats import (
    criterion_stats,
    evaluation_stats,
    objective_means,
    round_half_up,
)


def test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_scores():
    stats = criterion_stats("A", [1, 2, 4, 5])
    assert stats.median == 3.0
    assert criterion_stats("A", [2, 3]).median == 2.5


def test_no_opinion_is_left_out_of_every_statistic():
    stats = criterion_stats("B", [None, 4, None, 2])
    assert (stats.count, stats.no_opinion) == (2, 2)
    assert (stats.median, stats.mean, stats.minimum, stats.maximum) == (3.0, 3.0, 2, 4)


def test_a_criterion_nobody_scored_has_no_statistics():
    stats = criterion_stats("C", [None, None])
    assert stats.count == 0
    assert stats.median is None
    assert stats.spread is None
    assert stats.is_divergent is False
    assert stats.default_agreed_score is None


@pytest.mark.parametrize(
    ("scores", "divergent"),
    [([3, 4], False), ([3, 5], True), ([1, 2, 3], True), ([4, 4, 4], False), ([5], False)],
)
def test_raters_two_points_apart_or_more_are_flagged(scores, divergent):
    assert criterion_stats("D", scores).is_divergent is divergent


def test_the_default_agreed_score_is_the_median_rounded_half_up():
    assert criterion_stats("E", [2, 3]).default_agreed_score == 3
    assert criterion_stats("E", [1, 2, 2, 5]).default_agreed_score == 2
    assert round_half_up(3.5) == 4
    assert round_half_up(None) is None


def test_stats_follow_the_order_of_the_criteria():
    result = evaluation_stats(["A", "B"], [("B", 2), ("A", 5), ("B", 4)])
    assert [(s.letter, s.count, s.median) for s in result] == [("A", 1, 5.0), ("B", 2, 3.0)]


def test_a_general_objective_is_the_mean_of_its_scored_criteria():
    objectives = [("Cultiver", ["A", "B", "C"]), ("Élaborer", ["D", "E", "F"])]
    means = objective_means({"A": 4, "B": 3, "C": None, "D": None}, objectives)
    assert means == [("Cultiver", 3.5), ("Élaborer", None)]
