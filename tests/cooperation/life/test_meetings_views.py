"""Meeting pages: every view × role, the forms, attachments, and query counts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from ptce.cooperation.life.services import attachment_add
from ptce.cooperation.models import Meeting, MeetingAttachment
from tests.conftest import ROLES
from tests.cooperation.factories import MeetingFactory
from tests.cooperation.life.helpers import INTERNAL_ACCESS, MANAGE_ACCESS, member_of

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%%EOF\n"


def url(name, pole, *args):
    return reverse(f"cooperation:{name}", args=[pole.slug, *args])


@pytest.fixture
def meeting(pole):
    return MeetingFactory(pole=pole, title="Comité de pilotage de mars", minutes="Secret du CR")


def valid_post(*attendees, **overrides):
    return {
        "kind": "atelier",
        "title": "Atelier circuits courts",
        "starts_at": "2025-04-10T14:30",
        "place": "Tiers-lieu de Muret",
        "agenda": "Tour de table",
        "attendees": [m.pk for m in attendees],
        "minutes": "",
        **overrides,
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_list_is_for_the_internal_space(client_as, role, pole, meeting):
    response = client_as(role).get(url("meetings", pole))

    assert response.status_code == INTERNAL_ACCESS[role]
    if response.status_code == 200:
        assert "Comité de pilotage de mars" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_minutes_are_read_by_the_internal_space_only(client_as, role, pole, meeting):
    response = client_as(role).get(url("meeting_detail", pole, meeting.pk))

    assert response.status_code == INTERNAL_ACCESS[role]
    assert ("Secret du CR" in response.content.decode()) is (response.status_code == 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["meeting_create", "meeting_edit"])
def test_only_coordinators_create_and_edit_meetings(client_as, role, name, pole, meeting):
    args = [meeting.pk] if name == "meeting_edit" else []

    response = client_as(role).get(url(name, pole, *args))

    assert response.status_code == MANAGE_ACCESS[role]


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_add_attachments(client_as, role, pole, meeting):
    response = client_as(role).post(
        url("attachment_upload", pole, meeting.pk),
        {"file": SimpleUploadedFile("cr.pdf", PDF)},
    )

    allowed = MANAGE_ACCESS[role] == 200
    assert response.status_code == (302 if allowed else MANAGE_ACCESS[role])
    assert MeetingAttachment.objects.exists() is allowed


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_delete_meetings(client_as, role, pole, meeting):
    response = client_as(role).post(url("meeting_delete", pole, meeting.pk))

    allowed = MANAGE_ACCESS[role] == 200
    assert response.status_code == (302 if allowed else MANAGE_ACCESS[role])
    assert Meeting.objects.exists() is not allowed


def test_a_coordinator_records_a_meeting_with_attendance(client_as, pole):
    a, b, _absent = member_of(pole, "Régie de quartier"), member_of(pole), member_of(pole)

    response = client_as("coordinator").post(url("meeting_create", pole), valid_post(a, b))

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("meeting_detail", pole, meeting.pk)
    assert set(meeting.attendees.all()) == {a, b}
    assert meeting.starts_at.hour == 12  # 14:30 in Paris, summer time, stored in UTC
    detail = client_as("coordinator").get(response["Location"]).content.decode()
    assert "Régie de quartier" in detail


def test_the_attendance_checkboxes_list_only_current_members(client_as, pole, other_pole):
    member_of(pole, "Membre actuel")
    gone = member_of(pole, "Ancien membre")
    gone.left_on = "2024-01-01"
    gone.save()
    member_of(other_pole, "Membre d’ailleurs")

    html = client_as("coordinator").get(url("meeting_create", pole)).content.decode()

    assert "Membre actuel" in html
    assert "Ancien membre" not in html
    assert "Membre d’ailleurs" not in html


def test_a_member_of_another_pole_cannot_be_ticked(client_as, pole, other_pole):
    response = client_as("coordinator").post(
        url("meeting_create", pole), valid_post(member_of(other_pole))
    )

    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_bad_date_gets_a_french_message_and_nothing_is_written(client_as, pole):
    response = client_as("coordinator").post(
        url("meeting_create", pole), valid_post(starts_at="31/02/2025 25:00")
    )

    assert response.status_code == 200
    assert "Saisissez une date et une heure valides" in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("starts_at", "message"),
    [
        ("0001-01-01T10:00", "Indiquez une date entre 1900 et 2100."),
        ("9999-12-31T10:00", "Indiquez une date entre 1900 et 2100."),
        ("2045-01-01T10:00", "moins de dix ans d’aujourd’hui"),
    ],
)
def test_an_impossible_meeting_date_is_refused_and_nothing_is_written(
    client_as, pole, starts_at, message
):
    """Issue « Nothing lost »: a meeting dated year 1 was stored (as BC on PostgreSQL) and then
    broke every page that read it."""
    response = client_as("coordinator").post(
        url("meeting_create", pole), valid_post(starts_at=starts_at)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_database_refuses_a_meeting_dated_year_1_whatever_the_path(pole):
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(pole=pole, starts_at=datetime.datetime(1, 1, 2, tzinfo=datetime.UTC))


def test_a_coordinator_edits_the_minutes(client_as, pole, meeting):
    client_as("coordinator").post(
        url("meeting_edit", pole, meeting.pk), valid_post(minutes="Décidé : un atelier par mois.")
    )

    assert Meeting.objects.get().minutes == "Décidé : un atelier par mois."


def test_a_refused_attachment_is_explained_on_the_meeting_page(client_as, pole, meeting):
    response = client_as("coordinator").post(
        url("attachment_upload", pole, meeting.pk),
        {"file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00binaire")},
    )

    assert response.status_code == 400
    assert "est un programme, pas un document" in response.content.decode()
    assert not MeetingAttachment.objects.exists()


def test_a_coordinator_deletes_an_attachment_a_member_cannot(client_as, pole, meeting):
    attachment = attachment_add(meeting=meeting, uploaded_file=SimpleUploadedFile("cr.pdf", PDF))
    delete = url("attachment_delete", pole, meeting.pk, attachment.pk)

    assert client_as("member").post(delete).status_code == 403
    assert MeetingAttachment.objects.exists()
    assert client_as("coordinator").post(delete).status_code == 302
    assert not MeetingAttachment.objects.exists()


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_runs_a_fixed_number_of_queries(client_as, pole, django_assert_num_queries, count):
    members = [member_of(pole) for _ in range(3)]
    for _ in range(count):
        MeetingFactory(pole=pole, attendees=members)
    client = client_as("member")

    # session, user, savepoints (2), pole, role, count, page
    with django_assert_num_queries(8):
        response = client.get(url("meetings", pole))

    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 20])
def test_the_meeting_page_runs_a_fixed_number_of_queries(
    client_as, pole, django_assert_num_queries, count
):
    meeting = MeetingFactory(pole=pole, attendees=[member_of(pole) for _ in range(count)])
    client = client_as("member")

    # session, user, savepoints (2), pole, role, meeting, attachments, attendees
    with django_assert_num_queries(9):
        response = client.get(url("meeting_detail", pole, meeting.pk))

    assert response.status_code == 200


def test_coordinators_see_the_upload_form_with_its_limits_members_do_not(
    client_as, pole, meeting, settings
):
    settings.PTCE_EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
    detail = url("meeting_detail", pole, meeting.pk)

    coordinator_html = client_as("coordinator").get(detail).content.decode()
    member_html = client_as("member").get(detail).content.decode()

    assert "Taille maximale : 5 Mo" in coordinator_html
    assert 'accept=".docx,' in coordinator_html
    assert "Joindre le fichier" not in member_html
