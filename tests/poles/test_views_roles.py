"""Who can see and change each pole page: one row per role, for every view."""

import pytest
from django.urls import reverse

from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

MANAGE_VIEWS = [
    "poles:manage",
    "poles:edit",
    "poles:territory",
    "poles:places",
    "poles:place_add",
    "poles:members",
    "poles:member_add",
    "poles:people",
    "poles:history",
]
MANAGE_ACCESS = {
    "anonymous": 302,
    "outsider": 403,
    "member": 403,
    "other_coordinator": 403,
    "coordinator": 200,
    "instructor": 403,
    "admin_user": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_the_directory(client_as, role, pole):
    response = client_as(role).get(reverse("poles:directory"))
    assert response.status_code == 200
    assert pole.name in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_a_published_pole_page(client_as, role, pole):
    assert client_as(role).get(reverse("poles:detail", args=[pole.slug])).status_code == 200


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 404),
        ("outsider", 404),
        ("member", 200),
        ("other_coordinator", 404),
        ("coordinator", 200),
        ("instructor", 200),
        ("admin_user", 200),
    ],
)
def test_an_unpublished_pole_is_hidden_from_strangers(client_as, role, expected, pole):
    pole.is_published = False
    pole.save()
    client = client_as(role)
    assert client.get(reverse("poles:detail", args=[pole.slug])).status_code == expected


def test_an_unpublished_pole_is_hidden_from_instructors_of_other_regions(
    client, pole, other_instructor
):
    pole.is_published = False
    pole.save()
    client.force_login(other_instructor)
    assert client.get(reverse("poles:detail", args=[pole.slug])).status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("member", 200),
        ("other_coordinator", 403),
        ("coordinator", 200),
        ("instructor", 200),
        ("admin_user", 200),
    ],
)
def test_the_members_space_is_for_the_pole_instructors_and_admins(client_as, role, expected, pole):
    response = client_as(role).get(reverse("poles:internal", args=[pole.slug]))
    assert response.status_code == expected
    if expected == 302:
        assert response.url.startswith(reverse("core:login"))


@pytest.mark.parametrize("view", MANAGE_VIEWS)
@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_and_admins_manage_the_pole(client_as, role, view, pole):
    response = client_as(role).get(reverse(view, args=[pole.slug]))
    assert response.status_code == MANAGE_ACCESS[role]


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_and_admins_change_the_profile(client_as, role, pole):
    client_as(role).post(
        reverse("poles:edit", args=[pole.slug]),
        {"name": "Nom changé", "stage": 1, "is_published": "on"},
    )
    pole.refresh_from_db()
    assert (pole.name == "Nom changé") is (MANAGE_ACCESS[role] == 200)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("outsider", 200),
        ("member", 200),
        ("other_coordinator", 200),
        ("coordinator", 200),
        ("instructor", 200),
        ("admin_user", 200),
    ],
)
def test_any_signed_in_person_may_start_a_pole(client_as, role, expected, pole):
    assert client_as(role).get(reverse("poles:create")).status_code == expected


def test_a_pole_of_another_region_is_not_in_the_instructor_dashboard(
    client, instructor, pole, other_pole
):
    client.force_login(instructor)
    content = client.get(reverse("core:dashboard")).content.decode()
    assert pole.name in content
    assert other_pole.name not in content


def test_the_national_cell_follows_every_region(client, national_instructor, pole, other_pole):
    client.force_login(national_instructor)
    content = client.get(reverse("core:dashboard")).content.decode()
    assert pole.name in content
    assert other_pole.name in content
