"""The call editor's services: calls and phases, the form's frozen revisions, the grid and the
régions' instructors."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ptce.calls.applicant.formbuilder import form_structure
from ptce.calls.applicant.selectors import answers_view
from ptce.calls.editor import instructors, services, services_form
from ptce.calls.editor.revisions import form_is_frozen
from ptce.calls.models import (
    Application,
    ApplicationState,
    Call,
    FormRevision,
    Phase,
    Question,
    QuestionKind,
    Section,
)
from ptce.core.versioning import EditConflict
from tests.calls.factories import (
    ApplicationFactory,
    CallFactory,
    CriterionFactory,
    PhaseFactory,
    QuestionFactory,
    SectionFactory,
)
from tests.calls.factories.instruction import application_in, scored
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db


def _phase_fields(**fields):
    return {"name": "Reconnaissance", "requires_compliance": False, **fields}


# --- Calls and phases -------------------------------------------------------------------------


def test_a_call_is_created_unpublished_and_published_once_it_has_a_phase(national_instructor):
    call = services.call_create(
        by=national_instructor, name="AMI PTCE 2027", slug="ami-ptce-2027", year=2027
    )
    assert not call.is_published
    with pytest.raises(ValidationError, match="au moins une phase"):
        services.call_publish(call=call, by=national_instructor)
    services.phase_create(call=call, is_permanent=True, **_phase_fields())
    services.call_publish(call=call, by=national_instructor)
    call.refresh_from_db()
    assert call.is_published
    with pytest.raises(ValidationError, match="déjà publié"):
        services.call_publish(call=call, by=national_instructor)
    services.call_unpublish(call=call, by=national_instructor)
    call.refresh_from_db()
    assert not call.is_published


def test_a_second_call_with_the_same_slug_is_refused_in_french(national_instructor):
    CallFactory(slug="ami-ptce-2027")
    with pytest.raises(ValidationError, match="adresse courte « ami-ptce-2027 »"):
        services.call_create(by=national_instructor, name="Autre", slug="ami-ptce-2027", year=2027)
    assert Call.objects.count() == 1


def test_a_stale_call_edit_is_a_conflict_and_writes_nothing(national_instructor):
    call = CallFactory(name="Avant")
    services.call_update(call=call, version=1, name="Première", slug=call.slug, year=2022)
    with pytest.raises(EditConflict):
        services.call_update(call=call, version=1, name="Seconde", slug=call.slug, year=2022)
    call.refresh_from_db()
    assert (call.name, call.version) == ("Première", 2)


def test_a_permanent_phase_needs_no_closing_date():
    call = CallFactory()
    phase = services.phase_create(
        call=call, is_permanent=True, opens_on=datetime.date(2026, 1, 1), **_phase_fields()
    )
    assert (phase.number, phase.closes_on, phase.is_permanent) == (1, None, True)
    second = services.phase_create(call=call, is_permanent=True, **_phase_fields(name="Soutien"))
    assert second.number == 2  # the next number when none is given


def test_a_phase_with_a_window_needs_both_dates_in_order():
    call = CallFactory()
    with pytest.raises(ValidationError) as error:
        services.phase_create(call=call, opens_on=datetime.date(2026, 1, 1), **_phase_fields())
    assert "mode permanent" in str(error.value.message_dict["closes_on"])
    with pytest.raises(ValidationError) as error:
        services.phase_create(
            call=call,
            opens_on=datetime.date(2026, 3, 1),
            closes_on=datetime.date(2026, 1, 1),
            **_phase_fields(),
        )
    assert "doit suivre" in str(error.value.message_dict["closes_on"])
    assert not Phase.objects.exists()


def test_the_database_refuses_a_phase_closing_before_it_opens():
    phase = PhaseFactory()
    phase.opens_on, phase.closes_on = datetime.date(2026, 3, 1), datetime.date(2026, 1, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        phase.save()


def test_the_required_phase_is_an_earlier_phase_of_the_same_call():
    first = PhaseFactory(number=1)
    second = services.phase_create(
        call=first.call, is_permanent=True, requires_phase=first, **_phase_fields()
    )
    assert second.requires_phase == first
    with pytest.raises(ValidationError, match="même appel"):
        services.phase_create(
            call=CallFactory(), is_permanent=True, requires_phase=first, **_phase_fields()
        )
    with pytest.raises(ValidationError, match="précéder"):
        services.phase_update(phase=first, requires_phase=second, is_permanent=True)


def test_eligibility_rules_and_regions_are_saved(region):
    phase = PhaseFactory()
    services.phase_update(
        phase=phase,
        version=phase.version,
        requires_compliance=True,
        minimum_stage=2,
        regions=[region],
    )
    phase.refresh_from_db()
    assert (phase.requires_compliance, phase.minimum_stage, phase.version) == (True, 2, 2)
    assert list(phase.regions.all()) == [region]


# --- The form and its revisions ---------------------------------------------------------------


def _form():
    phase = PhaseFactory()
    section = SectionFactory(phase=phase, title="Le projet")
    question = QuestionFactory(section=section, key="projet", label="Votre projet")
    return phase, section, question


def test_a_form_nobody_deposited_against_is_edited_in_place(national_instructor):
    phase, section, question = _form()
    ApplicationFactory(phase=phase)  # a draft
    services_form.question_update(
        question=question, by=national_instructor, version=1, label="Le projet en bref"
    )
    assert not FormRevision.objects.exists()
    question.refresh_from_db()
    assert question.label == "Le projet en bref"


def test_editing_a_frozen_form_creates_a_revision_and_keeps_the_old_one(national_instructor):
    phase, section, question = _form()
    deposited = application_in(PoleFactory(), ApplicationState.SUBMITTED, phase=phase)
    draft = ApplicationFactory(phase=phase)
    assert form_is_frozen(phase.pk)

    services_form.question_update(
        question=question, by=national_instructor, version=1, label="Le projet en bref"
    )

    revision = FormRevision.objects.get()
    assert (revision.phase, revision.number, revision.created_by) == (
        phase,
        1,
        national_instructor,
    )
    question.refresh_from_db()
    assert (question.label, question.section.revision) == ("Votre projet", revision)
    deposited.refresh_from_db()
    draft.refresh_from_db()
    assert deposited.form_revision == revision  # answered the frozen one
    assert draft.form_revision is None  # answers the new current form
    [(current_section, [current_question])] = form_structure(phase)
    assert current_section.pk != section.pk
    assert current_section.revision is None
    assert (current_question.key, current_question.label) == ("projet", "Le projet en bref")
    assert not form_is_frozen(phase.pk)


def test_answers_stay_attached_to_the_revision_they_answered(national_instructor):
    phase, section, question = _form()
    deposited = application_in(
        PoleFactory(),
        ApplicationState.SUBMITTED,
        phase=phase,
        snapshot={"answers": {"projet": "Un tiers-lieu"}, "pole": {}},
    )
    services_form.question_create(
        section=section, by=national_instructor, label="Budget", kind=QuestionKind.AMOUNT
    )
    services_form.section_update(
        section=Section.objects.get(phase=phase, revision=None),
        by=national_instructor,
        version=1,
        title="Le projet et son budget",
    )
    later = ApplicationFactory(phase=phase, answers={"projet": "Une recyclerie", "budget": "10"})
    deposited.refresh_from_db()

    old = answers_view(deposited)
    assert [s.title for s in old] == ["Le projet"]
    assert [(r.label, r.value) for r in old[0].rows] == [("Votre projet", "Un tiers-lieu")]
    new = answers_view(later)
    assert [s.title for s in new] == ["Le projet et son budget"]
    assert [r.label for r in new[0].rows] == ["Votre projet", "Budget"]
    # One revision only: the second change edited the current form, nobody had deposited.
    assert FormRevision.objects.count() == 1


def test_a_later_deposit_freezes_the_new_revision_in_turn(national_instructor):
    phase, section, question = _form()
    application_in(PoleFactory(), ApplicationState.SUBMITTED, phase=phase)
    services_form.question_delete(question=question, by=national_instructor)
    assert list(Question.objects.filter(section__revision=None, section__phase=phase)) == []
    application_in(PoleFactory(), ApplicationState.SUBMITTED, phase=phase)
    current = Section.objects.get(phase=phase, revision=None)
    services_form.section_update(section=current, by=national_instructor, title="Bis")
    assert list(FormRevision.objects.values_list("number", flat=True)) == [1, 2]
    assert Application.objects.filter(form_revision__number=2).count() == 1


def test_a_frozen_row_opened_before_the_revision_is_refused(national_instructor):
    phase, section, question = _form()
    application_in(PoleFactory(), ApplicationState.SUBMITTED, phase=phase)
    services_form.section_update(section=section, by=national_instructor, title="Nouveau")
    section.refresh_from_db()
    with pytest.raises(ValidationError, match="figée"):
        services_form.question_create(section=section, by=national_instructor, label="Autre")


def test_a_question_key_is_unique_in_the_current_form(national_instructor):
    phase, section, question = _form()
    other = SectionFactory(phase=phase)
    with pytest.raises(ValidationError) as error:
        services_form.question_create(
            section=other, by=national_instructor, label="Doublon", key="projet"
        )
    assert "sert déjà" in str(error.value.message_dict["key"])
    made = services_form.question_create(
        section=other, by=national_instructor, label="Votre projet", kind=QuestionKind.LONG_TEXT
    )
    assert made.key == "votre-projet"


def test_a_choice_question_needs_two_choices(national_instructor):
    phase, section, question = _form()
    with pytest.raises(ValidationError) as error:
        services_form.question_create(
            section=section, by=national_instructor, label="Statut", kind=QuestionKind.CHOICE
        )
    assert "deux choix" in str(error.value.message_dict["choices"])
    assert section.questions.count() == 1


def test_the_database_refuses_two_revisions_with_the_same_number():
    phase = PhaseFactory()
    FormRevision.objects.create(phase=phase, number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        FormRevision.objects.create(phase=phase, number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        FormRevision.objects.create(phase=phase, number=0)


# --- The grid ---------------------------------------------------------------------------------


def test_a_scored_criterion_keeps_its_scores(pole):
    application = application_in(pole)
    criterion = CriterionFactory(phase=application.phase, max_score=5)
    scored(application, {criterion: 4})
    with pytest.raises(ValidationError, match="note de 4"):
        services_form.criterion_update(criterion=criterion, max_score=3)
    with pytest.raises(ValidationError, match="déjà noté"):
        services_form.criterion_delete(criterion=criterion)
    with pytest.raises(ValidationError):
        services_form.criterion_create(phase=application.phase, label="Zéro", weight=0)
    criterion.refresh_from_db()
    assert criterion.max_score == 5


# --- Instructors ------------------------------------------------------------------------------


def test_an_instructor_is_created_for_a_region_and_emailed(
    national_instructor, region, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user, created = instructors.instructor_invite(
            email=" Agent@Dreets.gouv.fr ", region=region, by=national_instructor, last_name="Agent"
        )
    assert created
    assert user.email == "agent@dreets.gouv.fr"
    assert user.is_instructor
    assert not user.is_national_instructor
    assert not user.has_usable_password()
    assert list(user.instructor_regions.all()) == [region]
    [mail] = mailoutbox
    assert mail.to == ["agent@dreets.gouv.fr"]
    assert region.name in mail.subject
    assert "/mot-de-passe/" in mail.body


def test_an_existing_account_gains_the_region_once(national_instructor, region, other_instructor):
    user, created = instructors.instructor_invite(
        email=other_instructor.email, region=region, by=national_instructor
    )
    assert not created
    assert set(user.instructor_regions.all()) >= {region}
    with pytest.raises(ValidationError, match="instruit déjà"):
        instructors.instructor_invite(
            email=other_instructor.email, region=region, by=national_instructor
        )
    with pytest.raises(ValidationError, match="cellule nationale"):
        instructors.instructor_invite(
            email=national_instructor.email, region=region, by=national_instructor
        )


def test_an_instructor_without_region_is_no_longer_an_instructor(instructor, region):
    instructors.instructor_region_remove(user=instructor, region=region)
    instructor.refresh_from_db()
    assert not instructor.is_instructor
