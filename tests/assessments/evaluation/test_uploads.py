"""Evidence files: type checked by content and extension, size-limited, private, and served
only to the people allowed."""

# Fixtures imported from tests.assessments.grid are re-declared as test arguments.
# ruff: noqa: F811

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from ptce.assessments.evaluation import services, services_sheet
from ptce.assessments.models import EvidenceFile
from ptce.core.files import validate_upload
from tests.assessments.grid import (
    answers,
    docx_bytes,
    odt_bytes,
    pdf_bytes,
    png_bytes,
    pole_member,
    upload,
    validate,
    zip_bytes,
)

pytestmark = pytest.mark.django_db

OOXML = "application/vnd.openxmlformats-officedocument"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("compte-rendu.pdf", pdf_bytes(), "application/pdf"),
        ("Photo du lieu.PNG", png_bytes(), "image/png"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, "image/jpeg"),
        ("photo.jpeg", b"\xff\xd8\xff\xdb" + b"\x00" * 20, "image/jpeg"),
        ("photo.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 20, "image/webp"),
        ("statuts.docx", docx_bytes(), f"{OOXML}.wordprocessingml.document"),
        (
            "budget.xlsx",
            zip_bytes({"[Content_Types].xml": b"<T/>", "xl/workbook.xml": b"<w/>"}),
            f"{OOXML}.spreadsheetml.sheet",
        ),
        (
            "bilan.pptx",
            zip_bytes({"[Content_Types].xml": b"<T/>", "ppt/presentation.xml": b"<p/>"}),
            f"{OOXML}.presentationml.presentation",
        ),
        ("charte.odt", odt_bytes(), "application/vnd.oasis.opendocument.text"),
        (
            "tableau.ods",
            odt_bytes(b"application/vnd.oasis.opendocument.spreadsheet"),
            "application/vnd.oasis.opendocument.spreadsheet",
        ),
    ],
)
def test_accepted_documents_get_the_content_type_of_our_list(name, content, content_type):
    assert validate_upload(upload(name, content, "text/html")) == content_type


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programme.exe", b"MZ\x90\x00", "n’est pas accepté"),
        ("notes.txt", b"bonjour", "n’est pas accepté"),
        ("page.html", b"<script>alert(1)</script>", "n’est pas accepté"),
        ("dessin.svg", b"<svg onload=alert(1)>", "n’est pas accepté"),
        ("sans-extension", pdf_bytes(), "n’est pas accepté"),
        ("macro.docm", docx_bytes(), "n’est pas accepté"),
        ("virus.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "est un programme"),
        ("image.png", b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "est un programme"),
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n", "est un programme"),
        ("faux.pdf", png_bytes(), "ne correspond pas à son extension .pdf"),
        ("faux.png", pdf_bytes(), "ne correspond pas"),
        ("archive.docx", zip_bytes({"autre.txt": b"x"}), "ne correspond pas"),
        (
            "tableur.docx",
            zip_bytes({"[Content_Types].xml": b"<T/>", "xl/workbook.xml": b"<w/>"}),
            "ne correspond pas",
        ),
        ("casse.docx", b"PK\x03\x04pas-un-zip", "ne correspond pas"),
        (
            "texte.odt",
            odt_bytes(b"application/vnd.oasis.opendocument.spreadsheet"),
            "ne correspond pas",
        ),
        ("macros.docx", docx_bytes(**{"word/vbaProject.bin": b"\x00"}), "macros"),
        ("vide.pdf", b"", "est vide"),
    ],
)
def test_bad_files_are_refused_with_a_french_message(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_upload(upload(name, content))


def test_the_size_limit_is_a_setting(settings):
    settings.PTCE_EVIDENCE_MAX_BYTES = 2048
    validate_upload(upload("petit.pdf", pdf_bytes() + b"0" * 1000))
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload("gros.pdf", pdf_bytes() + b"0" * 3000))
    assert "pèse 3 ko\xa0: la taille maximale est de 2 ko" in refused.value.messages[0]


def test_the_default_limit_is_ten_megabytes(settings):
    if hasattr(settings, "PTCE_EVIDENCE_MAX_BYTES"):
        del settings.PTCE_EVIDENCE_MAX_BYTES
    big = upload("gros.pdf", pdf_bytes() + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="10 Mo"):
        validate_upload(big)


def test_an_attached_file_is_stored_privately_under_a_random_name(member_rater, private_media):
    services_sheet.sheet_save(
        rater=member_rater,
        answers=answers("4"),
        files={"A": [upload("Compte rendu d’atelier.pdf", pdf_bytes(), "text/html")]},
    )
    evidence = EvidenceFile.objects.get()
    assert evidence.original_name == "Compte_rendu_datelier.pdf"
    assert evidence.content_type == "application/pdf"
    assert evidence.size == len(pdf_bytes())
    stored = private_media / evidence.file.name
    assert stored.read_bytes() == pdf_bytes()
    assert "Compte" not in evidence.file.name
    assert not str(stored).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError, match="vue protégée"):
        evidence.file.url  # noqa: B018


def test_a_bad_file_rolls_back_the_whole_save_and_leaves_nothing_on_disk(
    member_rater, private_media
):
    with pytest.raises(ValidationError, match="est un programme"):
        services_sheet.sheet_save(
            rater=member_rater,
            answers=answers("44"),
            files={"A": [upload("bon.pdf", pdf_bytes())], "B": [upload("virus.pdf", b"MZ\x00")]},
        )
    assert not member_rater.answers.exists()
    assert not EvidenceFile.objects.exists()
    assert [p for p in private_media.rglob("*") if p.is_file()] == []


def test_five_files_at_most_per_criterion(member_rater):
    for n in range(5):
        services_sheet.sheet_save(
            rater=member_rater, answers={}, files={"A": [upload(f"p{n}.pdf", pdf_bytes())]}
        )
    with pytest.raises(ValidationError, match="5 fichiers au plus"):
        services_sheet.evidence_attach(
            answer=member_rater.answers.get(), uploaded_file=upload("p6.pdf", pdf_bytes())
        )
    assert EvidenceFile.objects.count() == 5


def test_a_rater_removes_a_file_from_their_draft_and_from_the_disk_after_commit(
    member_rater, private_media, django_capture_on_commit_callbacks
):
    services_sheet.sheet_save(
        rater=member_rater, answers={}, files={"A": [upload("p.pdf", pdf_bytes())]}
    )
    evidence = EvidenceFile.objects.get()
    path = private_media / evidence.file.name
    with django_capture_on_commit_callbacks() as callbacks:
        services_sheet.evidence_delete(evidence=evidence, rater=member_rater)
    assert not EvidenceFile.objects.exists()
    assert path.exists()  # kept until the transaction commits
    for callback in callbacks:
        callback()
    assert not path.exists()


# Serving the files ------------------------------------------------------------------------


@pytest.fixture
def evidence(member_rater):
    services_sheet.sheet_save(
        rater=member_rater,
        answers=answers("4"),
        files={"A": [upload("preuve.pdf", pdf_bytes())]},
        submit=True,
    )
    return EvidenceFile.objects.get()


def download(client, evidence):
    return client.get(reverse("assessments:evidence_download", args=[evidence.pk]))


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("member", 200),  # the rater who attached it
        ("other_coordinator", 404),
        ("coordinator", 200),
        ("instructor", 404),
        ("admin_user", 200),
    ],
)
def test_a_file_is_served_to_its_rater_and_the_coordination_before_validation(
    client_as, evidence, role, expected
):
    response = download(client_as(role), evidence)
    assert response.status_code == expected
    if expected == 200:
        assert b"".join(response.streaming_content) == pdf_bytes()
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="preuve.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"


def test_another_rater_of_the_same_evaluation_cannot_download_it(client, evidence, pole):
    other = pole_member(pole)
    evaluation = evidence.answer.rater.evaluation
    services.rater_add_member(evaluation=evaluation, user=other, by=evaluation.created_by)
    client.force_login(other)
    assert download(client, evidence).status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [("outsider", 404), ("instructor", 200), ("other_coordinator", 404), ("member", 200)],
)
def test_after_validation_whoever_reads_the_results_may_download(
    client_as, evidence, role, expected
):
    evaluation = evidence.answer.rater.evaluation
    validate(evaluation)
    assert download(client_as(role), evidence).status_code == expected


def test_an_external_rater_downloads_their_file_with_their_link(
    open_evaluation, coordinator, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rater = services.rater_invite_external(
            evaluation=open_evaluation, name="Alex", email="alex@exemple.fr", by=coordinator
        )
    token = re.search(r"/feuille/([^/\s]+)/", mail.outbox[0].body).group(1)
    services_sheet.sheet_save(
        rater=rater, answers={}, files={"B": [upload("photo.png", png_bytes())]}
    )
    evidence = EvidenceFile.objects.get()
    url = reverse("assessments:external_evidence_download", args=[token, evidence.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    wrong = reverse("assessments:external_evidence_download", args=["faux-jeton", evidence.pk])
    assert client.get(wrong).status_code == 404


def test_a_token_does_not_open_someone_elses_file(
    evidence, open_evaluation, coordinator, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.rater_invite_external(
            evaluation=open_evaluation, name="Alex", email="alex@exemple.fr", by=coordinator
        )
    token = re.search(r"/feuille/([^/\s]+)/", mail.outbox[-1].body).group(1)
    url = reverse("assessments:external_evidence_download", args=[token, evidence.pk])
    assert client.get(url).status_code == 404
