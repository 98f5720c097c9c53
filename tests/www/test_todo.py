"""« Mon espace » as a to-do space: one section per role, each item with its count, its French
label and the link where the work is done; as many queries for one pole or file as for many."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ptce.assessments.models import EvaluationState
from ptce.calls.models import ApplicationState
from ptce.cooperation.models import ResourceKind
from ptce.core.models import JobRecord, JobState
from ptce.core.todo import plural
from ptce.poles.models import PersonRole, PolePerson, Verification
from ptce.www.dashboard.todo import todo_for_user
from tests.assessments.factories import EvaluationFactory, RaterFactory
from tests.calls.factories import PhaseFactory
from tests.calls.factories.instruction import OpinionFactory
from tests.calls.factories.lists import filed
from tests.cooperation.factories import JoinRequestFactory, MeetingFactory, SharedResourceFactory
from tests.poles.factories import MembershipFactory, PoleFactory, PolePersonFactory

pytestmark = pytest.mark.django_db
URL = reverse("core:dashboard")


def roles_of(user):
    return list(PolePerson.objects.filter(user=user).select_related("pole__region", "membership"))


def items(user):
    return {
        section.key: [(item.count, item.label, item.url) for item in section.items]
        for section in todo_for_user(user, roles_of(user))
    }


def labels(user, key):
    return [label for _, label, _ in items(user)[key]]


def test_plural_puts_zero_and_one_in_the_singular():
    assert plural(0, "candidature", "candidatures") == "0 candidature"
    assert plural(1, "candidature", "candidatures") == "1 candidature"
    assert plural(2, "candidature", "candidatures") == "2 candidatures"


def test_a_coordinator_sees_join_requests_consolidations_sheets_meetings_and_complements(
    coordinator, pole
):
    JoinRequestFactory.create_batch(2, pole=pole)
    evaluation = EvaluationFactory(pole=pole, state=EvaluationState.CONSOLIDATION)
    open_one = EvaluationFactory(pole=pole, state=EvaluationState.OPEN)
    RaterFactory(evaluation=open_one)
    MeetingFactory(pole=pole, minutes="")
    application = filed(PhaseFactory(), pole=pole, state=ApplicationState.COMPLEMENT)
    found = items(coordinator)["a-faire-coordination"]
    assert (
        2,
        "2 demandes d’adhésion à examiner",
        reverse("cooperation:join_requests", args=[pole.slug]),
    ) in found
    assert (
        1,
        "1 consolidation à faire",
        reverse("assessments:consolidation", args=[pole.slug, evaluation.pk]),
    ) in found
    assert (
        1,
        "1 feuille d’observation non rendue",
        reverse("assessments:evaluation_detail", args=[pole.slug, open_one.pk]),
    ) in found
    assert (
        1,
        "1 réunion passée sans compte rendu",
        reverse("cooperation:meetings", args=[pole.slug]),
    ) in found
    assert (
        1,
        "1 complément demandé sur une candidature",
        reverse("calls:application_detail", args=[application.pk]),
    ) in found


def test_a_coordinator_is_told_of_a_record_untouched_for_a_year(coordinator, pole):
    type(pole).objects.filter(pk=pole.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=400)
    )
    assert "1 fiche de pôle à mettre à jour" in labels(coordinator, "a-faire-coordination")


def test_a_member_sees_their_sheet_and_the_resources_answering_theirs(member, pole):
    rater = RaterFactory(
        evaluation=EvaluationFactory(pole=pole, state=EvaluationState.OPEN), user=member
    )
    mine = PolePerson.objects.get(user=member).membership
    SharedResourceFactory(pole=pole, membership=mine, kind=ResourceKind.REQUEST)
    SharedResourceFactory(pole=pole, kind=ResourceKind.OFFER)  # another member's offer
    SharedResourceFactory(pole=pole, kind=ResourceKind.REQUEST)  # a request: no answer
    found = items(member)["a-faire-membre"]
    assert (
        1,
        "1 feuille d’observation à remplir",
        reverse("assessments:my_sheet", args=[rater.evaluation.pk]),
    ) in found
    assert (
        1,
        "1 ressource partagée répond à vos offres ou demandes",
        reverse("cooperation:resources", args=[pole.slug]),
    ) in found


def test_a_regional_instructor_sees_the_files_to_instruct_poles_to_verify_and_overdue(
    instructor, pole, region
):
    phase = PhaseFactory()
    one = filed(phase, pole=pole, state=ApplicationState.SUBMITTED)
    filed(phase, pole=PoleFactory(region=region), state=ApplicationState.INSTRUCTION)
    PoleFactory(region=region, verification=Verification.DECLARED, is_published=False)
    OpinionFactory(application=one, answered_at=timezone.now(), body="Favorable.")
    found = labels(instructor, "a-faire-instruction")
    assert "2 candidatures à instruire" in found
    assert "1 pôle à vérifier" in found
    assert "1 avis d’expert reçu" in found
    assert "2 candidatures en retard" in found  # submitted in March 2022


def test_a_single_file_to_instruct_is_linked_straight_to_its_instruction(instructor, pole):
    application = filed(PhaseFactory(), pole=pole, state=ApplicationState.SUBMITTED)
    count, label, url = items(instructor)["a-faire-instruction"][0]
    assert label == "1 candidature à instruire"
    assert url == reverse("calls:instruction", args=[application.pk])


def test_the_national_cell_sees_the_proposals_to_decide_per_phase_and_the_regions_behind(
    national_instructor, pole, other_pole
):
    phase = PhaseFactory()
    for each in (pole, other_pole):
        application = filed(phase, pole=each, state=ApplicationState.INSTRUCTION)
        type(application).objects.filter(pk=application.pk).update(
            proposal=ApplicationState.LAUREATE, region=each.region
        )
    found = items(national_instructor)["a-faire-cellule-nationale"]
    assert (
        2,
        "2 propositions à décider",
        reverse("calls:instruction_list") + f"?onglet=a-traiter&phase={phase.pk}",
    ) in found
    assert "2 régions en retard" in [label for _, label, _ in found]


def test_an_admin_sees_failed_jobs(admin_user):
    JobRecord.objects.create(task_id="x", name="mail_send", state=JobState.FAILED)
    assert "1 tâche de fond échouée" in labels(admin_user, "a-faire-administration")


def test_a_regional_instructor_is_not_invited_to_create_a_pole(client, instructor):
    client.force_login(instructor)
    html = client.get(URL).content.decode()
    assert "créer un pôle" not in html
    assert "Instruction régionale" in html


def test_the_dashboard_shows_the_items_and_the_counters_in_its_menu(client, coordinator, pole):
    JoinRequestFactory(pole=pole)
    client.force_login(coordinator)
    html = client.get(URL).content.decode()
    assert "1 demande d’adhésion à examiner" in html
    assert 'href="#a-faire-coordination">Coordination (1)</a>' in html
    assert html.index('id="a-faire-titre"') < html.index('id="poles-titre"')


def _coordinate_more_poles(coordinator, region, count):
    for _ in range(count):
        pole = PoleFactory(region=region)
        membership = MembershipFactory(pole=pole)
        PolePersonFactory(
            pole=pole, user=coordinator, role=PersonRole.COORDINATOR, membership=membership
        )
        JoinRequestFactory(pole=pole)
        EvaluationFactory(pole=pole, state=EvaluationState.CONSOLIDATION)
        RaterFactory(evaluation=EvaluationFactory(pole=pole, state=EvaluationState.OPEN))
        MeetingFactory(pole=pole, minutes="")
        filed(PhaseFactory(), pole=pole, state=ApplicationState.COMPLEMENT)
        SharedResourceFactory(pole=pole, membership=membership, kind=ResourceKind.REQUEST)
        SharedResourceFactory(pole=pole, kind=ResourceKind.OFFER)


@pytest.mark.parametrize("who", ["coordinator", "instructor", "national_instructor", "admin_user"])
def test_the_todo_costs_the_same_queries_for_one_pole_or_five(
    request, who, coordinator, region, django_assert_num_queries
):
    user = request.getfixturevalue(who)
    _coordinate_more_poles(coordinator, region, 1)
    todo_for_user(user, roles_of(user))  # warms what is read once per process
    with CaptureQueriesContext(connection) as one:
        todo_for_user(user, roles_of(user))
    _coordinate_more_poles(coordinator, region, 4)
    with django_assert_num_queries(len(one)):
        sections = todo_for_user(user, roles_of(user))
    assert sum(section.count for section in sections) > 0
