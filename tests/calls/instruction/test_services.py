"""The instruction's writes: who may make them, in which states, and what they record."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ptce.calls.instruction import services
from ptce.calls.instruction.selectors import grid as grid_of
from ptce.calls.instruction.selectors import opinion_for_token
from ptce.calls.models import Annotation, ApplicationState, Message, Opinion, Score
from ptce.core.tokens import token_hash
from ptce.poles.models import Stage
from tests.calls.factories import PhaseFactory
from tests.calls.factories.instruction import application_in, grid
from tests.core.factories import UserFactory

S = ApplicationState


@pytest.fixture
def application(pole, coordinator):
    return application_in(pole, S.INSTRUCTION, author=coordinator)


def link_token(body: str) -> str:
    return re.search(r"https://ptce\.exemple\.gouv\.fr/avis/([\w-]+)/", body).group(1)


# --- Assignment ------------------------------------------------------------------------------


def test_an_instructor_of_the_region_or_the_national_cell_may_be_assigned(
    application, instructor, national_instructor
):
    services.instructor_assign(application=application, instructor=instructor, by=instructor)
    services.instructor_assign(
        application=application, instructor=national_instructor, by=instructor
    )
    assert set(application.assigned_to.all()) == {instructor, national_instructor}
    services.instructor_unassign(application=application, instructor=instructor, by=instructor)
    assert list(application.assigned_to.all()) == [national_instructor]


@pytest.mark.parametrize("who", ["other_instructor", "coordinator", "outsider"])
def test_only_instructors_of_the_region_may_be_assigned(request, application, instructor, who):
    with pytest.raises(ValidationError, match="instructeur de la région"):
        services.instructor_assign(
            application=application, instructor=request.getfixturevalue(who), by=instructor
        )
    assert not application.assigned_to.exists()


def test_an_inactive_instructor_may_not_be_assigned(application, instructor, region):
    gone = UserFactory(is_instructor=True, is_active=False, regions=[region])
    with pytest.raises(ValidationError):
        services.instructor_assign(application=application, instructor=gone, by=instructor)


@pytest.mark.parametrize("who", ["coordinator", "other_instructor", "member", "outsider"])
def test_only_the_instruction_may_write(request, application, instructor, who):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.instructor_assign(application=application, instructor=instructor, by=user)
    with pytest.raises(PermissionDenied):
        services.annotation_add(application=application, by=user, body="Non.")
    with pytest.raises(PermissionDenied):
        services.opinion_request(
            application=application,
            by=user,
            expert_name="X",
            expert_email="x@exemple.fr",
            question="?",
        )
    with pytest.raises(PermissionDenied):
        services.scores_save(application=application, by=user, values={})
    with pytest.raises(PermissionDenied):
        services.proposal_make(
            application=application, by=user, proposal=S.LAUREATE, motivation="Oui"
        )
    assert not Annotation.objects.exists()
    assert not Opinion.objects.exists()


@pytest.mark.parametrize("state", [S.DRAFT, S.LAUREATE, S.REJECTED, S.CLOSED, S.WITHDRAWN])
def test_the_instruction_writes_only_while_the_application_is_instructed(pole, instructor, state):
    application = application_in(pole, state)
    with pytest.raises(ValidationError, match="instruction"):
        services.annotation_add(application=application, by=instructor, body="Trop tard.")
    with pytest.raises(ValidationError, match="instruction"):
        services.opinion_request(
            application=application,
            by=instructor,
            expert_name="X",
            expert_email="x@exemple.fr",
            question="?",
        )
    assert not Annotation.objects.exists()
    assert not Opinion.objects.exists()


# --- Annotations -----------------------------------------------------------------------------


def test_an_annotation_is_recorded_with_its_author(application, instructor):
    note = services.annotation_add(application=application, by=instructor, body="  À suivre.  ")
    assert (note.body, note.author) == ("À suivre.", instructor)


def test_an_empty_annotation_is_refused(application, instructor):
    with pytest.raises(ValidationError, match="Écrivez"):
        services.annotation_add(application=application, by=instructor, body="   ")


# --- Opinions --------------------------------------------------------------------------------


def request_opinion(application, by, capture, **fields):
    values = {
        "expert_name": "Dominique Expert",
        "expert_email": "Dominique@Exemple.fr",
        "question": "Le budget est-il réaliste ?",
        "is_confidential": True,
        **fields,
    }
    with capture(execute=True):
        return services.opinion_request(application=application, by=by, **values)


def test_an_opinion_request_emails_a_personal_link_and_stores_only_its_hash(
    application, instructor, django_capture_on_commit_callbacks
):
    opinion, token = request_opinion(application, instructor, django_capture_on_commit_callbacks)
    assert opinion.expert_email == "dominique@exemple.fr"
    assert opinion.token_hash == token_hash(token) != token
    assert len(token) >= 40
    assert not Opinion.objects.filter(token_hash=token).exists()
    [message] = mail.outbox
    assert message.to == ["dominique@exemple.fr"]
    assert link_token(message.body) == token
    assert "Le budget est-il réaliste ?" in message.body
    assert "confidentiel" in message.body
    assert opinion_for_token(token) == opinion


def test_an_opinion_request_refuses_bad_input_in_french(application, instructor):
    with pytest.raises(ValidationError) as error:
        services.opinion_request(
            application=application,
            by=instructor,
            expert_name=" ",
            expert_email="pas-une-adresse",
            question="",
        )
    assert set(error.value.message_dict) == {"expert_name", "expert_email", "question"}
    assert "adresse électronique valide" in error.value.message_dict["expert_email"][0]


def test_a_reminder_counts_dates_and_sends_a_new_link_killing_the_old_one(
    application, instructor, django_capture_on_commit_callbacks
):
    opinion, first = request_opinion(application, instructor, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        opinion, second = services.opinion_remind(opinion=opinion, by=instructor)
    opinion.refresh_from_db()
    assert opinion.reminder_count == 1
    assert opinion.reminded_at is not None
    [message] = mail.outbox
    assert message.subject.startswith("[PTCE] Rappel")
    assert link_token(message.body) == second != first
    assert opinion_for_token(first) is None
    assert opinion_for_token(second) == opinion


def test_a_revoked_link_is_dead_and_cannot_be_reminded(
    application, instructor, django_capture_on_commit_callbacks
):
    opinion, token = request_opinion(application, instructor, django_capture_on_commit_callbacks)
    services.opinion_revoke(opinion=opinion, by=instructor)
    assert opinion_for_token(token) is None
    with pytest.raises(ValidationError, match="révoquée"):
        services.opinion_remind(opinion=opinion, by=instructor)
    with pytest.raises(ValidationError, match="révoquée"):
        services.opinion_answer(opinion=opinion, body="Trop tard.")


def test_the_expert_answers_once_and_the_requester_is_told(
    application, instructor, django_capture_on_commit_callbacks
):
    opinion, token = request_opinion(application, instructor, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.opinion_answer(opinion=opinion_for_token(token), body="Budget réaliste.")
    opinion.refresh_from_db()
    assert opinion.body == "Budget réaliste."
    assert opinion.answered_at is not None
    assert [m.to for m in mail.outbox] == [[instructor.email]]
    assert "Budget réaliste." not in mail.outbox[0].body  # read on the instruction page
    with pytest.raises(ValidationError, match="déjà"):
        services.opinion_answer(opinion=opinion, body="Finalement non.")
    with pytest.raises(ValidationError, match="déjà répondu"):
        services.opinion_remind(opinion=opinion, by=instructor)
    opinion.refresh_from_db()
    assert opinion.body == "Budget réaliste."


def test_the_expert_cannot_answer_once_the_instruction_is_over(
    application, instructor, national_instructor, django_capture_on_commit_callbacks
):
    opinion, _ = request_opinion(application, instructor, django_capture_on_commit_callbacks)
    services.application_decide(
        application=application,
        name="decide_rejected",
        by=national_instructor,
        motivation="Non.",
        without_proposal_reason="Décision d’essai.",
    )
    with pytest.raises(ValidationError, match="terminée"):
        services.opinion_answer(opinion=opinion, body="Mon avis.")


# --- Scores ----------------------------------------------------------------------------------


def test_scores_follow_the_grid_and_give_a_weighted_total(application, instructor):
    first, second = grid(application.phase, (2, 5), (1, 10))
    services.scores_save(
        application=application,
        by=instructor,
        values={first.pk: 4, second.pk: 7},
        comments={first.pk: "Bon ancrage."},
    )
    result = grid_of(application)
    assert (result.total, result.maximum, result.percent) == (15, 20, 75)
    assert Score.objects.get(criterion=first).comment == "Bon ancrage."
    services.scores_save(
        application=application, by=instructor, values={first.pk: 5, second.pk: None}
    )
    result = grid_of(application)
    assert (result.total, result.scored) == (17, 2)  # an empty field keeps the score
    services.scores_save(
        application=application, by=instructor, values={second.pk: None}, clear={second.pk}
    )
    result = grid_of(application)
    assert (result.total, result.scored) == (10, 1)


@pytest.mark.parametrize("value", [-1, 6, "beaucoup"])
def test_a_score_outside_its_scale_is_refused(application, instructor, value):
    [criterion] = grid(application.phase, (1, 5))
    with pytest.raises(ValidationError) as error:
        services.scores_save(application=application, by=instructor, values={criterion.pk: value})
    assert "va de 0 à 5" in str(error.value)
    assert not Score.objects.exists()


def test_a_criterion_of_another_phase_is_refused(application, instructor):
    [foreign] = grid(PhaseFactory(), (1, 5))
    with pytest.raises(ValidationError, match="grille"):
        services.scores_save(application=application, by=instructor, values={foreign.pk: 3})


# --- Proposal and decision -------------------------------------------------------------------


def test_the_region_proposes_with_a_motivation(application, instructor):
    services.proposal_make(
        application=application, by=instructor, proposal=S.LAUREATE, motivation="Solide."
    )
    application.refresh_from_db()
    assert (application.proposal, application.proposal_motivation, application.proposed_by) == (
        S.LAUREATE,
        "Solide.",
        instructor,
    )
    assert application.proposed_at is not None


@pytest.mark.parametrize(
    ("proposal", "motivation", "message"),
    [("deposee", "Oui", "Choisissez"), (S.LAUREATE, "  ", "Motivez")],
)
def test_a_bad_proposal_is_refused(application, instructor, proposal, motivation, message):
    with pytest.raises(ValidationError, match=message):
        services.proposal_make(
            application=application, by=instructor, proposal=proposal, motivation=motivation
        )
    application.refresh_from_db()
    assert application.proposal == ""


def test_replaced_scores_and_proposals_stay_in_the_history(client_as, application, instructor):
    """Issue « Trust », finding 7: scores and proposals were overwritten with no trace."""
    (criterion,) = grid(application.phase, (1, 5))
    services.scores_save(application=application, by=instructor, values={criterion.pk: 2})
    services.scores_save(application=application, by=instructor, values={criterion.pk: 4})
    services.proposal_make(
        application=application, by=instructor, proposal=S.REJECTED, motivation="Trop tôt."
    )
    services.proposal_make(
        application=application, by=instructor, proposal=S.LAUREATE, motivation="Solide."
    )

    assert [h.value for h in Score.history.order_by("history_id")] == [2, 4]
    assert [(r.proposal, r.motivation) for r in application.proposal_records.order_by("at")] == [
        (S.REJECTED, "Trop tôt."),
        (S.LAUREATE, "Solide."),
    ]
    page = client_as("instructor").get(reverse("calls:instruction", args=[application.pk]))
    html = page.content.decode()
    assert "Trop tôt." in html
    assert "Notes données et modifiées" in html


def test_a_proposal_needs_an_application_in_instruction(pole, instructor):
    application = application_in(pole, S.SUBMITTED)
    with pytest.raises(ValidationError, match="En instruction"):
        services.proposal_make(
            application=application, by=instructor, proposal=S.LAUREATE, motivation="Oui."
        )


def test_a_laureate_of_a_recognition_phase_is_recognised_by_the_state(pole, national_instructor):
    application = application_in(pole, S.INSTRUCTION, phase=PhaseFactory(is_recognition=True))
    services.application_decide(
        application=application,
        name="decide_laureate",
        by=national_instructor,
        motivation="Lauréate.",
        support_granted="Accompagnement par le réseau",
        amount_granted=Decimal("25000"),
        without_proposal_reason="Décision d’essai.",
    )
    application.refresh_from_db()
    pole.refresh_from_db()
    assert application.state == S.LAUREATE
    assert application.decision_motivation == "Lauréate."
    assert (application.support_granted, application.amount_granted) == (
        "Accompagnement par le réseau",
        Decimal("25000.00"),
    )
    assert pole.stage == Stage.RECOGNISED


def test_a_laureate_of_a_financial_phase_keeps_its_stage(pole, national_instructor):
    phase = PhaseFactory(is_recognition=False, number=2)
    application = application_in(pole, S.INSTRUCTION, phase=phase)
    services.application_decide(
        application=application,
        name="decide_laureate",
        by=national_instructor,
        motivation="Oui.",
        without_proposal_reason="Décision d’essai.",
    )
    pole.refresh_from_db()
    assert pole.stage == Stage.VOLUNTEERS


def test_a_rejection_grants_nothing(application, national_instructor):
    services.application_decide(
        application=application,
        name="decide_rejected",
        by=national_instructor,
        motivation="Projet trop fragile.",
        support_granted="Ignoré",
        amount_granted=Decimal("1000"),
        without_proposal_reason="Décision d’essai.",
    )
    application.refresh_from_db()
    assert application.state == S.REJECTED
    assert (application.support_granted, application.amount_granted) == ("", None)


def test_only_the_national_cell_decides(application, instructor):
    with pytest.raises(PermissionDenied):
        services.application_decide(
            application=application,
            name="decide_laureate",
            by=instructor,
            motivation="Oui.",
            without_proposal_reason="Décision d’essai.",
        )
    application.refresh_from_db()
    assert application.state == S.INSTRUCTION


# --- Messages --------------------------------------------------------------------------------


def test_messages_know_their_side(application, coordinator, instructor):
    mine = services.message_post(application=application, by=coordinator, body="Bonjour.")
    theirs = services.message_post(application=application, by=instructor, body="Bonjour !")
    assert (mine.from_instruction, theirs.from_instruction) == (False, True)


@pytest.mark.parametrize("who", ["member", "other_instructor", "outsider", "other_coordinator"])
def test_strangers_cannot_write_in_the_thread(request, application, who):
    with pytest.raises(PermissionDenied):
        services.message_post(application=application, by=request.getfixturevalue(who), body="?")
    assert not Message.objects.exists()


def test_no_message_on_a_draft(pole, coordinator):
    application = application_in(pole, S.DRAFT, author=coordinator)
    with pytest.raises(ValidationError, match="déposée"):
        services.message_post(application=application, by=coordinator, body="Bonjour.")


def test_a_decision_without_regional_proposal_is_refused_unless_the_cell_says_why(
    application, national_instructor
):
    with pytest.raises(ValidationError, match="La région n’a pas encore fait de proposition"):
        services.application_decide(
            application=application,
            name="decide_rejected",
            by=national_instructor,
            motivation="Non.",
        )
    application.refresh_from_db()
    assert application.state == S.INSTRUCTION
    services.application_decide(
        application=application,
        name="decide_rejected",
        by=national_instructor,
        motivation="Non.",
        without_proposal_reason="  La région est sans instructeur.  ",
    )
    application.refresh_from_db()
    assert application.state == S.REJECTED
    assert application.without_proposal_reason == "La région est sans instructeur."


def test_a_decision_on_the_regions_proposal_needs_no_reason(application, national_instructor):
    application.proposal = S.LAUREATE
    application.save(update_fields=["proposal"])
    services.application_decide(
        application=application,
        name="decide_laureate",
        by=national_instructor,
        motivation="Oui.",
        without_proposal_reason="ignoré",
    )
    application.refresh_from_db()
    assert application.state == S.LAUREATE
    assert application.without_proposal_reason == ""
