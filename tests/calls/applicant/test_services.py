"""The applicant's services: who may do what, and bad input writes nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from freezegun import freeze_time

from ptce.calls.applicant import services
from ptce.calls.models import Application, ApplicationState, ApplicationTransition, RequirementMode
from tests.calls.factories import ApplicationFactory, PhaseFactory
from tests.calls.factories.applicant import phase_with_form

pytestmark = pytest.mark.django_db

COMPLETE = {"projet": "Titre", "budget": "10.00", "partenaires": [{"nom": "Mairie"}]}


@pytest.fixture
def phase():
    return phase_with_form()[0]


@pytest.fixture
def draft(pole, coordinator, phase):
    return ApplicationFactory(pole=pole, phase=phase, created_by=coordinator)


@pytest.mark.parametrize("role", ["member", "instructor", "admin_user", "other_coordinator"])
def test_only_a_coordinator_of_the_pole_creates_an_application(request, role, pole, phase):
    with pytest.raises(PermissionDenied):
        services.application_create(pole=pole, phase=phase, by=request.getfixturevalue(role))
    assert not Application.objects.exists()


def test_an_ineligible_pole_gets_the_reasons_and_nothing_is_created(pole, coordinator):
    phase = PhaseFactory(requires_compliance=True)
    with pytest.raises(ValidationError) as error:
        services.application_create(pole=pole, phase=phase, by=coordinator)
    assert "article 9" in error.value.messages[0]
    assert not Application.objects.exists()


def test_a_joint_filing_records_the_phase_1_application(pole, coordinator):
    phase_1 = PhaseFactory(number=1)
    phase_2 = PhaseFactory(
        call=phase_1.call,
        number=2,
        requires_phase=phase_1,
        requirement_mode=RequirementMode.LAUREATE_OR_JOINT,
    )
    first = services.application_create(pole=pole, phase=phase_1, by=coordinator)
    second = services.application_create(pole=pole, phase=phase_2, by=coordinator)
    assert second.joint_with == first
    assert second.created_by == coordinator


@pytest.mark.parametrize(
    "state",
    [
        ApplicationState.SUBMITTED,
        ApplicationState.INSTRUCTION,
        ApplicationState.LAUREATE,
        ApplicationState.WITHDRAWN,
    ],
)
def test_answers_cannot_change_after_submission(draft, coordinator, state):
    Application.objects.filter(pk=draft.pk).update(state=state)
    section = draft.phase.sections.first()
    with pytest.raises(ValidationError, match="ne peuvent plus être modifiées"):
        services.application_save_answers(
            application=draft, section=section, data={"projet": "X"}, files={}, by=coordinator
        )
    draft.refresh_from_db()
    assert draft.answers == {}


def test_answers_change_again_when_a_complement_is_requested(draft, coordinator):
    Application.objects.filter(pk=draft.pk).update(state=ApplicationState.COMPLEMENT)
    section = draft.phase.sections.first()
    services.application_save_answers(
        application=draft, section=section, data={"projet": "X"}, files={}, by=coordinator
    )
    draft.refresh_from_db()
    assert draft.answers["projet"] == "X"


def test_a_section_of_another_phase_is_refused(draft, coordinator):
    other_section = phase_with_form()[0].sections.first()
    with pytest.raises(ValidationError):
        services.application_save_answers(
            application=draft, section=other_section, data={}, files={}, by=coordinator
        )


def test_submission_lists_what_is_missing_and_writes_nothing(draft, coordinator):
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=draft, by=coordinator)
    assert "Le projet — « Nom du projet » : réponse obligatoire." in error.value.messages
    draft.refresh_from_db()
    assert draft.state == ApplicationState.DRAFT
    assert draft.snapshot == {}
    assert not ApplicationTransition.objects.exists()


def test_a_complete_draft_is_submitted_with_its_dates(draft, coordinator):
    draft.answers = COMPLETE
    draft.save()
    services.application_submit(application=draft, by=coordinator)
    draft.refresh_from_db()
    assert draft.state == ApplicationState.SUBMITTED
    assert draft.first_submitted_at is not None
    # The art. 9 answer (« ess ») is computed from the pole's data at the deposit.
    assert draft.snapshot["answers"] == {**COMPLETE, "ess": False}


def test_a_draft_cannot_be_submitted_after_the_closing_date(draft, coordinator):
    draft.answers = COMPLETE
    draft.save()
    draft.phase.closes_on = datetime.date(2024, 1, 31)
    draft.phase.save()
    with freeze_time("2024-02-01"), pytest.raises(ValidationError, match="clos depuis"):
        services.application_submit(application=draft, by=coordinator)


def test_only_the_author_or_a_coeditor_submits(draft, pole, instructor):
    draft.answers = COMPLETE
    draft.save()
    with pytest.raises(PermissionDenied):
        services.application_submit(application=draft, by=instructor)


def test_a_co_editor_must_be_a_coordinator_of_the_pole(draft, coordinator, member):
    with pytest.raises(ValidationError, match="coordinateurs du pôle"):
        services.application_coeditor_add(application=draft, user=member, by=coordinator)
    assert not draft.co_editors.exists()


def test_a_coordinator_who_is_not_an_editor_cannot_invite(draft, pole, coordinator):
    from ptce.poles.models import PersonRole
    from tests.poles.factories import PolePersonFactory

    bystander = PolePersonFactory(pole=pole, role=PersonRole.COORDINATOR).user
    with pytest.raises(PermissionDenied):
        services.application_coeditor_add(application=draft, user=bystander, by=bystander)


def test_withdrawal_is_logged_with_its_motivation(draft, coordinator):
    services.application_withdraw(application=draft, by=coordinator, motivation="Reporté")
    draft.refresh_from_db()
    assert draft.state == ApplicationState.WITHDRAWN
    assert ApplicationTransition.objects.get().motivation == "Reporté"


def test_a_decided_application_cannot_be_withdrawn(draft, coordinator):
    Application.objects.filter(pk=draft.pk).update(state=ApplicationState.REJECTED)
    with pytest.raises(ValidationError):
        services.application_withdraw(application=draft, by=coordinator)


def test_a_complement_is_checked_against_the_revision_the_application_answered(
    draft, coordinator, national_instructor
):
    from ptce.calls.editor import services_form
    from ptce.calls.models import QuestionKind, Section

    draft.answers = COMPLETE
    draft.save()
    services.application_submit(application=draft, by=coordinator)
    # The national cell adds a required question: the deposited form is frozen as revision 1.
    current = Section.objects.filter(phase=draft.phase, revision=None).first()
    services_form.question_create(
        section=current,
        by=national_instructor,
        key="effectif",
        label="Effectif salarié",
        kind=QuestionKind.SHORT_TEXT,
        required=True,
    )
    draft.refresh_from_db()
    assert draft.form_revision is not None
    Application.objects.filter(pk=draft.pk).update(state=ApplicationState.COMPLEMENT)
    draft.refresh_from_db()

    services.application_submit(application=draft, by=coordinator)

    draft.refresh_from_db()
    assert draft.state == ApplicationState.SUBMITTED
    assert "effectif" not in draft.snapshot["answers"]
