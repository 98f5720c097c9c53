"""Who may open each applicant page: the role matrix."""

import pytest

from ptce.calls import uploads
from ptce.calls.models import ApplicationState
from tests.calls.factories import ApplicationFactory
from tests.calls.factories.applicant import pdf_file, phase_with_form

pytestmark = pytest.mark.django_db

ALL_ROLES = [
    "anonymous",
    "outsider",
    "member",
    "coordinator",
    "other_coordinator",
    "instructor",
    "other_instructor",
    "national_instructor",
    "admin_user",
]


@pytest.fixture
def application(pole, coordinator):
    phase, _, _ = phase_with_form()
    return ApplicationFactory(
        pole=pole, phase=phase, created_by=coordinator, state=ApplicationState.DRAFT
    )


@pytest.fixture
def stored_file(application, coordinator):
    return uploads.store(
        application=application, question_key="statuts", uploaded=pdf_file(), by=coordinator
    )


def _get(client_as, role, url):
    return client_as(role).get(url)


def _expect(response, expected):
    if expected == "login":
        assert response.status_code == 302
        assert "/connexion/" in response["Location"] or "login" in response["Location"]
    else:
        assert response.status_code == expected


# Viewers of the pole's applications: its coordinators, the région's instructors, the national
# cell and admins; a member of the pole knows it (403); anyone else gets 404.
LIST_EXPECTED = {
    "anonymous": "login",
    "outsider": 404,
    "member": 403,
    "coordinator": 200,
    "other_coordinator": 404,
    "instructor": 200,
    "other_instructor": 404,
    "national_instructor": 200,
    "admin_user": 200,
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_pole_applications_page_by_role(client_as, role, pole, application):
    response = _get(client_as, role, f"/poles/{pole.slug}/candidatures/")
    _expect(response, LIST_EXPECTED[role])


# Only a coordinator of the pole creates an application.
CREATE_EXPECTED = {
    **LIST_EXPECTED,
    "instructor": 403,
    "national_instructor": 403,
    "admin_user": 403,
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_create_page_by_role(client_as, role, pole, application):
    url = f"/poles/{pole.slug}/candidatures/nouvelle/{application.phase.pk}/"
    _expect(_get(client_as, role, url), CREATE_EXPECTED[role])


# The application itself: the pole's coordinators and the instruction read it; a member of
# the pole is not an applicant (404, like any stranger).
VIEW_EXPECTED = {**LIST_EXPECTED, "member": 404}
# Editing, submitting and withdrawing: the author and co-editors only; read-only viewers 403.
EDIT_EXPECTED = {
    **VIEW_EXPECTED,
    "instructor": 403,
    "national_instructor": 403,
    "admin_user": 403,
}
# Co-editors page: the applicant side (and admins).
COEDITORS_EXPECTED = {**EDIT_EXPECTED, "admin_user": 200}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_detail_page_by_role(client_as, role, application):
    _expect(_get(client_as, role, f"/candidatures/{application.pk}/"), VIEW_EXPECTED[role])


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_edit_page_by_role(client_as, role, application):
    url = f"/candidatures/{application.pk}/modifier/"
    _expect(_get(client_as, role, url), EDIT_EXPECTED[role])


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_submit_page_by_role(client_as, role, application):
    url = f"/candidatures/{application.pk}/deposer/"
    _expect(_get(client_as, role, url), EDIT_EXPECTED[role])


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_withdraw_page_by_role(client_as, role, application):
    url = f"/candidatures/{application.pk}/retirer/"
    _expect(_get(client_as, role, url), EDIT_EXPECTED[role])


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_coeditors_page_by_role(client_as, role, application):
    url = f"/candidatures/{application.pk}/co-redacteurs/"
    _expect(_get(client_as, role, url), COEDITORS_EXPECTED[role])


@pytest.mark.parametrize("role", ALL_ROLES)
def test_an_attached_file_by_role(client_as, role, application, stored_file):
    url = f"/candidatures/{application.pk}/fichiers/{stored_file.pk}/"
    response = _get(client_as, role, url)
    _expect(response, VIEW_EXPECTED[role])
    if response.status_code == 200:
        assert response["Content-Disposition"] == 'attachment; filename="budget.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize(
    "role", ["outsider", "member", "other_coordinator", "other_instructor", "coordinator"]
)
def test_a_post_by_someone_who_may_not_edit_writes_nothing(client_as, role, application):
    if role == "coordinator":
        application.created_by = None
        application.save()
    response = client_as(role).post(
        f"/candidatures/{application.pk}/modifier/", {"projet": "Piraté"}
    )
    assert response.status_code in (403, 404)
    application.refresh_from_db()
    assert application.answers == {}


def test_a_file_of_another_application_is_not_found(client_as, application, stored_file, pole):
    other = ApplicationFactory(pole=pole, phase=ApplicationFactory().phase)
    response = client_as("coordinator").get(f"/candidatures/{other.pk}/fichiers/{stored_file.pk}/")
    assert response.status_code == 404
