"""The states of an evaluation: the transition table, its services, the log."""

# Fixtures imported from tests.assessments.grid are re-declared as test arguments.
# ruff: noqa: F811

from itertools import product

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ptce.assessments.evaluation import services_consolidation, services_workflow, workflow
from ptce.assessments.models import EvaluationState, EvaluationTransition
from tests.assessments.grid import sheet, to_consolidation, validate

pytestmark = pytest.mark.django_db

ALLOWED = {
    ("brouillon", "ouverte"),
    ("ouverte", "consolidation"),
    ("consolidation", "ouverte"),
    ("consolidation", "validee"),
}
STATES = [state for state, _ in EvaluationState.choices]


def put_in_state(evaluation, state):
    """Bring an evaluation to `state` through the services (each step logged)."""
    if state == "ouverte":
        services_workflow.evaluation_open(evaluation=evaluation, by=evaluation.created_by)
    elif state == "consolidation":
        to_consolidation(evaluation)
    elif state == "validee":
        validate(evaluation)
    evaluation.refresh_from_db()
    assert evaluation.state == state
    return evaluation


def ready_to_move(evaluation):
    """Fill what the next move needs: a sent sheet when open; a synthesis and an agreed score
    when in consolidation."""
    if evaluation.state == "ouverte":
        sheet(evaluation, "333333333")
    if evaluation.state == "consolidation":
        services_consolidation.consolidation_save(
            evaluation=evaluation,
            scores={"A": {"score": 4, "comment": ""}},
            synthesis="Synthèse.",
            action_items=[],
            by=evaluation.created_by,
        )


def test_the_table_holds_exactly_the_four_moves_of_the_method():
    assert set(workflow.TRANSITIONS) == ALLOWED
    assert {name for name, _ in workflow.TRANSITIONS.values()} == {
        "open",
        "start_consolidation",
        "reopen",
        "validate",
    }


def test_each_state_lists_the_moves_it_allows():
    assert [t.target for t in workflow.WORKFLOW.transitions_from("brouillon")] == ["ouverte"]
    assert sorted(t.target for t in workflow.WORKFLOW.transitions_from("consolidation")) == [
        "ouverte",
        "validee",
    ]
    assert workflow.WORKFLOW.transitions_from("validee") == []


@pytest.mark.parametrize(("source", "target"), sorted(ALLOWED))
def test_every_allowed_move_changes_the_state_and_writes_a_log_row(
    evaluation, coordinator, source, target
):
    put_in_state(evaluation, source)
    ready_to_move(evaluation)
    before = EvaluationTransition.objects.count()
    services_workflow.evaluation_transition(
        evaluation=evaluation, target=target, by=coordinator, reason="Atelier du 3 mars"
    )
    evaluation.refresh_from_db()
    assert evaluation.state == target
    assert EvaluationTransition.objects.count() == before + 1
    log = evaluation.transitions.last()
    assert (log.from_state, log.to_state, log.by, log.reason) == (
        source,
        target,
        coordinator,
        "Atelier du 3 mars",
    )
    assert log.at is not None


FORBIDDEN = sorted(
    (source, target)
    for source, target in product(STATES, STATES)
    if (source, target) not in ALLOWED
)


@pytest.mark.parametrize(("source", "target"), FORBIDDEN)
def test_every_other_move_is_refused_in_french_and_changes_nothing(
    evaluation, coordinator, source, target
):
    put_in_state(evaluation, source)
    ready_to_move(evaluation)
    log_count = EvaluationTransition.objects.count()
    with pytest.raises(ValidationError) as error:
        services_workflow.evaluation_transition(
            evaluation=evaluation, target=target, by=coordinator
        )
    message = " ".join(error.value.messages)
    assert "ne peut" in message
    evaluation.refresh_from_db()
    assert evaluation.state == source
    assert EvaluationTransition.objects.count() == log_count


@pytest.mark.parametrize(
    ("service", "source"),
    [
        (services_workflow.evaluation_open, "ouverte"),
        (services_workflow.evaluation_start_consolidation, "brouillon"),
        (services_workflow.evaluation_reopen, "brouillon"),
        (services_workflow.evaluation_validate, "ouverte"),
        (services_workflow.evaluation_open, "validee"),
    ],
)
def test_each_service_checks_its_source_state(evaluation, coordinator, service, source):
    put_in_state(evaluation, source)
    with pytest.raises(ValidationError):
        service(evaluation=evaluation, by=coordinator)
    evaluation.refresh_from_db()
    assert evaluation.state == source


def test_a_stale_object_in_memory_does_not_get_past_the_state_in_the_database(
    evaluation, coordinator
):
    validate(evaluation)
    stale = type(evaluation).objects.get(pk=evaluation.pk)
    stale.state = "consolidation"
    with pytest.raises(ValidationError, match="validée"):
        services_workflow.evaluation_reopen(evaluation=stale, by=coordinator)


@pytest.mark.parametrize("role", ["member", "outsider", "other_coordinator", "instructor"])
def test_only_coordinators_and_admins_move_an_evaluation(evaluation, request, role):
    with pytest.raises(PermissionDenied):
        services_workflow.evaluation_open(evaluation=evaluation, by=request.getfixturevalue(role))
    evaluation.refresh_from_db()
    assert evaluation.state == "brouillon"
    assert not evaluation.transitions.exists()


def test_an_admin_may_move_an_evaluation(evaluation, admin_user):
    services_workflow.evaluation_open(evaluation=evaluation, by=admin_user)
    assert evaluation.transitions.get().by == admin_user


def test_consolidation_needs_at_least_one_sheet_sent(evaluation, coordinator):
    services_workflow.evaluation_open(evaluation=evaluation, by=coordinator)
    with pytest.raises(ValidationError, match="Aucune feuille"):
        services_workflow.evaluation_start_consolidation(evaluation=evaluation, by=coordinator)
    sheet(evaluation, "333333333")
    services_workflow.evaluation_start_consolidation(evaluation=evaluation, by=coordinator)
    assert evaluation.state == "consolidation"


def test_validation_needs_a_synthesis_and_an_agreed_score(evaluation, coordinator):
    to_consolidation(evaluation)
    with pytest.raises(ValidationError) as error:
        services_workflow.evaluation_validate(evaluation=evaluation, by=coordinator)
    assert "synthèse" in error.value.messages[0]
    assert "note retenue" in error.value.messages[0]
    services_consolidation.consolidation_save(
        evaluation=evaluation,
        scores={"A": {"score": None, "comment": "Pas d’accord"}},
        synthesis="Synthèse.",
        action_items=[],
        by=coordinator,
    )
    with pytest.raises(ValidationError, match="au moins une note retenue"):
        services_workflow.evaluation_validate(evaluation=evaluation, by=coordinator)
    services_consolidation.consolidation_save(
        evaluation=evaluation,
        scores={"A": {"score": 2, "comment": ""}},
        synthesis="Synthèse.",
        action_items=[],
        by=coordinator,
    )
    services_workflow.evaluation_validate(evaluation=evaluation, by=coordinator)
    evaluation.refresh_from_db()
    assert evaluation.state == "validee"
    assert evaluation.validated_at is not None


def test_reopening_keeps_what_was_consolidated(evaluation, coordinator):
    to_consolidation(evaluation)
    ready_to_move(evaluation)
    services_workflow.evaluation_reopen(evaluation=evaluation, by=coordinator, reason="Retard")
    assert evaluation.consolidated_scores.get().score == 4
    assert evaluation.synthesis == "Synthèse."


def test_the_log_tells_the_whole_story_in_order(evaluation, coordinator):
    validate(evaluation)
    assert list(evaluation.transitions.values_list("from_state", "to_state")) == [
        ("brouillon", "ouverte"),
        ("ouverte", "consolidation"),
        ("consolidation", "validee"),
    ]


def test_an_unknown_target_state_is_refused(evaluation, coordinator):
    with pytest.raises(ValidationError, match="inconnu"):
        services_workflow.evaluation_transition(
            evaluation=evaluation, target="archivee", by=coordinator
        )
