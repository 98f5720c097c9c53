"""The instruction page and its forms, the national ranking: who may see and do what."""

import pytest
from django.core import mail
from django.urls import reverse

from ptce.calls.models import Annotation, ApplicationState, Opinion, Score
from ptce.poles.models import Stage
from tests.calls.factories import PhaseFactory, QuestionFactory, SectionFactory
from tests.calls.factories.instruction import (
    AnnotationFactory,
    OpinionFactory,
    application_in,
    grid,
    scored,
)
from tests.poles.factories import PoleFactory

S = ApplicationState


pytestmark = pytest.mark.usefixtures("strict_templates")


@pytest.fixture
def application(pole, coordinator):
    phase = PhaseFactory()
    question = QuestionFactory(section=SectionFactory(phase=phase), label="Votre projet")
    return application_in(
        pole,
        S.INSTRUCTION,
        author=coordinator,
        phase=phase,
        answers={question.key: "Une recyclerie coopérative"},
        snapshot={"answers": {question.key: "Une recyclerie coopérative"}},
    )


def page(application):
    return reverse("calls:instruction", args=[application.pk])


PAGE_STATUS = {
    "anonymous": 302,
    "outsider": 404,
    "member": 404,
    "other_coordinator": 404,
    "coordinator": 403,
    "instructor": 200,
    "other_instructor": 404,
    "national_instructor": 200,
    "admin_user": 200,
}


@pytest.mark.parametrize(("role", "status"), PAGE_STATUS.items())
def test_the_instruction_page_is_for_the_instruction_of_the_region(
    client_as, application, role, status
):
    response = client_as(role).get(page(application))
    assert response.status_code == status
    if status == 302:
        assert response.url.startswith(reverse("core:login"))


def test_the_instruction_page_shows_answers_annotations_opinions_scores_and_history(
    client_as, application, instructor
):
    AnnotationFactory(application=application, body="Note interne sur le budget")
    OpinionFactory(application=application, expert_name="Dominique Expert", is_confidential=True)
    [criterion] = grid(application.phase, (2, 5))
    scored(application, {criterion: 4})
    response = client_as("instructor").get(page(application))
    content = response.content.decode()
    assert "Une recyclerie coopérative" in content
    assert "Note interne sur le budget" in content
    assert "Dominique Expert" in content
    assert "Confidentiel" in content
    assert "8 / 10" in content
    # Buttons for the moves this user may make, and only those.
    assert (
        reverse("calls:instruction_transition", args=[application.pk, "request_complement"])
        in content
    )
    assert "decide_laureate" not in content
    assert "withdraw" not in content


def test_the_national_cell_sees_the_decision_buttons(client_as, application):
    content = client_as("national_instructor").get(page(application)).content.decode()
    for name in ("decide_laureate", "decide_rejected", "decide_closed", "request_complement"):
        assert reverse("calls:instruction_transition", args=[application.pk, name]) in content
    assert reverse("calls:ranking", args=[application.phase_id]) in content


ACTION_STATUS = {
    "anonymous": 302,
    "outsider": 404,
    "member": 404,
    "other_coordinator": 404,
    "coordinator": 403,
    "other_instructor": 404,
}


@pytest.mark.parametrize(("role", "status"), ACTION_STATUS.items())
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("instruction_annotate", {"annotation-body": "Intrusion"}),
        (
            "instruction_opinion_request",
            {"avis-expert_name": "X", "avis-expert_email": "x@exemple.fr", "avis-question": "?"},
        ),
        (
            "instruction_proposal",
            {"proposition-proposal": "laureate", "proposition-motivation": "Oui"},
        ),
        ("instruction_scores", {}),
    ],
)
def test_strangers_and_the_applicant_cannot_use_the_instruction_forms(
    client_as, application, role, status, name, data
):
    response = client_as(role).post(reverse(f"calls:{name}", args=[application.pk]), data)
    assert response.status_code == status
    assert not Annotation.objects.exists()
    assert not Opinion.objects.exists()
    application.refresh_from_db()
    assert application.proposal == ""


@pytest.mark.parametrize(("role", "status"), [*ACTION_STATUS.items(), ("instructor", 403)])
def test_only_the_national_cell_may_post_a_decision(client_as, application, role, status):
    url = reverse("calls:instruction_transition", args=[application.pk, "decide_laureate"])
    response = client_as(role).post(url, {"decide_laureate-motivation": "Oui."})
    assert response.status_code == status
    application.refresh_from_db()
    assert application.state == S.INSTRUCTION


def test_an_unknown_move_is_404(client_as, application):
    url = reverse("calls:instruction_transition", args=[application.pk, "teleport"])
    assert client_as("instructor").post(url).status_code == 404


def test_an_instructor_annotates_and_requests_an_opinion(
    client_as, application, django_capture_on_commit_callbacks
):
    client = client_as("instructor")
    response = client.post(
        reverse("calls:instruction_annotate", args=[application.pk]),
        {"annotation-body": "À vérifier : le budget."},
    )
    assert response.status_code == 302
    assert Annotation.objects.get().body == "À vérifier : le budget."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("calls:instruction_opinion_request", args=[application.pk]),
            {
                "avis-expert_name": "Dominique Expert",
                "avis-expert_email": "dominique@exemple.fr",
                "avis-question": "Le budget tient-il ?",
            },
        )
    assert response.status_code == 302
    opinion = Opinion.objects.get()
    assert opinion.is_confidential is False  # an unchecked box means « not confidential »
    assert mail.outbox[0].to == ["dominique@exemple.fr"]


def test_an_invalid_form_shows_the_page_again_with_its_error(client_as, application):
    response = client_as("instructor").post(
        reverse("calls:instruction_opinion_request", args=[application.pk]),
        {"avis-expert_name": "X", "avis-expert_email": "pas-une-adresse", "avis-question": "?"},
    )
    assert response.status_code == 200
    assert "Saisissez une adresse électronique valide." in response.content.decode()
    assert not Opinion.objects.exists()


def test_an_instructor_scores_proposes_and_the_national_cell_decides(
    client_as, client, application, instructor, national_instructor, pole
):
    criterion_a, criterion_b = grid(application.phase, (2, 5), (1, 5))
    client.force_login(instructor)
    response = client.post(
        reverse("calls:instruction_scores", args=[application.pk]),
        {f"notes-criterion_{criterion_a.pk}": "4", f"notes-criterion_{criterion_b.pk}": "9"},
    )
    assert response.status_code == 200
    assert (
        "De 0 à 5" in response.content.decode()
        or "inférieure ou égale à 5" in response.content.decode()
    )
    assert not Score.objects.exists()
    client.post(
        reverse("calls:instruction_scores", args=[application.pk]),
        {f"notes-criterion_{criterion_a.pk}": "4", f"notes-criterion_{criterion_b.pk}": "3"},
    )
    assert Score.objects.count() == 2
    client.post(
        reverse("calls:instruction_proposal", args=[application.pk]),
        {"proposition-proposal": "laureate", "proposition-motivation": "Très bon dossier."},
    )
    application.refresh_from_db()
    assert application.proposal == S.LAUREATE
    client.force_login(national_instructor)
    response = client.post(
        reverse("calls:instruction_transition", args=[application.pk, "decide_laureate"]),
        {
            "decide_laureate-motivation": "Retenue.",
            "decide_laureate-support_granted": "Accompagnement",
            "decide_laureate-amount_granted": "15000",
            "confirmation": "oui",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    pole.refresh_from_db()
    assert application.state == S.LAUREATE
    assert application.support_granted == "Accompagnement"
    assert application.amount_granted == 15000
    assert pole.stage == Stage.RECOGNISED


def test_a_decision_without_motivation_is_refused_on_the_page(client_as, application):
    response = client_as("national_instructor").post(
        reverse("calls:instruction_transition", args=[application.pk, "decide_rejected"]),
        {"decide_rejected-motivation": "", "confirmation": "oui"},
    )
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.state == S.INSTRUCTION


def test_assign_and_unassign_from_the_page(client_as, application, instructor, other_instructor):
    client = client_as("instructor")
    url = reverse("calls:instruction_assign", args=[application.pk])
    response = client.post(url, {"affectation-instructor": other_instructor.pk})
    assert response.status_code == 200  # not in the list: another région
    assert not application.assigned_to.exists()
    client.post(url, {"affectation-instructor": instructor.pk})
    assert list(application.assigned_to.all()) == [instructor]
    client.post(reverse("calls:instruction_unassign", args=[application.pk, instructor.pk]))
    assert not application.assigned_to.exists()


def test_remind_and_revoke_from_the_page(
    client_as, application, django_capture_on_commit_callbacks
):
    opinion = OpinionFactory(application=application)
    client = client_as("instructor")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("calls:instruction_opinion_remind", args=[application.pk, opinion.pk]))
    opinion.refresh_from_db()
    assert opinion.reminder_count == 1
    assert len(mail.outbox) == 1
    client.post(reverse("calls:instruction_opinion_revoke", args=[application.pk, opinion.pk]))
    opinion.refresh_from_db()
    assert opinion.revoked_at is not None


def test_an_opinion_of_another_application_is_404(client_as, application, pole):
    other = OpinionFactory(
        application=application_in(pole, S.SUBMITTED, phase=PhaseFactory(number=2))
    )
    url = reverse("calls:instruction_opinion_revoke", args=[application.pk, other.pk])
    assert client_as("instructor").post(url).status_code == 404


def test_the_instruction_page_runs_the_same_queries_for_2_or_10_opinions(
    client_as, application, django_assert_num_queries
):
    client = client_as("instructor")
    grid(application.phase, (1, 5), (2, 5))
    for _ in range(2):
        OpinionFactory(application=application)
        AnnotationFactory(application=application)
    client.get(page(application))  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(page(application))
    for _ in range(8):
        OpinionFactory(application=application)
        AnnotationFactory(application=application)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(page(application))


# --- The national ranking --------------------------------------------------------------------


RANKING_STATUS = {
    "anonymous": 302,
    "outsider": 404,
    "member": 404,
    "coordinator": 404,
    "instructor": 403,
    "other_instructor": 403,
    "national_instructor": 200,
    "admin_user": 200,
}


@pytest.mark.parametrize(("role", "status"), RANKING_STATUS.items())
def test_the_ranking_is_for_the_national_cell(client_as, role, status, pole):
    phase = PhaseFactory()
    response = client_as(role).get(reverse("calls:ranking", args=[phase.pk]))
    assert response.status_code == status


def propose(phase, score, name, criteria, region=None):
    application = application_in(
        PoleFactory(name=name, **({"region": region} if region else {})),
        S.INSTRUCTION,
        phase=phase,
        proposal=S.LAUREATE,
        proposal_motivation="Bon.",
    )
    scored(application, {criteria[0]: score[0], criteria[1]: score[1]})
    return application


def test_the_ranking_sorts_proposals_by_weighted_score(client_as, region):
    phase = PhaseFactory()
    criteria = grid(phase, (2, 5), (1, 10))  # maximum 20
    propose(phase, (3, 4), "Pôle Moyen", criteria)  # 10
    propose(phase, (5, 10), "Pôle Excellent", criteria)  # 20
    propose(phase, (1, 1), "Pôle Faible", criteria)  # 3
    application_in(PoleFactory(name="Pôle Sans Proposition"), S.INSTRUCTION, phase=phase)
    application_in(
        PoleFactory(name="Pôle Déjà Décidé"), S.LAUREATE, phase=phase, proposal=S.LAUREATE
    )
    response = client_as("national_instructor").get(reverse("calls:ranking", args=[phase.pk]))
    rows = [row.application.pole.name for row in response.context["rows"]]
    assert rows == ["Pôle Excellent", "Pôle Moyen", "Pôle Faible"]
    assert [row.total for row in response.context["rows"]] == [20, 10, 3]
    content = response.content.decode()
    assert "20 / 20 (100 %)" in content
    assert "10 / 20 (50 %)" in content
    assert "Pôle Sans Proposition" not in content
    assert "Pôle Déjà Décidé" not in content


def test_the_ranking_runs_the_same_queries_for_2_or_10_applications(
    db, client_as, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    phase = PhaseFactory()
    criteria = grid(phase, (2, 5), (1, 10))
    client = client_as("national_instructor")
    url = reverse("calls:ranking", args=[phase.pk])
    for n in range(2):
        propose(phase, (n % 5, 3), f"Pôle {n}", criteria)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(2, 10):
        propose(phase, (n % 5, 3), f"Pôle {n}", criteria)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 10


@pytest.mark.parametrize("state", list(S.values))
def test_the_instruction_page_renders_in_every_state(client_as, pole, state):
    application = application_in(pole, state, proposal=S.LAUREATE, proposal_motivation="Oui.")
    OpinionFactory(application=application)
    response = client_as("national_instructor").get(page(application))
    assert response.status_code == 200
    content = response.content.decode()
    is_open = state in (S.SUBMITTED, S.INSTRUCTION, S.COMPLEMENT)
    assert (reverse("calls:instruction_annotate", args=[application.pk]) in content) == is_open
