"""Meetings and their attachments: services, upload checks, and who may download."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ptce.cooperation.life.services import (
    attachment_add,
    attachment_delete,
    meeting_create,
    meeting_update,
)
from ptce.cooperation.models import Meeting, MeetingAttachment, MeetingKind
from tests.conftest import ROLES
from tests.cooperation.factories import MeetingFactory
from tests.cooperation.life.helpers import INTERNAL_ACCESS, aware, member_of

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def office_file(inner: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in inner.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = office_file({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


def test_a_meeting_is_recorded_with_the_members_that_attended(pole, coordinator):
    a, b = member_of(pole), member_of(pole)

    meeting = meeting_create(
        pole=pole,
        created_by=coordinator,
        attendees=[a, b],
        kind=MeetingKind.WORKSHOP,
        title="Atelier mobilité",
        starts_at=aware(2025, 3, 12),
    )

    assert set(meeting.attendees.all()) == {a, b}


def test_an_organisation_of_another_pole_cannot_attend_and_nothing_is_written(
    pole, other_pole, coordinator
):
    with pytest.raises(ValidationError) as error:
        meeting_create(
            pole=pole,
            created_by=coordinator,
            attendees=[member_of(other_pole)],
            kind=MeetingKind.WORKSHOP,
            title="Atelier",
            starts_at=aware(2025, 3, 12),
        )

    assert "Seules les organisations membres du pôle" in error.value.messages[0]
    assert not Meeting.objects.exists()


def test_an_update_keeps_attendees_who_have_since_left_the_pole(pole):
    stays, left, newcomer = member_of(pole), member_of(pole), member_of(pole)
    meeting = MeetingFactory(pole=pole, attendees=[stays, left])
    left.left_on = "2025-01-01"
    left.save()

    meeting_update(meeting=meeting, attendees=[newcomer], minutes="Relevé de décisions.")

    assert set(meeting.attendees.all()) == {left, newcomer}
    assert Meeting.objects.get().minutes == "Relevé de décisions."


def test_a_pdf_is_kept_in_the_private_media_under_a_random_name(pole, private_media):
    meeting = MeetingFactory(pole=pole)

    attachment = attachment_add(
        meeting=meeting,
        uploaded_file=SimpleUploadedFile("compte rendu.pdf", PDF, "application/octet-stream"),
    )

    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "compte_rendu.pdf"
    assert attachment.size == len(PDF)
    stored = private_media / attachment.file.name
    assert stored.read_bytes() == PDF
    assert "compte rendu" not in attachment.file.name
    assert attachment.file.name.startswith("comptes-rendus/")
    assert len(attachment.file.name.rsplit("/", 1)[1]) == len("0123456789abcdef" * 2 + ".pdf")


def test_an_office_document_is_accepted(pole):
    attachment = attachment_add(
        meeting=MeetingFactory(pole=pole),
        uploaded_file=SimpleUploadedFile("ordre-du-jour.docx", DOCX),
    )

    assert attachment.content_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programme.exe", b"MZ\x90\x00" + b"\x00" * 60, "n’est pas accepté"),
        ("compte-rendu.pdf", b"MZ\x90\x00" + b"\x00" * 60, "est un programme"),
        ("photo.png", PDF, "ne correspond pas à son extension"),
        ("notes.docm", DOCX, "n’est pas accepté"),
        (
            "macro.docx",
            office_file(
                {"[Content_Types].xml": "", "word/document.xml": "", "word/vbaProject.bin": ""}
            ),
            "macros",
        ),
        ("vide.pdf", b"", "est vide"),
    ],
    ids=["executable", "renamed executable", "wrong extension", "macro type", "macro", "empty"],
)
def test_bad_files_are_refused_in_french_and_nothing_is_kept(
    pole, private_media, name, content, message
):
    meeting = MeetingFactory(pole=pole)

    with pytest.raises(ValidationError) as error:
        attachment_add(meeting=meeting, uploaded_file=SimpleUploadedFile(name, content))

    assert message in error.value.messages[0]
    assert not MeetingAttachment.objects.exists()
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


def test_a_file_over_the_size_limit_is_refused(pole, settings):
    settings.PTCE_EVIDENCE_MAX_BYTES = 1024

    with pytest.raises(ValidationError) as error:
        attachment_add(
            meeting=MeetingFactory(pole=pole),
            uploaded_file=SimpleUploadedFile("gros.pdf", PDF + b"0" * 2048),
        )

    assert "la taille maximale est de 1 ko" in error.value.messages[0]
    assert not MeetingAttachment.objects.exists()


def test_deleting_an_attachment_removes_its_file_once_committed(
    pole, private_media, django_capture_on_commit_callbacks
):
    attachment = attachment_add(
        meeting=MeetingFactory(pole=pole), uploaded_file=SimpleUploadedFile("cr.pdf", PDF)
    )
    stored = private_media / attachment.file.name

    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(attachment=attachment)

    assert not stored.exists()
    assert not MeetingAttachment.objects.exists()


@pytest.fixture
def attachment(pole):
    return attachment_add(
        meeting=MeetingFactory(pole=pole, minutes="Décisions confidentielles"),
        uploaded_file=SimpleUploadedFile("cr.pdf", PDF),
    )


def download_url(pole, attachment):
    return reverse(
        "cooperation:attachment_download",
        args=[pole.slug, attachment.meeting_id, attachment.pk],
    )


@pytest.mark.parametrize("role", ROLES)
def test_attachments_are_served_only_to_those_who_read_minutes(client_as, role, pole, attachment):
    response = client_as(role).get(download_url(pole, attachment))

    assert response.status_code == INTERNAL_ACCESS[role]
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "no-store" in response["Cache-Control"]


def test_an_unpublished_poles_attachments_are_hidden_from_strangers(client_as, pole, attachment):
    pole.is_published = False
    pole.save()

    assert client_as("outsider").get(download_url(pole, attachment)).status_code == 404


def test_instructors_of_another_region_cannot_download(client, pole, attachment, other_instructor):
    client.force_login(other_instructor)

    assert client.get(download_url(pole, attachment)).status_code == 403


def test_an_attachment_is_not_reachable_through_another_pole(
    client_as, pole, other_pole, attachment
):
    wrong = reverse(
        "cooperation:attachment_download",
        args=[other_pole.slug, attachment.meeting_id, attachment.pk],
    )

    assert client_as("other_coordinator").get(wrong).status_code == 404


def test_files_are_not_stored_under_the_public_media_folder(attachment, settings):
    assert not str(attachment.file.path).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError, match="vue protégée"):
        attachment.file.url  # noqa: B018
