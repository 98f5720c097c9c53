"""The instructors' animation summary: who sees which poles, alert flags, constant queries."""

import pytest
from django.urls import reverse
from freezegun import freeze_time

from ptce.poles.models import Pole
from tests.conftest import ROLES
from tests.cooperation.factories import MeetingFactory
from tests.cooperation.life.helpers import aware, member_of
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db

SUMMARY = reverse("cooperation:animation_summary")
SUMMARY_ACCESS = {
    "anonymous": 302,
    "outsider": 403,
    "member": 403,
    "other_coordinator": 403,
    "coordinator": 403,
    "instructor": 200,
    "admin_user": 200,
}


def lapsed_pole(region, name):
    """Created long ago, last event 6 months ago, attended by its only member."""
    pole = PoleFactory(region=region, name=name)
    Pole.objects.filter(pk=pole.pk).update(created_at=aware(2020, 1, 1))
    member = member_of(pole)
    MeetingFactory(pole=pole, starts_at=aware(2024, 12, 15), attendees=[member])
    return pole


def lively_pole(region, name):
    pole = PoleFactory(region=region, name=name)
    members = [member_of(pole) for _ in range(3)]
    MeetingFactory(pole=pole, starts_at=aware(2025, 6, 1), attendees=members[:2])
    return pole


@pytest.mark.parametrize("role", ROLES)
def test_the_summary_is_for_instructors_and_admins(client_as, role, pole):
    assert client_as(role).get(SUMMARY).status_code == SUMMARY_ACCESS[role]


def test_a_regional_instructor_sees_only_the_poles_of_their_regions(
    client, instructor, pole, other_pole
):
    client.force_login(instructor)

    html = client.get(SUMMARY).content.decode()

    assert pole.name in html
    assert other_pole.name not in html


@pytest.mark.parametrize("who", ["national_instructor", "admin_user"])
def test_the_national_cell_and_admins_see_every_pole(client, request, who, pole, other_pole):
    client.force_login(request.getfixturevalue(who))

    html = client.get(SUMMARY).content.decode()

    assert pole.name in html
    assert other_pole.name in html


@freeze_time("2025-06-15 10:00:00")
def test_the_summary_flags_lapsed_and_weak_poles(client, instructor, region):
    lapsed_pole(region, "Pôle endormi")
    lively_pole(region, "Pôle vivant")
    weak = lively_pole(region, "Pôle peu suivi")
    for _ in range(3):
        member_of(weak)
    client.force_login(instructor)

    html = client.get(SUMMARY).content.decode()
    rows = {name: html[html.index(name) :].split("</tr>")[0] for name in ("endormi", "vivant")}
    weak_row = html[html.index("Pôle peu suivi") :].split("</tr>")[0]

    assert "Animation interrompue" in rows["endormi"]
    assert "il y a 182 jours" in rows["endormi"]
    assert "Aucune" in rows["vivant"]
    assert "67 % (2 sur 3)" in rows["vivant"]
    assert "Participation faible" in weak_row
    assert "33 % (2 sur 6)" in weak_row


@pytest.mark.parametrize("count", [3, 30])
def test_the_summary_runs_a_fixed_number_of_queries_however_many_poles(
    client, instructor, region, django_assert_num_queries, count
):
    with freeze_time("2025-06-15 10:00:00"):
        for n in range(count):
            (lapsed_pole if n % 2 else lively_pole)(region, f"Pôle n° {n}")
    client.force_login(instructor)

    # session, user, savepoints (2), count, page of annotated poles
    with freeze_time("2025-06-15 10:00:00"), django_assert_num_queries(6):
        response = client.get(SUMMARY)

    assert response.status_code == 200
    assert response.content.decode().count("Animation interrompue") == count // 2
