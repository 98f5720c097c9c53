"""Writes of the consolidation and publication; deleting a draft."""

# Fixtures imported from tests.assessments.grid are re-declared as test arguments.
# ruff: noqa: F811

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ptce.assessments.evaluation import services, services_consolidation
from ptce.assessments.models import ActionItem, ConsolidatedScore, Evaluation, Rater
from tests.assessments.grid import pole_member, to_consolidation, validate

pytestmark = pytest.mark.django_db


# Consolidation ---------------------------------------------------------------------------


def test_consolidation_records_scores_synthesis_and_plan(evaluation, coordinator):
    to_consolidation(evaluation, "333333333", "555555555")
    services_consolidation.consolidation_save(
        evaluation=evaluation,
        scores={"A": {"score": 4, "comment": "Entre les deux"}, "B": {"score": None}},
        synthesis="  Un pôle qui avance.  ",
        action_items=[
            {"letter": "A", "what": "Ouvrir le lieu le samedi", "who": "Sam", "due_on": None},
            {"letter": None, "what": "Publier le bilan", "who": "", "due_on": date(2026, 9, 1)},
        ],
        by=coordinator,
    )
    assert dict(evaluation.consolidated_scores.values_list("criterion__letter", "score")) == {
        "A": 4,
        "B": None,
    }
    evaluation.refresh_from_db()
    assert evaluation.synthesis == "Un pôle qui avance."
    assert [
        (a.criterion and a.criterion.letter, a.what) for a in evaluation.action_items.all()
    ] == [
        (None, "Publier le bilan"),
        ("A", "Ouvrir le lieu le samedi"),
    ], "dated items first, on SQLite and PostgreSQL alike"


def test_saving_again_updates_rows_and_replaces_the_plan(evaluation, coordinator):
    to_consolidation(evaluation)
    for score, what in [(2, "Première idée"), (5, "Seconde idée")]:
        services_consolidation.consolidation_save(
            evaluation=evaluation,
            scores={"C": {"score": score, "comment": ""}},
            synthesis="S",
            action_items=[{"letter": "C", "what": what}],
            by=coordinator,
        )
    assert ConsolidatedScore.objects.get().score == 5
    assert list(ActionItem.objects.values_list("what", flat=True)) == ["Seconde idée"]


@pytest.mark.parametrize(
    ("scores", "items", "message"),
    [
        ({"A": {"score": 6}}, [], "de 1 à 5"),
        ({"Z": {"score": 3}}, [], "Critère inconnu"),
        ({}, [{"letter": "Z", "what": "x"}], "Critère inconnu"),
        ({}, [{"letter": "A", "what": "  "}], "décrivez"),
    ],
)
def test_bad_consolidation_input_writes_nothing(evaluation, coordinator, scores, items, message):
    to_consolidation(evaluation)
    with pytest.raises(ValidationError, match=message):
        services_consolidation.consolidation_save(
            evaluation=evaluation,
            scores={"B": {"score": 3}, **scores},
            synthesis="Ne doit pas rester",
            action_items=items,
            by=coordinator,
        )
    evaluation.refresh_from_db()
    assert evaluation.synthesis == ""
    assert not ConsolidatedScore.objects.exists()


def test_consolidation_is_saved_only_in_consolidation(open_evaluation, coordinator):
    with pytest.raises(ValidationError, match="en consolidation"):
        services_consolidation.consolidation_save(
            evaluation=open_evaluation,
            scores={"A": {"score": 3}},
            synthesis="",
            action_items=[],
            by=coordinator,
        )


# Publication -----------------------------------------------------------------------------


def test_only_a_validated_evaluation_is_published(evaluation, coordinator):
    with pytest.raises(ValidationError, match="validée"):
        services.evaluation_publish(evaluation=evaluation, is_public=True, by=coordinator)
    validate(evaluation)
    services.evaluation_publish(evaluation=evaluation, is_public=True, by=coordinator)
    evaluation.refresh_from_db()
    assert evaluation.is_public
    services.evaluation_publish(evaluation=evaluation, is_public=False, by=coordinator)
    evaluation.refresh_from_db()
    assert not evaluation.is_public


def test_members_do_not_publish(evaluation, coordinator, member):
    validate(evaluation)
    with pytest.raises(PermissionDenied):
        services.evaluation_publish(evaluation=evaluation, is_public=True, by=member)


def test_deleting_a_draft_removes_its_raters(evaluation, coordinator):
    services.rater_invite_external(
        evaluation=evaluation, name="Alex", email="alex@exemple.fr", by=coordinator
    )
    services.evaluation_delete(evaluation=evaluation, by=coordinator)
    assert not Evaluation.objects.exists()
    assert not Rater.objects.exists()


def test_pole_member_helper_gives_people_who_can_rate(evaluation, pole, coordinator):
    user = pole_member(pole)
    assert services.rater_add_member(evaluation=evaluation, user=user, by=coordinator).user == user
