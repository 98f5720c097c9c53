"""Issue 12, finding 5: a state change made twice at once (two tabs, two instructors) happens
once; the second reads the state again under the row lock and is refused."""

import pytest
from django.core.exceptions import ValidationError

from ptce.calls.instruction.services import application_decide
from ptce.calls.models import Application, ApplicationState, ApplicationTransition
from ptce.calls.moves import move
from tests.calls.factories.instruction import application_in
from tests.races import ON_POSTGRESQL, run_at_once

S = ApplicationState

pytestmark = [ON_POSTGRESQL, pytest.mark.django_db(transaction=True)]


def copy(application):
    """What one tab works on: its own copy of the row, read before the race."""
    return Application.objects.get(pk=application.pk)


def test_starting_the_instruction_twice_at_once_starts_it_once(pole, coordinator, instructor):
    application = application_in(pole, S.SUBMITTED, author=coordinator)
    tabs = [copy(application), copy(application)]

    outcomes = run_at_once(
        *[lambda tab=tab: move(application=tab, name="start", by=instructor) for tab in tabs]
    )

    assert sorted(type(o).__name__ for o in outcomes) == ["NoneType", "ValidationError"]
    assert ApplicationTransition.objects.filter(application=application).count() == 1


def test_two_different_decisions_at_once_give_one_decision(pole, coordinator, national_instructor):
    application = application_in(pole, S.INSTRUCTION, author=coordinator)
    laureate, rejected = copy(application), copy(application)

    outcomes = run_at_once(
        lambda: application_decide(
            application=laureate,
            name="decide_laureate",
            by=national_instructor,
            motivation="Oui",
            without_proposal_reason="Décision d’essai.",
        ),
        lambda: application_decide(
            application=rejected,
            name="decide_rejected",
            by=national_instructor,
            motivation="Non",
            without_proposal_reason="Décision d’essai.",
        ),
    )

    assert [isinstance(o, ValidationError) for o in outcomes].count(True) == 1
    application.refresh_from_db()
    [transition] = ApplicationTransition.objects.filter(application=application)
    assert application.state == transition.to_state
    assert application.decision_motivation == ("Oui" if outcomes[0] is None else "Non")
