"""Each move tells the other side by email, after the transaction commits; a failing email
backend never loses the move."""

import logging

from django.core import mail
from django.db import transaction

from ptce.calls.instruction.services import message_post, proposal_make
from ptce.calls.models import ApplicationState
from ptce.calls.moves import move
from ptce.poles.models import PersonRole
from tests.calls.factories.instruction import application_in
from tests.core.factories import UserFactory
from tests.mail import FAILING_BACKEND
from tests.poles.factories import PolePersonFactory


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_submission_tells_the_regional_instructors_after_commit(
    pole,
    coordinator,
    instructor,
    other_instructor,
    national_instructor,
    django_capture_on_commit_callbacks,
):
    application = application_in(pole, ApplicationState.DRAFT, author=coordinator)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        move(application=application, name="submit", by=coordinator)
        assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert recipients() == [instructor.email]
    message = mail.outbox[0]
    assert message.subject == f"[PTCE] Candidature déposée\xa0: {pole.name}"
    assert f"https://ptce.exemple.gouv.fr/instruction/candidatures/{application.pk}/" in (
        message.body
    )
    assert "Déposée" in message.body


def test_the_assigned_instructors_alone_hear_of_the_applicants_moves(
    pole, coordinator, instructor, region, django_capture_on_commit_callbacks
):
    colleague = UserFactory(is_instructor=True, regions=[region])
    application = application_in(pole, ApplicationState.COMPLEMENT, author=coordinator)
    application.assigned_to.add(colleague)
    with django_capture_on_commit_callbacks(execute=True):
        move(application=application, name="resubmit", by=coordinator, motivation="Voilà.")
    assert recipients() == [colleague.email]
    assert "Voilà." in mail.outbox[0].body


def test_without_regional_instructor_the_national_cell_hears_of_a_submission(
    other_pole, other_coordinator, national_instructor, django_capture_on_commit_callbacks
):
    application = application_in(other_pole, ApplicationState.DRAFT, author=other_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        move(application=application, name="submit", by=other_coordinator)
    assert recipients() == [national_instructor.email]


def test_an_instructors_move_tells_the_pole_coordinators_one_email_each(
    pole, coordinator, member, instructor, django_capture_on_commit_callbacks
):
    second = PolePersonFactory(pole=pole, role=PersonRole.COORDINATOR).user
    application = application_in(pole, ApplicationState.INSTRUCTION, author=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        move(
            application=application,
            name="request_complement",
            by=instructor,
            motivation="Joignez le budget prévisionnel.",
        )
    assert recipients() == sorted([coordinator.email, second.email])
    assert all(len(message.to) == 1 for message in mail.outbox)
    message = mail.outbox[0]
    assert message.subject == "[PTCE] Votre candidature\xa0: complément demandé"
    assert "Joignez le budget prévisionnel." in message.body
    assert f"https://ptce.exemple.gouv.fr/candidatures/{application.pk}/" in message.body


def test_the_decision_tells_the_applicant(
    pole, coordinator, national_instructor, django_capture_on_commit_callbacks
):
    application = application_in(pole, ApplicationState.INSTRUCTION, author=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        move(
            application=application,
            name="decide_laureate",
            by=national_instructor,
            motivation="Projet remarquable.",
        )
    assert recipients() == [coordinator.email]
    assert mail.outbox[0].subject == "[PTCE] Votre candidature\xa0: lauréate"


def test_a_proposal_tells_the_national_cell(
    pole, instructor, national_instructor, django_capture_on_commit_callbacks
):
    application = application_in(pole, ApplicationState.INSTRUCTION)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_make(
            application=application,
            by=instructor,
            proposal=ApplicationState.LAUREATE,
            motivation="Ancrage territorial fort.",
        )
    assert recipients() == [national_instructor.email]
    assert "Lauréate" in mail.outbox[0].body
    assert "Ancrage territorial fort." in mail.outbox[0].body


def test_a_message_tells_the_other_side(
    pole, coordinator, instructor, django_capture_on_commit_callbacks
):
    application = application_in(pole, ApplicationState.INSTRUCTION, author=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        message_post(application=application, by=coordinator, body="Une question sur le budget.")
    assert recipients() == [instructor.email]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        message_post(application=application, by=instructor, body="Voici la réponse.")
    assert recipients() == [coordinator.email]
    assert "Voici la réponse." in mail.outbox[0].body
    assert f"/candidatures/{application.pk}/messages/" in mail.outbox[0].body


def test_a_rolled_back_move_sends_nothing(
    pole, coordinator, instructor, django_capture_on_commit_callbacks
):
    application = application_in(pole, ApplicationState.DRAFT, author=coordinator)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                move(application=application, name="submit", by=coordinator)
                raise RuntimeError("échec après le changement d’état")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT


def test_a_failing_email_backend_never_loses_the_move(
    settings, pole, coordinator, instructor, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    application = application_in(pole, ApplicationState.DRAFT, author=coordinator)
    with (
        caplog.at_level(logging.ERROR, logger="ptce.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        move(application=application, name="submit", by=coordinator)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert application.transitions.count() == 1
    assert "non envoyé" in caplog.text
    assert "ConnectionRefusedError" in caplog.text


def test_a_failing_email_backend_through_the_page_still_records_the_move(
    settings, client, pole, coordinator, instructor, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    application = application_in(pole, ApplicationState.SUBMITTED, author=coordinator)
    client.force_login(instructor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/instruction/candidatures/{application.pk}/transition/start/",
            {"confirmation": "oui"},
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.INSTRUCTION


def test_withdrawing_a_draft_bothers_nobody(
    pole, coordinator, instructor, django_capture_on_commit_callbacks
):
    application = application_in(pole, ApplicationState.DRAFT, author=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        move(application=application, name="withdraw", by=coordinator)
    assert mail.outbox == []


def test_withdrawing_a_submitted_application_tells_the_instruction(
    pole, coordinator, instructor, django_capture_on_commit_callbacks
):
    application = application_in(pole, ApplicationState.SUBMITTED, author=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        move(application=application, name="withdraw", by=coordinator)
    assert recipients() == [instructor.email]
    assert mail.outbox[0].subject == f"[PTCE] Candidature retirée\xa0: {pole.name}"


def test_the_instructors_email_names_the_state_not_the_action(
    pole, coordinator, instructor, django_capture_on_commit_callbacks
):
    application = application_in(pole, ApplicationState.DRAFT, author=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        move(application=application, name="submit", by=coordinator)
    body = mail.outbox[0].body
    assert "est désormais\xa0: Déposée.\n" in body
    assert "déposer la candidature" not in body.lower()
    assert "(" not in body.splitlines()[2]


def test_a_resubmission_says_the_complement_is_deposited(
    pole, coordinator, instructor, django_capture_on_commit_callbacks
):
    application = application_in(pole, ApplicationState.COMPLEMENT, author=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        move(application=application, name="resubmit", by=coordinator)
    body = mail.outbox[0].body
    assert "est désormais\xa0: Déposée.\nLe porteur a déposé le complément demandé." in body
    assert "déposer le complément" not in body.lower()
