"""The read-only answers shared by the detail page, the instruction page and the PDF."""

import pytest

from ptce.calls import uploads
from ptce.calls.applicant.selectors import answers_view
from ptce.calls.models import ApplicationState
from tests.calls.factories import ApplicationFactory
from tests.calls.factories.applicant import pdf_file, phase_with_form
from tests.territories.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def _rows(view):
    return {row.key: row for section in view for row in section.rows}


def test_answers_are_displayed_in_french(pole, coordinator):
    phase, _, _ = phase_with_form()
    CommuneFactory(code="31395", name="Muret")
    application = ApplicationFactory(pole=pole, phase=phase)
    stored = uploads.store(
        application=application, question_key="statuts", uploaded=pdf_file(), by=coordinator
    )
    application.answers = {
        "budget": "12500.50",
        "salaries": 3,
        "debut": "2025-03-01",
        "ess": True,
        "publics": ["Jeunes", "Tous"],
        "siege": "31395",
        "statuts": stored.pk,
        "partenaires": [{"nom": "Mairie", "montant": "1000.00"}],
    }
    view = answers_view(application)
    assert [section.title for section in view] == ["Le projet", "Partenaires"]
    rows = _rows(view)
    assert rows["budget"].value == "12\u202f500,50 €"
    assert rows["salaries"].value == "3"
    assert rows["debut"].value == "01/03/2025"
    assert rows["ess"].value == "Oui"
    assert rows["publics"].value == "Jeunes, Tous"
    assert rows["siege"].value == "Muret (31395)"
    assert rows["projet"].is_empty
    assert rows["projet"].value == "Non renseigné"
    assert rows["statuts"].files[0].url == (f"/candidatures/{application.pk}/fichiers/{stored.pk}/")
    block = rows["partenaires"]
    assert block.is_block
    assert [(r.label, r.value) for r in block.blocks[0]] == [
        ("Nom du partenaire", "Mairie"),
        ("Apport", "1\u202f000,00 €"),
    ]


def test_a_submitted_application_shows_its_snapshot_not_the_new_draft(pole):
    phase, _, _ = phase_with_form()
    application = ApplicationFactory(
        pole=pole,
        phase=phase,
        state=ApplicationState.COMPLEMENT,
        answers={"projet": "Brouillon du complément"},
        snapshot={"answers": {"projet": "Déposé"}, "pole": {}},
    )
    assert _rows(answers_view(application))["projet"].value == "Déposé"
    assert _rows(answers_view(application, draft=True))["projet"].value == (
        "Brouillon du complément"
    )


def test_the_answers_view_reads_a_constant_number_of_queries(pole, django_assert_num_queries):
    phase, _, _ = phase_with_form()
    application = ApplicationFactory(
        pole=pole,
        phase=phase,
        answers={"partenaires": [{"nom": f"P{i}"} for i in range(3)], "siege": "31555"},
    )
    with django_assert_num_queries(4):
        answers_view(application)


def test_a_page_without_access_to_files_may_list_them_without_links(pole, coordinator):
    phase, _, _ = phase_with_form()
    application = ApplicationFactory(pole=pole, phase=phase)
    stored = uploads.store(
        application=application, question_key="statuts", uploaded=pdf_file(), by=coordinator
    )
    application.answers = {"statuts": stored.pk}
    rows = _rows(answers_view(application, file_url=lambda application, stored: ""))
    assert rows["statuts"].files[0].url == ""
    assert rows["statuts"].value == "budget.pdf"
