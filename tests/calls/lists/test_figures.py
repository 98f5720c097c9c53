"""Figures per call and phase: counts, the selection rate, breakdowns, delays, pending."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from ptce.calls.lists.figures import (
    call_figures,
    percentile,
    selection_by_phase,
    selection_rate_label,
)
from ptce.calls.lists.selectors import instruction_scope
from ptce.calls.models import ApplicationState
from ptce.calls.moves import move
from ptce.poles.models import Sector
from tests.calls.factories import ApplicationFactory, PhaseFactory
from tests.calls.factories.lists import INSTRUCTION_ONLY, at, filed
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db
S = ApplicationState


@pytest.fixture
def phase():
    return PhaseFactory(call__name="AMI PTCE 2022", call__slug="ami-2022")


def url(call):
    return reverse("calls:call_figures", args=[call.slug])


@pytest.fixture
def ami_2022(phase, region, other_region):
    """76 applications, 16 laureates: 40 in Occitanie (10 laureates), 36 in Bretagne (6)."""
    for index in range(76):
        in_occitanie = index < 40
        laureate = index < 10 or 40 <= index < 46
        filed(
            phase,
            state=S.LAUREATE if laureate else S.REJECTED,
            region=region if in_occitanie else other_region,
        )
    return phase


def test_the_selection_rate_label_reads_like_the_press_release():
    assert selection_rate_label(16, 76) == "16 lauréats parmi 76 candidatures réceptionnées (21 %)"
    assert selection_rate_label(1, 1) == "1 lauréat parmi 1 candidature réceptionnée (100 %)"
    assert selection_rate_label(0, 0) == "Aucune candidature déposée"


def test_76_applications_and_16_laureates_give_21_percent(ami_2022, admin_user):
    (row,) = call_figures(ami_2022.call, instruction_scope(admin_user))
    assert (row["applications"], row["laureates"]) == (76, 16)
    assert row["label"] == "16 lauréats parmi 76 candidatures réceptionnées (21 %)"
    (public,) = selection_by_phase()
    assert public["label"] == "16 lauréats parmi 76 candidatures réceptionnées (21 %)"
    assert public["rate"] == 21


def test_figures_break_down_by_region(ami_2022, admin_user):
    (row,) = call_figures(ami_2022.call, instruction_scope(admin_user))
    assert [(r["name"], r["applications"], r["laureates"]) for r in row["by_region"]] == [
        ("Occitanie", 40, 10),
        ("Bretagne", 36, 6),
    ]
    assert row["by_region"][0]["label"] == "10 lauréats parmi 40 candidatures réceptionnées (25 %)"


def test_a_regional_instructor_gets_the_figures_of_their_regions(ami_2022, instructor):
    (row,) = call_figures(ami_2022.call, instruction_scope(instructor))
    assert row["label"] == "10 lauréats parmi 40 candidatures réceptionnées (25 %)"


def test_figures_break_down_by_sector_counting_a_pole_in_each_of_its_sectors(phase, region):
    culture, food = Sector.objects.order_by("position")[:2]
    both = PoleFactory(region=region)
    both.sectors.add(culture, food)
    only_food = PoleFactory(region=region)
    only_food.sectors.add(food)
    filed(phase, pole=both, state=S.LAUREATE)
    filed(phase, pole=only_food, state=S.REJECTED)
    filed(phase, region=region)
    from tests.core.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    (row,) = call_figures(phase.call, instruction_scope(admin))
    by_sector = {r["name"]: (r["applications"], r["laureates"]) for r in row["by_sector"]}
    assert by_sector == {food.name: (2, 1), culture.name: (1, 1), "Sans filière": (1, 0)}


def test_drafts_do_not_count_and_withdrawals_count_apart(phase, region, admin_user):
    filed(phase, region=region)
    draft = ApplicationFactory(phase=phase, pole=PoleFactory(region=region))
    assert draft.first_submitted_at is None
    filed(phase, region=region, state=S.WITHDRAWN)
    (row,) = call_figures(phase.call, instruction_scope(admin_user))
    assert (row["applications"], row["withdrawn"]) == (2, 1)
    assert row["withdrawn_label"] == "dont 1 retirée"


def test_median_and_ninetieth_percentile_of_the_days_to_decision(phase, region, admin_user):
    start = at(2022, 3, 1)
    for days in (10, 20, 30, 40, 100):
        filed(
            phase,
            region=region,
            state=S.REJECTED,
            submitted=start,
            decided=start + datetime.timedelta(days=days),
        )
    filed(phase, region=region)  # pending: no delay yet
    (row,) = call_figures(phase.call, instruction_scope(admin_user))
    assert row["decided"] == 5
    assert row["median_days"] == row["total_median_days"] == 30
    assert row["p90_days"] == row["total_p90_days"] == 76  # 40 + 0.6 × (100 − 40)


def test_percentile_interpolates_between_ranks():
    assert percentile([], 0.5) is None
    assert percentile([7], 0.9) == 7
    assert percentile([1, 2, 3, 4], 0.5) == 2.5


def test_the_instruction_delay_leaves_out_the_wait_for_the_complement(
    phase, pole, coordinator, instructor, national_instructor, admin_user
):
    application = ApplicationFactory(phase=phase, pole=pole, created_by=coordinator)
    with freeze_time("2022-03-01 09:00"):
        move(application=application, name="submit", by=coordinator)
        move(application=application, name="start", by=instructor)
    with freeze_time("2022-03-15 09:00"):
        move(application=application, name="request_complement", by=instructor, motivation="?")
    with freeze_time("2022-03-20 09:00"):
        move(application=application, name="resubmit", by=coordinator)
        move(application=application, name="start", by=instructor)
    with freeze_time("2022-04-12 21:00"):
        move(
            application=application,
            name="decide_laureate",
            by=national_instructor,
            motivation="Très bon dossier.",
        )
    (row,) = call_figures(phase.call, instruction_scope(admin_user))
    assert row["total_median_days"] == 42.5
    assert row["median_days"] == 37.5  # the 5 days waiting for the complement left out
    assert row["laureates"] == 1


def test_pending_applications_are_counted_by_state(phase, region, admin_user):
    for state in (S.SUBMITTED, S.SUBMITTED, S.INSTRUCTION, S.COMPLEMENT, S.LAUREATE):
        filed(phase, region=region, state=state)
    (row,) = call_figures(phase.call, instruction_scope(admin_user))
    assert [(p["label"], p["count"]) for p in row["pending"]] == [
        ("Complément demandé", 1),
        ("Déposée", 2),
        ("En instruction", 1),
    ]
    assert row["pending_total"] == 4


def test_the_figures_page_shows_the_rate_and_the_tables(client_as, ami_2022):
    response = client_as("national_instructor").get(url(ami_2022.call))
    html = response.content.decode()
    assert "16 lauréats parmi 76 candidatures réceptionnées (21 %)" in html
    assert "<caption>Par région</caption>" in html
    assert "Bretagne" in html


def test_the_figures_page_of_a_regional_instructor_is_scoped(client_as, ami_2022):
    html = client_as("other_instructor").get(url(ami_2022.call)).content.decode()
    assert "6 lauréats parmi 36 candidatures réceptionnées (17 %)" in html
    assert "Occitanie" not in html


def test_an_unknown_call_is_a_404(client_as, phase):
    assert client_as("instructor").get("/instruction/appels/inconnu/chiffres/").status_code == 404


@pytest.mark.parametrize(("role", "status"), INSTRUCTION_ONLY)
def test_only_instructors_and_admins_see_the_figures_page(client_as, phase, role, status):
    assert client_as(role).get(url(phase.call)).status_code == status


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, phase):
    response = client.get(url(phase.call))
    assert response.status_code == 302
    assert reverse("core:login") in response["Location"]


def test_the_figures_page_renders_without_undefined_variables(
    client_as, ami_2022, strict_templates
):
    html = client_as("instructor").get(url(ami_2022.call)).content.decode()
    assert "VARIABLE-INDEFINIE" not in html


def test_the_figures_page_makes_as_many_queries_for_two_or_twenty_applications(
    client_as, phase, region, django_assert_num_queries
):
    client = client_as("instructor")
    PhaseFactory(call=phase.call, number=2, name="Soutien financier")

    def add(count):
        for index in range(count):
            filed(phase, region=region, state=S.LAUREATE if index % 2 else S.SUBMITTED)

    add(2)
    with CaptureQueriesContext(connection) as two:
        client.get(url(phase.call))
    add(18)
    with django_assert_num_queries(len(two)):
        client.get(url(phase.call))
