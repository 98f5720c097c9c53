"""A call's public documents, built by the national cell without the admin: a file (checked
like every upload, kept in the public storage) or a link, renamed and reordered, deleted after
a confirmation; the public call page lists them in order."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ptce.calls.editor import documents
from ptce.calls.models import CallDocument
from ptce.core.confirm import FIELD, VALUE
from tests.calls.factories import CallFactory, PhaseFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n% cahier des charges\n%%EOF\n"


def _pdf(name="Cahier des charges.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _create_url(call):
    return reverse("calls:editor_document_create", args=[call.pk])


@pytest.fixture
def cell(client_as):
    return client_as("national_instructor")


def test_the_national_cell_adds_a_file_the_public_page_offers(cell, settings):
    call = PhaseFactory().call
    response = cell.post(_create_url(call), {"title": "Cahier des charges", "file": _pdf()})
    assert response.status_code == 302
    document = CallDocument.objects.get()
    assert document.file.name == f"appels/{call.slug}/Cahier_des_charges.pdf"
    assert (settings.MEDIA_ROOT / document.file.name).read_bytes() == PDF
    page = cell.get(reverse("calls:call_detail", args=[call.slug])).content.decode()
    assert f'<a href="{document.file.url}" download>Cahier des charges</a>' in page


def test_a_long_call_address_and_file_name_still_fit(cell):
    call = CallFactory(slug="a" * 80)
    upload = _pdf("Cahier des charges " + "très " * 40 + "détaillé.pdf")
    assert cell.post(_create_url(call), {"title": "CDC", "file": upload}).status_code == 302
    name = CallDocument.objects.get().file.name
    assert len(name) <= 100
    assert name.startswith("appels/" + "a" * 30 + "/Cahier_des_charges")
    assert name.endswith(".pdf")


def test_the_add_page_sends_files_and_says_what_is_accepted(cell):
    page = cell.get(_create_url(CallFactory())).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert "PDF, images (PNG, JPEG, WebP)" in page
    assert "10 Mo au plus" in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("outil.exe", b"MZ\x90\x00"), "Le type du fichier «\xa0outil.exe\xa0»"),
        (_pdf("faux.pdf", b"MZ\x90\x00 programme"), "est un programme, pas un document"),
        (_pdf("vide.pdf", b""), "Le fichier soumis est vide."),
        (_pdf("gros.pdf", PDF + b"0" * 2048), "la taille maximale est de 1 ko"),
    ],
)
def test_a_refused_file_is_explained_in_french_and_nothing_is_kept(cell, settings, upload, message):
    settings.PTCE_EVIDENCE_MAX_BYTES = 1024
    response = cell.post(_create_url(CallFactory()), {"title": "Annexe", "file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CallDocument.objects.exists()
    assert not (settings.MEDIA_ROOT / "appels").exists()


def test_a_document_needs_a_file_or_a_link_but_not_both(cell):
    call = CallFactory()
    neither = cell.post(_create_url(call), {"title": "FAQ"})
    assert "Joignez un fichier ou indiquez un lien." in neither.content.decode()
    both = cell.post(_create_url(call), {"title": "FAQ", "file": _pdf(), "url": "exemple.fr"})
    assert "Joignez un fichier ou indiquez un lien, pas les deux." in both.content.decode()
    assert not CallDocument.objects.exists()


def test_the_database_refuses_a_document_without_file_nor_link():
    with pytest.raises(IntegrityError), transaction.atomic():
        CallDocument.objects.create(call=CallFactory(), title="Rien")


def test_a_double_submitted_document_is_added_once(cell):
    call = CallFactory()
    token = cell.get(_create_url(call)).context["form"]["once"].initial
    data = {"title": "FAQ", "url": "https://exemple.fr/faq", "once": token}
    first = cell.post(_create_url(call), data)
    second = cell.post(_create_url(call), data)
    assert first.url == second.url
    assert CallDocument.objects.get().url == "https://exemple.fr/faq"


def test_documents_come_last_unless_placed_and_are_reordered(cell):
    call = PhaseFactory().call
    faq = documents.document_create(call=call, title="FAQ", url="https://exemple.fr/faq")
    cdc = documents.document_create(call=call, title="Cahier", url="https://exemple.fr/cdc")
    assert (faq.position, cdc.position) == (0, 1)
    url = reverse("calls:editor_document", args=[cdc.pk])
    data = {"title": "Cahier des charges", "url": cdc.url, "position": 0, "version": cdc.version}
    assert cell.post(url, data).status_code == 302
    data = {"title": "FAQ", "url": faq.url, "position": 5, "version": faq.version}
    cell.post(reverse("calls:editor_document", args=[faq.pk]), data)
    page = cell.get(reverse("calls:call_detail", args=[call.slug])).content.decode()
    assert page.index("Cahier des charges") < page.index(">FAQ<")


def test_a_stale_document_edit_shows_the_conflict(cell):
    document = documents.document_create(call=CallFactory(), title="FAQ", url="https://e.fr/")
    url = reverse("calls:editor_document", args=[document.pk])
    data = {"url": document.url, "version": document.version}
    assert cell.post(url, {**data, "title": "Première"}).status_code == 302
    response = cell.post(url, {**data, "title": "Seconde"})
    assert response.status_code == 409
    assert "Quelqu’un a modifié ces informations" in response.content.decode()
    document.refresh_from_db()
    assert document.title == "Première"


def test_a_file_document_keeps_its_file_when_renamed(cell):
    document = documents.document_create(call=CallFactory(), title="CDC", file=_pdf())
    url = reverse("calls:editor_document", args=[document.pk])
    page = cell.get(url).content.decode()
    assert 'name="url"' not in page
    assert "ajoutez un nouveau document puis supprimez celui-ci" in page
    cell.post(url, {"title": "Cahier des charges", "version": document.version})
    document.refresh_from_db()
    assert (document.title, bool(document.file)) == ("Cahier des charges", True)


def test_deleting_a_document_is_confirmed_then_removes_its_file(
    cell, settings, django_capture_on_commit_callbacks
):
    document = documents.document_create(call=CallFactory(), title="CDC", file=_pdf())
    path = settings.MEDIA_ROOT / document.file.name
    url = reverse("calls:editor_document_delete", args=[document.pk])
    page = cell.post(url).content.decode()
    assert "il ne pourra pas être récupéré" in page
    assert "Cette action ne pourra pas être annulée." in page
    assert CallDocument.objects.exists()
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = cell.post(url, {FIELD: VALUE})
    assert response.url == reverse("calls:editor_call", args=[document.call_id]) + "#documents"
    assert not CallDocument.objects.exists()
    assert not path.exists()


@pytest.mark.parametrize("role", ["instructor", "coordinator", "outsider"])
def test_only_the_national_cell_touches_documents(client_as, role):
    call = CallFactory()
    document = documents.document_create(call=call, title="FAQ", url="https://e.fr/")
    client = client_as(role)
    assert client.post(_create_url(call), {"title": "X", "url": "https://x.fr"}).status_code == 403
    url = reverse("calls:editor_document", args=[document.pk])
    assert client.post(url, {"title": "Piraté", "url": "https://x.fr"}).status_code == 403
    delete = reverse("calls:editor_document_delete", args=[document.pk])
    assert client.post(delete, {FIELD: VALUE}).status_code == 403
    document.refresh_from_db()
    assert document.title == "FAQ"
    assert CallDocument.objects.count() == 1


def test_the_call_page_lists_documents_in_a_fixed_number_of_queries(
    cell, django_assert_num_queries, strict_templates
):
    call = PhaseFactory().call
    documents.document_create(call=call, title="CDC", file=_pdf())
    url = reverse("calls:editor_call", args=[call.pk])
    with CaptureQueriesContext(connection) as first:
        assert "1 document," in cell.get(url).content.decode()
    count = len(first)
    for n in range(3):
        documents.document_create(call=call, title=f"Annexe {n}", url=f"https://e.fr/{n}")
    with django_assert_num_queries(count):
        page = cell.get(url).content.decode()
    assert "4 documents," in page
