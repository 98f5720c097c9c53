"""The instructors' list leads the national cell (and admins) to the national ranking of each
phase of the calls that have applications; regional instructors get no such link."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ptce.calls.models import ApplicationState
from tests.calls.factories import PhaseFactory
from tests.calls.factories.lists import filed

pytestmark = pytest.mark.django_db
URL = reverse("calls:instruction_list")


@pytest.fixture
def phases(pole):
    """AMI 2022 (two phases, applications in phase 1 only) and AMI 2023 (drafts only)."""
    first = PhaseFactory(call__name="AMI PTCE 2022", call__slug="ami-2022", call__year=2022)
    second = PhaseFactory(call=first.call, number=2, name="Soutien financier")
    filed(first, pole=pole)
    quiet = PhaseFactory(call__name="AMI PTCE 2023", call__slug="ami-2023", call__year=2023)
    filed(quiet, state=ApplicationState.DRAFT, submitted=None)
    return first, second, quiet


def ranking_links(response):
    return [phase.pk for phase in response.context["ranking_phases"]]


@pytest.mark.parametrize("role", ["national_instructor", "admin_user"])
def test_the_national_cell_gets_a_ranking_link_per_phase_of_the_calls_with_applications(
    client_as, phases, role
):
    first, second, quiet = phases
    response = client_as(role).get(URL)
    assert ranking_links(response) == [first.pk, second.pk]
    html = response.content.decode()
    for phase in (first, second):
        assert f'href="{reverse("calls:ranking", args=[phase.pk])}"' in html
    assert (
        "Classement national — AMI PTCE 2022, phase 1&nbsp;: Reconnaissance et accompagnement"
        in (html)
    )
    assert "Classement national — AMI PTCE 2022, phase 2&nbsp;: Soutien financier" in html
    assert reverse("calls:ranking", args=[quiet.pk]) not in html


@pytest.mark.parametrize("role", ["instructor", "other_instructor"])
def test_regional_instructors_get_no_ranking_link(client_as, phases, role):
    response = client_as(role).get(URL)
    assert ranking_links(response) == []
    assert "Classement national" not in response.content.decode()


def test_without_applications_there_is_no_ranking_section(client_as):
    PhaseFactory()
    response = client_as("national_instructor").get(URL)
    assert ranking_links(response) == []
    assert "Classements nationaux" not in response.content.decode()


def test_the_links_cost_one_query_whatever_the_number_of_calls(
    client_as, pole, django_assert_num_queries
):
    client = client_as("national_instructor")
    filed(PhaseFactory(call__slug="ami-a"), pole=pole)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for slug in ("ami-b", "ami-c", "ami-d"):
        phase = PhaseFactory(call__slug=slug)
        PhaseFactory(call=phase.call, number=2)
        filed(phase)
    with django_assert_num_queries(len(one)):
        response = client.get(URL)
    assert len(ranking_links(response)) == 7


def test_the_page_renders_without_undefined_variables(client_as, phases, strict_templates):
    for role in ("national_instructor", "instructor"):
        response = client_as(role).get(URL)
        assert "VARIABLE-INDEFINIE" not in response.content.decode()
