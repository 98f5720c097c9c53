"""Every move of the transition table, from every state, by every kind of actor."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ptce.calls.models import ApplicationState, ApplicationTransition
from ptce.calls.moves import move
from ptce.calls.workflow import APPLICANT, INSTRUCTOR, NATIONAL, TRANSITIONS
from tests.calls.factories.instruction import application_in

STATES = list(ApplicationState.values)
NAMES = sorted({t.name for t in TRANSITIONS})
# Which actors of the table each member of the cast may act as.
ACTING_AS = {
    "coordinator": {APPLICANT},  # the application's author
    "instructor": {INSTRUCTOR},
    "national_instructor": {INSTRUCTOR, NATIONAL},
    "admin_user": {INSTRUCTOR, NATIONAL},
    "other_instructor": set(),
    "other_coordinator": set(),
    "member": set(),
}


def expected(state: str, name: str, role: str):
    for transition in TRANSITIONS:
        if transition.name == name and transition.source == state:
            return transition if transition.actor in ACTING_AS[role] else PermissionDenied
    return ValidationError


@pytest.mark.parametrize("role", list(ACTING_AS))
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("state", STATES)
def test_each_move_is_allowed_only_from_its_source_state_and_to_its_actor(
    request, pole, coordinator, state, name, role
):
    application = application_in(pole, state, author=coordinator)
    user = request.getfixturevalue(role)
    outcome = expected(state, name, role)
    if isinstance(outcome, type):
        with pytest.raises(outcome):
            move(application=application, name=name, by=user, motivation="Parce que.")
        application.refresh_from_db()
        assert application.state == state
        assert not ApplicationTransition.objects.filter(application=application).exists()
        return
    move(application=application, name=name, by=user, motivation="Parce que.")
    application.refresh_from_db()
    assert application.state == outcome.target
    log = ApplicationTransition.objects.get(application=application)
    assert (log.from_state, log.to_state, log.by, log.motivation) == (
        state,
        outcome.target,
        user,
        "Parce que.",
    )
    assert log.at is not None


def test_the_table_has_a_move_out_of_every_live_state_and_none_out_of_final_ones():
    sources = {t.source for t in TRANSITIONS}
    assert sources == {
        ApplicationState.DRAFT,
        ApplicationState.SUBMITTED,
        ApplicationState.INSTRUCTION,
        ApplicationState.COMPLEMENT,
    }


def test_a_co_editor_may_make_the_applicants_moves_but_another_coordinator_may_not(
    pole, coordinator
):
    from ptce.poles.models import PersonRole
    from tests.poles.factories import PolePersonFactory

    co_editor = PolePersonFactory(pole=pole, role=PersonRole.COORDINATOR).user
    bystander = PolePersonFactory(pole=pole, role=PersonRole.COORDINATOR).user
    application = application_in(pole, ApplicationState.DRAFT, author=coordinator)
    application.co_editors.add(co_editor)
    with pytest.raises(PermissionDenied):
        move(application=application, name="submit", by=bystander)
    move(application=application, name="submit", by=co_editor)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


@pytest.mark.parametrize("name", ["request_complement", "decide_laureate", "decide_rejected"])
def test_a_move_that_needs_a_motivation_is_refused_without_one(pole, national_instructor, name):
    application = application_in(pole, ApplicationState.INSTRUCTION)
    with pytest.raises(ValidationError, match="motivation"):
        move(application=application, name=name, by=national_instructor, motivation="   ")
    application.refresh_from_db()
    assert application.state == ApplicationState.INSTRUCTION
    assert not application.transitions.exists()


def test_a_move_reads_the_state_again_and_refuses_a_stale_object(pole, coordinator, instructor):
    application = application_in(pole, ApplicationState.SUBMITTED, author=coordinator)
    stale = type(application).objects.get(pk=application.pk)
    move(application=application, name="withdraw", by=coordinator)
    with pytest.raises(ValidationError, match="retirée"):
        move(application=stale, name="start", by=instructor)
