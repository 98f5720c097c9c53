"""The cohort benchmark: medians only, only from 5 poles, never one pole's scores."""

import dataclasses
import statistics

import pytest

from ptce.assessments.evaluation.services_workflow import evaluation_validate
from ptce.assessments.models import EvaluationState
from ptce.assessments.results.cohort import (
    COHORT_MIN_POLES,
    cohort_medians,
    histogram_median,
    pick,
)
from ptce.core.invalidation import cohorts, invalidate
from ptce.poles.models import Sector
from tests.assessments.factories import load_default_referentiel, load_referentiel_variant
from tests.assessments.results_data import validated_evaluation
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db

# Five poles' agreed scores A–I: the medians are the middle values, column by column.
FIVE = ["111111111", "222222222", "333333333", "444444444", "555555555"]


@pytest.fixture
def referentiel():
    return load_default_referentiel()


def poles_with_scores(agreed_list, **pole_fields):
    poles = []
    for agreed in agreed_list:
        pole = PoleFactory(**pole_fields)
        validated_evaluation(pole, agreed)
        poles.append(pole)
    return poles


def test_the_threshold_is_five_poles():
    assert COHORT_MIN_POLES == 5


def test_four_poles_give_no_benchmark(referentiel):
    poles_with_scores(FIVE[:4])
    assert cohort_medians(referentiel) == []


def test_five_poles_give_national_medians(referentiel):
    poles_with_scores(["1" * 9, "2" * 9, "4" * 9, "5" * 9, "5" * 9])
    (national,) = cohort_medians(referentiel)
    assert (national.scope, national.label, national.pole_count) == (
        "national",
        "Médiane nationale",
        5,
    )
    assert national.medians == dict.fromkeys("ABCDEFGHI", 4.0)


def test_the_median_of_an_even_number_of_poles_is_the_mean_of_the_middle_two(referentiel):
    poles_with_scores([*FIVE, "555555555"])
    (national,) = cohort_medians(referentiel)
    assert national.medians["A"] == 3.5


def test_each_pole_counts_once_with_its_latest_validated_evaluation(referentiel):
    poles = poles_with_scores(FIVE)
    # An older validated evaluation and a newer one still in consolidation are both ignored.
    validated_evaluation(poles[0], "555555555", days_ago=300)
    validated_evaluation(poles[0], "555555555", state=EvaluationState.CONSOLIDATION)
    (national,) = cohort_medians(referentiel)
    assert national.pole_count == 5
    assert national.medians["A"] == 3.0


def test_a_newer_evaluation_replaces_the_older_one_of_the_same_pole(referentiel):
    poles = poles_with_scores(
        FIVE,
    )
    for pole in poles[:3]:
        validated_evaluation(pole, "555555555", days_ago=-1)
    (national,) = cohort_medians(referentiel)
    assert national.medians["A"] == 5.0


def test_only_evaluations_of_the_same_referentiel_version_count(referentiel):
    variant = load_referentiel_variant("ecarts-variante-test")
    poles = poles_with_scores(FIVE[:4])
    validated_evaluation(PoleFactory(), "555555555", referentiel=variant)
    assert cohort_medians(referentiel) == []
    assert cohort_medians(variant) == []
    validated_evaluation(poles[0], "111111111", referentiel=variant)  # a pole in both versions
    assert cohort_medians(referentiel) == []


def test_a_criterion_scored_by_fewer_than_five_poles_has_no_median(referentiel):
    poles_with_scores(["-11111111", "2-2222222", "333333333", "444444444", "555555555"])
    (national,) = cohort_medians(referentiel)
    assert national.medians["A"] is None
    assert national.medians["B"] is None
    assert national.medians["C"] == 3.0


def test_region_and_sector_groups_appear_only_from_five_poles(referentiel, region, other_region):
    sector = Sector.objects.get(slug="alimentation")
    other_sector = Sector.objects.get(slug="mobilite")
    in_region = poles_with_scores(FIVE, region=region)
    elsewhere = poles_with_scores(FIVE[:4], region=other_region)
    for pole in in_region[:3] + elsewhere[:2]:
        pole.sectors.add(sector)
    for pole in in_region[:4]:
        pole.sectors.add(other_sector)
    groups = cohort_medians(referentiel, region=region, sectors=[sector, other_sector])
    assert [(g.scope, g.key, g.label, g.pole_count) for g in groups] == [
        ("national", "national", "Médiane nationale", 9),
        ("region", "76", "Médiane Occitanie", 5),
        ("filiere", "alimentation", "Médiane filière Alimentation et circuits courts", 5),
    ]
    assert groups[1].medians["A"] == 3.0
    assert groups[2].medians["A"] == 2.0  # 1, 2, 3 (région) and 1, 2 (elsewhere)


def test_the_benchmark_holds_no_pole_identifier_or_score_list(referentiel, region):
    poles = poles_with_scores(FIVE, region=region)
    groups = cohort_medians(referentiel, region=region)
    dumped = repr([dataclasses.asdict(group) for group in groups])
    for pole in poles:
        assert pole.name not in dumped
        assert pole.slug not in dumped
    for group in groups:
        assert {f.name for f in dataclasses.fields(group)} == {
            "scope",
            "key",
            "label",
            "pole_count",
            "medians",
        }
        assert all(isinstance(value, float | None) for value in group.medians.values())


def test_the_benchmark_costs_the_same_few_queries_for_5_or_15_poles(
    referentiel, region, django_assert_num_queries
):
    sector = Sector.objects.get(slug="alimentation")
    poles_with_scores(FIVE, region=region)
    with django_assert_num_queries(1):
        cohort_medians(referentiel, region=region, sectors=[sector])
    poles_with_scores(FIVE * 2, region=region)
    # Written in bulk, as a validation would have: its scope renewed, the cache misses.
    invalidate(cohorts(referentiel.pk))
    with django_assert_num_queries(1):
        groups = cohort_medians(referentiel, region=region, sectors=[sector])
    assert groups[0].pole_count == 15


def test_the_medians_are_read_from_the_cache_until_an_evaluation_is_validated(
    referentiel, pole, coordinator, django_assert_num_queries
):
    poles_with_scores(FIVE)
    assert cohort_medians(referentiel)[0].pole_count == 5
    with django_assert_num_queries(0):
        assert cohort_medians(referentiel)[0].pole_count == 5

    evaluation = validated_evaluation(
        pole, "333333333", state=EvaluationState.CONSOLIDATION, referentiel=referentiel
    )
    evaluation_validate(evaluation=evaluation, by=coordinator)

    assert cohort_medians(referentiel)[0].pole_count == 6


def test_the_radar_overlay_is_the_chosen_group_or_the_national_one(referentiel, region):
    poles_with_scores(FIVE, region=region)
    groups = cohort_medians(referentiel, region=region)
    assert pick(groups, "region").scope == "region"
    assert pick(groups, None).scope == "national"
    assert pick(groups, "filiere-inconnue").scope == "national"
    assert pick([], "region") is None


@pytest.mark.parametrize(
    "scores",
    [[3], [1, 5], [1, 2, 2, 5], [5, 5, 1, 1, 1], [4, 4, 4, 4, 4, 2], [1, 2, 3, 4, 5, 5, 5, 2]],
)
def test_the_median_from_counted_scores_is_the_median_of_the_scores(scores):
    counts = {score: scores.count(score) for score in set(scores)}
    assert histogram_median(counts) == float(statistics.median(scores))


def test_nothing_counted_has_no_median():
    assert histogram_median({}) is None


def test_once_computed_a_validation_is_recomputed_by_a_job_meanwhile_the_last_medians_show(
    referentiel,
    pole,
    coordinator,
    other_pole,
    other_coordinator,
    job_queue,
    django_capture_on_commit_callbacks,
):
    poles_with_scores(FIVE)
    assert cohort_medians(referentiel)[0].pole_count == 5
    evaluation = validated_evaluation(
        pole, "333333333", state=EvaluationState.CONSOLIDATION, referentiel=referentiel
    )
    evaluation_validate(evaluation=evaluation, by=coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        assert cohort_medians(referentiel)[0].pole_count == 5
        assert cohort_medians(referentiel)[0].pole_count == 5
    assert [task.name for task in job_queue.pending()] == ["cohort_medians_refresh"]

    job_queue.run()
    assert cohort_medians(referentiel)[0].pole_count == 6

    # The job freed its turn: the next change is recomputed too.
    other = validated_evaluation(
        other_pole, "444444444", state=EvaluationState.CONSOLIDATION, referentiel=referentiel
    )
    evaluation_validate(evaluation=other, by=other_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        assert cohort_medians(referentiel)[0].pole_count == 6
    job_queue.run()
    assert cohort_medians(referentiel)[0].pole_count == 7
