"""The instructors' queues (« à traiter / suivis / traités / tous »), following a file and the
« dossier suivant » link."""

import pytest
from django.urls import reverse

from ptce.calls.lists.follow import application_follow
from ptce.calls.lists.queues import next_to_process
from ptce.calls.models import ApplicationFollow, ApplicationState
from tests.calls.factories import PhaseFactory
from tests.calls.factories.lists import at, filed
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db
URL = reverse("calls:instruction_list")


@pytest.fixture
def phase():
    return PhaseFactory(call__name="AMI PTCE 2022", call__slug="ami-2022")


@pytest.fixture
def files(phase, region):
    """In Occitanie: one deposited, one in instruction without a proposal, one proposed, one
    waiting for a complement, one decided."""

    def one(name, state, day, **fields):
        application = filed(
            phase,
            pole=PoleFactory(name=name, region=region),
            state=state,
            submitted=at(2022, 3, day),
        )
        if fields:
            type(application).objects.filter(pk=application.pk).update(**fields)
            application.refresh_from_db()
        return application

    return {
        "deposee": one("Pôle déposé", ApplicationState.SUBMITTED, 1),
        "instruction": one("Pôle en instruction", ApplicationState.INSTRUCTION, 2),
        "proposee": one(
            "Pôle proposé", ApplicationState.INSTRUCTION, 3, proposal=ApplicationState.LAUREATE
        ),
        "complement": one("Pôle en complément", ApplicationState.COMPLEMENT, 4),
        "decidee": one("Pôle décidé", ApplicationState.REJECTED, 5),
    }


def names(response):
    return sorted(application.pole.name for application in response.context["rows"])


def counts(response):
    return {tab["key"]: tab["count"] for tab in response.context["tabs"]}


def test_a_regional_instructor_lands_on_the_files_to_instruct(client_as, files):
    response = client_as("instructor").get(URL)
    assert response.context["queue"].key == "a-traiter"
    assert names(response) == ["Pôle déposé", "Pôle en instruction"]


def test_the_national_cell_lands_on_the_proposals_to_decide(client_as, files):
    response = client_as("national_instructor").get(URL)
    assert names(response) == ["Pôle proposé"]


def test_each_tab_shows_its_count_and_the_processed_tab_the_decided_files(client_as, files):
    client = client_as("instructor")
    assert counts(client.get(URL)) == {"a-traiter": 2, "suivis": 0, "traites": 1, "tous": 5}
    assert names(client.get(URL + "?onglet=traites")) == ["Pôle décidé"]
    assert len(client.get(URL + "?onglet=tous").context["rows"]) == 5


def test_an_unknown_tab_falls_back_to_the_files_to_process(client_as, files):
    response = client_as("instructor").get(URL + "?onglet=nimporte")
    assert response.status_code == 200
    assert response.context["queue"].key == "a-traiter"


def test_the_tabs_keep_the_filters_and_count_within_them(client_as, files):
    response = client_as("instructor").get(URL + "?state=deposee")
    assert counts(response)["tous"] == 1
    assert "state=deposee&amp;onglet=suivis" in response.content.decode()


def test_a_row_opens_the_instruction_for_an_instructor(client_as, files):
    html = client_as("instructor").get(URL).content.decode()
    assert f'href="{reverse("calls:instruction", args=[files["deposee"].pk])}"' in html
    assert f'href="{reverse("calls:application_detail", args=[files["deposee"].pk])}"' not in html


def test_following_a_file_puts_it_in_the_followed_tab_and_twice_changes_nothing(
    client_as, files, instructor
):
    client = client_as("instructor")
    application = files["complement"]
    follow = reverse("calls:instruction_follow", args=[application.pk])
    assert client.post(follow).status_code == 302
    assert client.post(follow).status_code == 302
    assert ApplicationFollow.objects.filter(application=application, user=instructor).count() == 1
    assert names(client.get(URL + "?onglet=suivis")) == ["Pôle en complément"]
    unfollow = reverse("calls:instruction_unfollow", args=[application.pk])
    client.post(unfollow)
    client.post(unfollow)
    assert not ApplicationFollow.objects.exists()
    assert names(client.get(URL + "?onglet=suivis")) == []


def test_following_is_post_only_and_limited_to_the_instructors_of_the_region(
    client_as, files, other_instructor
):
    follow = reverse("calls:instruction_follow", args=[files["deposee"].pk])
    assert client_as("instructor").get(follow).status_code == 405
    assert client_as("other_instructor").post(follow).status_code == 404
    assert not ApplicationFollow.objects.exists()


def test_following_service_says_whether_it_changed_something(files, instructor):
    assert application_follow(application=files["deposee"], user=instructor) is True
    assert application_follow(application=files["deposee"], user=instructor) is False


def test_the_next_file_is_the_next_to_process_oldest_first_then_wraps(files, instructor):
    assert next_to_process(instructor, files["deposee"]) == files["instruction"]
    assert next_to_process(instructor, files["instruction"]) == files["deposee"]
    assert next_to_process(instructor, files["decidee"]) == files["deposee"]


def test_the_queues_cost_the_same_for_two_or_twelve_files(
    client_as, phase, region, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("instructor")
    for _ in range(2):
        filed(phase, pole=PoleFactory(region=region))
    with CaptureQueriesContext(connection) as two:
        client.get(URL)
    for _ in range(10):
        filed(phase, pole=PoleFactory(region=region))
    with django_assert_num_queries(len(two)):
        response = client.get(URL)
    assert len(response.context["rows"]) == 12
