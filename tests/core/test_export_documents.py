"""Documents (PDF) built by a background job: a kind gives the document's bytes instead of a
table; the run has no rows to count, its page says « document »."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.urls import reverse

from ptce.core import export_runs
from ptce.core.models import ExportRun, ExportState

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n% un document d'essai\n%%EOF\n"


@pytest.fixture
def letter_kind(monkeypatch):
    kind = export_runs.ExportKind(
        key="test.letter",
        label="Lettre (essai)",
        allowed=lambda user: user.is_active,
        count=lambda user, query: 3,  # its pages, say: recorded, never shown
        document=lambda user, query: PDF,
        filename=lambda fmt, query: f"lettre-{query['to']}.{fmt}",
    )
    monkeypatch.setitem(export_runs.KINDS, kind.key, kind)
    return kind


def ask(user, fmt="pdf"):
    return export_runs.export_request(
        user=user, kind="test.letter", fmt=fmt, params={"to": ["marie"]}
    )


def test_a_kind_is_a_table_or_a_document_never_both_nor_neither():
    common = {"key": "k", "label": "K", "allowed": bool, "count": len, "filename": str}
    with pytest.raises(ValueError, match="one of the two"):
        export_runs.ExportKind(**common)
    with pytest.raises(ValueError, match="one of the two"):
        export_runs.ExportKind(**common, table=list, document=bytes)
    assert export_runs.ExportKind(**common, document=bytes).formats == ("pdf",)
    assert export_runs.ExportKind(**common, table=list).formats == ("csv", "xlsx")


def test_a_document_is_asked_as_a_pdf_only(letter_kind, outsider):
    with pytest.raises(ValidationError) as error:
        ask(outsider, fmt="csv")
    assert error.value.messages == ["Le format «\xa0csv\xa0» n’est pas proposé\xa0: PDF."]
    assert not ExportRun.objects.exists()


def test_the_job_keeps_the_document_s_bytes_under_its_name(
    letter_kind, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = ask(outsider)
    run.refresh_from_db()
    assert (run.state, run.format, run.original_name) == (
        ExportState.DONE,
        "pdf",
        "lettre-marie.pdf",
    )
    assert run.size == len(PDF)
    with storages["private"].open(run.file.name, "rb") as handle:
        assert handle.read() == PDF


def test_the_pages_speak_of_a_document_not_of_rows(
    client_as, letter_kind, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = ask(outsider)
    client = client_as("outsider")
    page = reverse("core:export_run", args=[run.pk])
    waiting = client.get(page).content.decode()
    assert "Étape suivante&nbsp;:</span> préparation du document" in waiting
    assert "Lignes" not in waiting
    callbacks[0]()
    done = client.get(page, headers={"HX-Request": "true"}).content.decode()
    assert "Le document est prêt." in done
    assert "ligne" not in done
    response = client.get(reverse("core:export_file", args=[run.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    listing = client.get(reverse("core:export_list")).content.decode()
    assert "<td>document</td>" in listing
