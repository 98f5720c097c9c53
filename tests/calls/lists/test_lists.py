"""The instructors' list: who sees it, which applications, filters, sorting, overdue, queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from ptce.calls.models import ApplicationState
from ptce.poles.models import PersonRole
from tests.calls.factories import PhaseFactory
from tests.calls.factories.lists import INSTRUCTION_ONLY, at, filed
from tests.poles.factories import PoleFactory, PolePersonFactory
from tests.territories.factories import DepartementFactory

pytestmark = pytest.mark.django_db
URL = reverse("calls:instruction_list")
# Every file of the scope: the default tab is « à traiter » (tests/calls/lists/test_queues.py).
ALL = URL + "?onglet=tous"
OVERDUE_BADGE = 'fr-badge--no-icon">En retard</p>'


@pytest.fixture
def phase():
    return PhaseFactory(call__name="AMI PTCE 2022", call__slug="ami-2022")


@pytest.fixture
def ours(phase, pole):
    return filed(phase, pole=pole, submitted=at(2022, 3, 1))


@pytest.fixture
def theirs(phase, other_pole):
    return filed(phase, pole=other_pole, submitted=at(2022, 4, 1))


def pole_names(response):
    return [application.pole.name for application in response.context["rows"]]


@pytest.mark.parametrize(("role", "status"), INSTRUCTION_ONLY)
def test_only_instructors_and_admins_see_the_list(client_as, ours, role, status):
    assert client_as(role).get(URL).status_code == status


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, ours):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("core:login") in response["Location"]


def test_a_regional_instructor_sees_only_the_applications_of_their_regions(client_as, ours, theirs):
    assert pole_names(client_as("instructor").get(URL)) == ["Pôle des Coteaux"]
    assert pole_names(client_as("other_instructor").get(URL)) == ["Pôle de l’Armor"]


@pytest.mark.parametrize("role", ["national_instructor", "admin_user"])
def test_the_national_cell_and_admins_see_every_region(client_as, ours, theirs, role):
    assert pole_names(client_as(role).get(ALL)) == ["Pôle des Coteaux", "Pôle de l’Armor"]


def test_drafts_never_reach_the_list(client_as, phase, pole, ours):
    draft_phase = PhaseFactory(call=phase.call, number=2, name="Soutien financier")
    draft = filed(draft_phase, pole=PoleFactory(region=pole.region), state="brouillon")
    draft.first_submitted_at = None
    draft.save()
    names = pole_names(client_as("national_instructor").get(URL))
    assert draft.pole.name not in names


def test_a_row_shows_state_region_submission_date_age_and_assigned_instructors(
    client_as, ours, instructor
):
    ours.assigned_to.add(instructor)
    with freeze_time("2022-03-11 12:00"):
        response = client_as("instructor").get(URL)
    row = response.context["rows"][0]
    assert row.age == 10
    html = response.content.decode()
    assert "Déposée" in html
    assert "Occitanie" in html
    assert "01/03/2022" in html
    assert "10 jours" in html
    assert str(instructor) in html


@pytest.mark.parametrize(
    ("today", "overdue"),
    [("2022-04-29 12:00", False), ("2022-04-30 12:00", True), ("2022-06-01", True)],
)
def test_a_pending_application_is_overdue_sixty_days_after_its_first_submission(
    client_as, ours, today, overdue
):
    with freeze_time(today):
        response = client_as("instructor").get(URL)
    assert response.context["rows"][0].overdue is overdue
    assert (OVERDUE_BADGE in response.content.decode()) is overdue


def test_a_decided_application_is_never_overdue(client_as, phase, pole):
    filed(phase, pole=pole, state=ApplicationState.REJECTED, submitted=at(2022, 1, 1))
    with freeze_time("2023-01-01"):
        response = client_as("instructor").get(ALL)
    assert response.context["rows"][0].overdue is False


def test_the_overdue_delay_is_a_setting(client_as, ours, settings):
    settings.PTCE_CALLS_OVERDUE_DAYS = 5
    with freeze_time("2022-03-07"):
        response = client_as("instructor").get(URL + "?overdue=on")
    assert pole_names(response) == ["Pôle des Coteaux"]


def test_the_overdue_filter_keeps_only_the_late_ones(client_as, phase, ours, region):
    filed(phase, pole=PoleFactory(name="Pôle récent", region=region), submitted=at(2022, 5, 1))
    with freeze_time("2022-05-10"):
        everything = pole_names(client_as("instructor").get(URL))
        late = pole_names(client_as("instructor").get(URL + "?overdue=on"))
    assert sorted(everything) == ["Pôle des Coteaux", "Pôle récent"]
    assert late == ["Pôle des Coteaux"]


def test_filters_by_call_phase_and_state(client_as, phase, ours, region):
    phase2 = PhaseFactory(call=phase.call, number=2, name="Soutien financier")
    other_call_phase = PhaseFactory(call__slug="ami-2021", call__name="AMI 2021")
    second = filed(phase2, pole=PoleFactory(name="Pôle B", region=region))
    filed(other_call_phase, pole=PoleFactory(name="Pôle C", region=region))
    second.state = ApplicationState.INSTRUCTION
    second.save()
    client = client_as("instructor")
    assert sorted(pole_names(client.get(URL + "?call=ami-2022"))) == ["Pôle B", "Pôle des Coteaux"]
    assert pole_names(client.get(URL + f"?phase={phase2.pk}")) == ["Pôle B"]
    assert pole_names(client.get(URL + "?state=en_instruction")) == ["Pôle B"]


def test_filters_by_region_departement_and_sector(client_as, phase, ours, theirs, pole):
    from ptce.poles.models import Sector

    sector = Sector.objects.order_by("position").first()
    pole.sectors.add(sector)
    pole.covered_departements.add(DepartementFactory(code="31"))
    client = client_as("national_instructor")
    assert pole_names(client.get(ALL + "&region=76")) == ["Pôle des Coteaux"]
    assert pole_names(client.get(ALL + "&departement=31")) == ["Pôle des Coteaux"]
    assert pole_names(client.get(ALL + f"&sector={sector.pk}")) == ["Pôle des Coteaux"]


def test_a_regional_instructor_cannot_filter_on_a_region_outside_their_scope(
    client_as, ours, theirs
):
    response = client_as("instructor").get(URL + "?region=53")
    assert pole_names(response) == []
    assert "region" in response.context["form"].errors


def test_assigned_to_me_keeps_only_my_applications(client_as, phase, ours, region, instructor):
    filed(phase, pole=PoleFactory(name="Pôle B", region=region))
    ours.assigned_to.add(instructor)
    assert pole_names(client_as("instructor").get(URL + "?mine=on")) == ["Pôle des Coteaux"]


def test_an_unknown_filter_value_gives_a_french_error_and_no_rows(client_as, ours):
    response = client_as("instructor").get(URL + "?state=nimporte")
    assert pole_names(response) == []
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_sorting_by_age_pole_submission_and_score(client_as, phase, region):
    from tests.calls.factories import CriterionFactory

    a = filed(phase, pole=PoleFactory(name="Zèbre", region=region), submitted=at(2022, 1, 1))
    b = filed(phase, pole=PoleFactory(name="Abeille", region=region), submitted=at(2022, 2, 1))
    criterion = CriterionFactory(phase=phase, weight=2)
    b.scores.create(criterion=criterion, value=4)
    a.scores.create(criterion=criterion, value=1)
    client = client_as("instructor")
    assert pole_names(client.get(URL)) == ["Zèbre", "Abeille"]
    assert pole_names(client.get(URL + "?sort=recentes")) == ["Abeille", "Zèbre"]
    assert pole_names(client.get(URL + "?sort=pole")) == ["Abeille", "Zèbre"]
    assert pole_names(client.get(URL + "?sort=depot")) == ["Abeille", "Zèbre"]
    response = client.get(URL + "?sort=note")
    assert pole_names(response) == ["Abeille", "Zèbre"]
    assert [row.score for row in response.context["rows"]] == [8, 2]


def test_the_list_is_paginated_and_pages_keep_the_filters(client_as, phase, region):
    for index in range(27):
        filed(phase, pole=PoleFactory(name=f"Pôle {index:02d}", region=region))
    response = client_as("instructor").get(URL + "?state=deposee")
    assert len(response.context["rows"]) == 25
    assert "state=deposee&amp;page=2" in response.content.decode()
    second = client_as("instructor").get(URL + "?state=deposee&page=2")
    assert len(second.context["rows"]) == 2


def _many(phase, region, instructor, count):
    for _ in range(count):
        application = filed(phase, pole=PoleFactory(region=region))
        application.assigned_to.add(instructor)


@pytest.mark.parametrize("role", ["instructor", "national_instructor"])
def test_the_list_makes_as_many_queries_for_two_or_twenty_applications(
    client_as, phase, region, instructor, django_assert_num_queries, role
):
    client = client_as(role)
    _many(phase, region, instructor, 2)
    with CaptureQueriesContext(connection) as two:
        client.get(ALL)
    _many(phase, region, instructor, 18)
    with django_assert_num_queries(len(two)):
        response = client.get(ALL)
    assert len(response.context["rows"]) == 20


def test_the_page_renders_without_undefined_variables(client_as, ours, strict_templates):
    response = client_as("instructor").get(URL)
    assert "VARIABLE-INDEFINIE" not in response.content.decode()


def test_coordinators_of_a_pole_are_not_instructors(client, pole, ours):
    user = PolePersonFactory(pole=pole, role=PersonRole.COORDINATOR).user
    client.force_login(user)
    assert client.get(URL).status_code == 403


def test_a_list_filtered_on_a_call_links_to_its_figures(client_as, ours):
    html = client_as("instructor").get(URL + "?call=ami-2022").content.decode()
    assert reverse("calls:call_figures", args=["ami-2022"]) in html
