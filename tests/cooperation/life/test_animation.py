"""Animation indicators and alerts, at a frozen moment."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from freezegun import freeze_time

from ptce.cooperation.life import animation
from ptce.cooperation.life.selectors import pole_animation
from ptce.poles.models import Pole
from tests.conftest import ROLES
from tests.cooperation.factories import MeetingFactory
from tests.cooperation.life.helpers import MANAGE_ACCESS, aware, member_of

NOW = "2025-06-15 10:00:00"


def at(*args):
    return aware(*args)


def test_months_before_keeps_the_day_or_the_last_day_of_a_shorter_month():
    assert animation.months_before(at(2025, 5, 31), 3) == at(2025, 2, 28)
    assert animation.months_before(at(2024, 5, 31), 3) == at(2024, 2, 29)
    assert animation.months_before(at(2025, 2, 10), 3) == at(2024, 11, 10)
    assert animation.months_before(at(2025, 6, 15), 12) == at(2024, 6, 15)


def indicators(now, events, attendance, members, created=None):
    return animation.from_events(
        now=now,
        event_times=events,
        attendance=attendance,
        members=members,
        pole_created_at=created or at(2020, 1, 1),
    )


def test_indicators_count_events_held_in_3_and_12_months_and_not_planned_ones():
    now = at(2025, 6, 15)
    events = [at(2025, 6, 1), at(2025, 4, 1), at(2025, 1, 10), at(2024, 5, 1), at(2025, 7, 1)]

    result = indicators(now, events, {}, [])

    assert (result.events_3_months, result.events_12_months) == (2, 3)
    assert result.last_event_at == at(2025, 6, 1)
    assert result.days_since_last_event == 14


def test_participation_counts_members_that_attended_in_12_months():
    now = at(2025, 6, 15)
    attendance = {
        "Régie": [at(2025, 6, 1)],
        "Scop": [at(2024, 6, 1)],  # more than 12 months ago
        "Mairie": [at(2025, 7, 1)],  # not held yet
    }

    result = indicators(now, [at(2025, 6, 1)], attendance, ["Régie", "Scop", "Mairie", "Asso"])

    assert (result.active_member_count, result.member_count) == (1, 4)
    assert result.participation_percent == 25
    assert result.inactive_members == ["Scop", "Mairie", "Asso"]
    assert result.low_participation


@pytest.mark.parametrize(("active", "low"), [(2, False), (1, True)])
def test_the_participation_alert_fires_below_half_of_the_members(active, low):
    now = at(2025, 6, 15)
    members = ["A", "B", "C", "D"]
    attendance = {m: [at(2025, 6, 1)] for m in members[:active]}

    result = indicators(now, [at(2025, 6, 1)], attendance, members)

    assert result.low_participation is low
    assert any("Moins de la moitié" in a for a in result.alerts) is low


def test_a_pole_without_members_has_no_participation_alert():
    result = indicators(at(2025, 6, 15), [at(2025, 6, 1)], {}, [])

    assert result.participation_share is None
    assert not result.has_alert


@pytest.mark.parametrize(
    ("last_event", "lapsed"),
    [
        (at(2025, 3, 15, 10), False),  # exactly 3 months ago
        (at(2025, 3, 15, 9), True),  # a bit more than 3 months ago
        (at(2025, 5, 1), False),
    ],
)
def test_the_lapse_alert_fires_after_more_than_three_months_without_event(last_event, lapsed):
    result = indicators(at(2025, 6, 15, 10), [last_event], {}, [])

    assert result.lapsed is lapsed
    assert any("Aucun événement depuis plus de 3 mois" in a for a in result.alerts) is lapsed


def test_the_lapse_threshold_is_a_setting(settings):
    settings.PTCE_ANIMATION_ALERT_MONTHS = 6

    result = indicators(at(2025, 6, 15), [at(2025, 1, 1)], {}, [])

    assert not result.lapsed
    settings.PTCE_ANIMATION_ALERT_MONTHS = 4
    assert indicators(at(2025, 6, 15), [at(2025, 1, 1)], {}, []).alerts == [
        "Aucun événement depuis plus de 4 mois (dernier il y a 165 jours)."
    ]


def test_a_young_pole_is_given_time_before_the_lapse_alert():
    young = indicators(at(2025, 6, 15), [], {}, [], created=at(2025, 5, 1))
    old = indicators(at(2025, 6, 15), [], {}, [], created=at(2024, 1, 1))

    assert not young.lapsed
    assert old.alerts == ["Aucun événement enregistré depuis plus de 3 mois."]


# --- From the database ------------------------------------------------------------------------


def age(pole):
    Pole.objects.filter(pk=pole.pk).update(created_at=at(2020, 1, 1))
    pole.refresh_from_db()
    return pole


@pytest.fixture
def lively_pole(pole):
    """Four members; two attended in the last year; one event 10 days ago, one planned."""
    age(pole)
    a, b = member_of(pole, "Alpha"), member_of(pole, "Bêta")
    member_of(pole, "Gamma")
    old = member_of(pole, "Delta")
    MeetingFactory(pole=pole, starts_at=at(2025, 6, 5), attendees=[a])
    MeetingFactory(pole=pole, starts_at=at(2025, 1, 20), attendees=[a, b])
    MeetingFactory(pole=pole, starts_at=at(2024, 3, 1), attendees=[old])
    MeetingFactory(pole=pole, starts_at=at(2025, 9, 1), attendees=[old])
    return pole


@pytest.mark.django_db
@freeze_time(NOW)
def test_pole_animation_reads_the_database_in_two_queries(lively_pole, django_assert_num_queries):
    with django_assert_num_queries(2):
        result = pole_animation(lively_pole)
        names = [m.organisation.name for m in result.inactive_members]

    assert (result.events_3_months, result.events_12_months) == (1, 2)
    assert result.last_event_at == at(2025, 6, 5)
    assert result.days_since_last_event == 10
    assert (result.active_member_count, result.member_count) == (2, 4)
    assert names == ["Delta", "Gamma"]
    assert not result.has_alert


@pytest.mark.django_db
@freeze_time("2025-12-01 10:00:00")
def test_the_same_pole_lapses_when_months_pass(lively_pole):
    result = pole_animation(lively_pole)

    assert result.lapsed
    assert result.days_since_last_event == 91  # the meeting of 1 September is now held
    assert not result.low_participation  # Alpha, Bêta and Delta attended in 12 months
    assert [m.organisation.name for m in result.inactive_members] == ["Gamma"]


@pytest.mark.django_db
@freeze_time(NOW)
def test_members_who_left_do_not_count(lively_pole):
    lively_pole.memberships.filter(organisation__name="Gamma").update(left_on="2025-01-01")

    result = pole_animation(lively_pole)

    assert (result.active_member_count, result.member_count) == (2, 3)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_animation_page_is_for_coordinators(client_as, role, pole):
    response = client_as(role).get(reverse("cooperation:animation", args=[pole.slug]))

    assert response.status_code == MANAGE_ACCESS[role]


@pytest.mark.django_db
@freeze_time(NOW)
def test_the_animation_page_names_inactive_members_and_shows_alerts(client_as, lively_pole):
    lively_pole.meetings.filter(starts_at__range=(at(2025, 1, 1), at(2025, 7, 1))).update(
        starts_at=at(2025, 1, 1)
    )

    html = (
        client_as("coordinator")
        .get(reverse("cooperation:animation", args=[lively_pole.slug]))
        .content.decode()
    )

    assert "Aucun événement depuis plus de 3 mois (dernier il y a 165 jours)." in html
    assert "Delta" in html
    assert "Gamma" in html


@pytest.mark.django_db
@freeze_time(NOW)
def test_the_dashboard_card_renders_from_the_selector(lively_pole, rf, coordinator):
    request = rf.get("/")
    request.user = coordinator

    html = render_to_string(
        "cooperation/life/_animation_card.html",
        {"pole": lively_pole, "animation": pole_animation(lively_pole)},
        request=request,
    )

    assert "1 événement en 3 mois, 2 en 12 mois" in html
    assert "50 % des organisations membres ont participé en 12 mois (2 sur 4)" in html
    assert "Animation régulière" in html


def test_a_planned_meeting_is_not_an_event_held():
    result = indicators(at(2025, 6, 15), [at(2025, 6, 16)], {}, [])

    assert result.last_event_at is None
    assert result.events_3_months == 0
    assert datetime.timedelta(0) < at(2025, 6, 16) - at(2025, 6, 15)
