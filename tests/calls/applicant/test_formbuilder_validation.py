"""The form built from a phase's questions: types, drafts, files, communes, repeated blocks,
and what submission still needs."""

import pytest

from ptce.calls.applicant.completeness import missing_items
from ptce.calls.applicant.formbuilder import form_structure, section_form
from ptce.calls.applicant.services import AnswersInvalid, application_save_answers
from ptce.calls.models import ApplicationFile
from tests.calls.factories import ApplicationFactory
from tests.calls.factories.applicant import (
    COMPLETE_PARTNERS,
    COMPLETE_PROJECT,
    docx_file,
    make_compliant,
    pdf_file,
    phase_with_form,
    renamed_executable,
)
from tests.territories.factories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(pole, coordinator):
    phase, sections, questions = phase_with_form()
    application = ApplicationFactory(pole=pole, phase=phase, created_by=coordinator)
    return application, sections, questions, coordinator


def _form(application, section, data=None, files=None):
    questions = dict(form_structure(application.phase))[section]
    return section_form(application, section, questions, data=data, files=files)


def _save(setup, section_name, data, files=None):
    application, sections, _, coordinator = setup
    return application_save_answers(
        application=application,
        section=sections[section_name],
        data=data,
        files=files or {},
        by=coordinator,
    )


def test_a_draft_saves_without_the_required_answers(setup):
    application = _save(setup, "project", {"salaries": "4"})
    application.refresh_from_db()
    assert application.answers["salaries"] == 4
    assert application.answers["projet"] is None


def test_answers_are_stored_as_json_types(setup):
    make_compliant(setup[0].pole)  # « ess » is the art. 9 answer: computed from the pole
    application = _save(setup, "project", COMPLETE_PROJECT)
    application.refresh_from_db()
    answers = application.answers
    assert answers["projet"] == "Coopérer en Coteaux"
    assert answers["budget"] == "12500.50"
    assert answers["salaries"] == 3
    assert answers["debut"] == "2025-03-01"
    assert answers["forme"] == "Grappe"
    assert answers["publics"] == ["Jeunes", "Tous"]
    assert answers["ess"] is True


def test_a_required_question_unanswered_blocks_submission(setup):
    application, sections, _, _ = setup
    _save(setup, "project", {"salaries": "4"})
    application.refresh_from_db()
    messages = [item.message for item in missing_items(application)]
    assert "« Nom du projet » : réponse obligatoire." in messages
    assert "« Budget total » : réponse obligatoire." in messages
    assert "« Partenaires » : réponse obligatoire." in messages
    item = missing_items(application)[0]
    assert item.section == "Le projet"
    assert item.url.endswith(f"?section={sections['project'].pk}")


def test_nothing_is_missing_once_everything_required_is_answered(setup):
    application = _save(setup, "project", COMPLETE_PROJECT)
    application = _save(setup, "partners", COMPLETE_PARTNERS)
    application.refresh_from_db()
    assert missing_items(application) == []


def test_abc_in_a_number_is_refused_and_nothing_is_written(setup):
    application, _, _, _ = setup
    with pytest.raises(AnswersInvalid) as error:
        _save(setup, "project", {**COMPLETE_PROJECT, "salaries": "abc"})
    assert error.value.form.errors["salaries"] == ["Saisissez un nombre."]
    application.refresh_from_db()
    assert application.answers == {}


def test_a_negative_amount_and_a_bad_date_are_refused(setup):
    application, sections, _, _ = setup
    form = _form(application, sections["project"], {"budget": "-5", "debut": "31/02/2025"})
    assert not form.is_valid()
    assert set(form.errors) == {"budget", "debut"}


def test_an_answer_outside_the_choices_is_refused(setup):
    application, sections, _, _ = setup
    form = _form(application, sections["project"], {"forme": "Autre", "publics": ["Nul"]})
    assert not form.is_valid()
    assert set(form.errors) == {"forme", "publics"}


def test_a_stored_answer_of_the_wrong_type_is_listed_as_missing(setup):
    application, _, _, _ = setup
    application.answers = {"salaries": "beaucoup", "debut": "hier", "ess": "peut-être"}
    messages = [item.message for item in missing_items(application)]
    assert "« Nombre de salariés » : la réponse doit être un nombre." in messages
    assert "« Debut » : la réponse doit être une date." in messages
    assert "« Ess » : répondez par oui ou par non." in messages


def test_a_file_is_kept_privately_and_its_pk_stored(setup, settings):
    application = _save(setup, "project", {}, {"statuts": pdf_file()})
    application.refresh_from_db()
    stored = ApplicationFile.objects.get()
    assert application.answers["statuts"] == stored.pk
    assert stored.original_name == "budget.pdf"
    assert stored.file.name.startswith("candidatures/")
    assert (settings.PTCE_PRIVATE_MEDIA_ROOT / stored.file.name).exists()
    # Saving again without a new file keeps it.
    application = _save(setup, "project", {"salaries": "2"})
    application.refresh_from_db()
    assert application.answers["statuts"] == stored.pk


def test_an_office_document_is_accepted(setup):
    _save(setup, "project", {}, {"statuts": docx_file()})
    assert ApplicationFile.objects.get().original_name == "statuts.docx"


def test_a_file_too_large_is_refused(setup, settings):
    settings.PTCE_APPLICATION_FILE_MAX_BYTES = 1024
    with pytest.raises(AnswersInvalid) as error:
        _save(setup, "project", {}, {"statuts": pdf_file(size=2048)})
    assert "la taille maximale est de 1 ko" in error.value.form.errors["statuts"][0]
    assert not ApplicationFile.objects.exists()


def test_a_renamed_executable_is_refused(setup):
    with pytest.raises(AnswersInvalid) as error:
        _save(setup, "project", {}, {"statuts": renamed_executable()})
    assert "est un programme, pas un document" in error.value.form.errors["statuts"][0]
    assert not ApplicationFile.objects.exists()


def test_a_commune_is_found_by_insee_code_or_exact_name(setup):
    CommuneFactory(code="31395", name="Muret")
    application = _save(setup, "project", {"siege": "Muret"})
    application.refresh_from_db()
    assert application.answers["siege"] == "31395"
    application = _save(setup, "project", {"siege": "Muret (31395)"})
    application.refresh_from_db()
    assert application.answers["siege"] == "31395"


def test_an_unknown_or_ambiguous_commune_is_refused(setup):
    application, sections, _, _ = setup
    CommuneFactory(code="31001", name="Saint-Paul")
    CommuneFactory(code="31002", name="Saint-Paul")
    form = _form(application, sections["project"], {"siege": "Saint-Paul"})
    assert not form.is_valid()
    assert (
        "indiquez le code INSEE (Saint-Paul (31001), Saint-Paul (31002))"
        in (form.errors["siege"][0])
    )
    form = _form(application, sections["project"], {"siege": "99999"})
    assert not form.is_valid()
    assert form.errors["siege"] == ["Aucune commune n’a le code INSEE 99999."]


def test_a_repeated_block_offers_a_blank_row_to_add_one_without_javascript(setup):
    application, sections, _, _ = setup
    form = _form(application, sections["partners"])
    assert [row["number"] for row in form.groups()[0]["rows"]] == [1]
    application = _save(setup, "partners", COMPLETE_PARTNERS)
    application.refresh_from_db()
    assert application.answers["partenaires"] == [{"nom": "Mairie de Muret", "montant": "1000.00"}]
    form = _form(application, sections["partners"])
    rows = form.groups()[0]["rows"]
    assert [(row["number"], row["is_new"]) for row in rows] == [(1, False), (2, True)]
    application = _save(
        setup,
        "partners",
        {**COMPLETE_PARTNERS, "partenaires__1__nom": "Recyclerie", "partenaires__1__montant": ""},
    )
    application.refresh_from_db()
    assert [row["nom"] for row in application.answers["partenaires"]] == [
        "Mairie de Muret",
        "Recyclerie",
    ]


def test_a_row_can_be_deleted_and_blank_rows_are_ignored(setup):
    application = _save(setup, "partners", {"partenaires__0__nom": "  "})
    application.refresh_from_db()
    assert application.answers["partenaires"] == []
    _save(setup, "partners", COMPLETE_PARTNERS)
    application = _save(setup, "partners", {**COMPLETE_PARTNERS, "partenaires__0__supprimer": "on"})
    application.refresh_from_db()
    assert application.answers["partenaires"] == []


def test_a_repeated_block_has_at_most_its_maximum_of_rows(setup):
    application, sections, _, _ = setup
    application.answers = {"partenaires": [{"nom": f"P{i}"} for i in range(3)]}
    form = _form(application, sections["partners"])
    assert len(form.groups()[0]["rows"]) == 3


def test_a_required_child_left_empty_in_a_row_is_missing(setup):
    application, _, _, _ = setup
    application.answers = {"partenaires": [{"nom": None, "montant": "10.00"}]}
    messages = [item.message for item in missing_items(application)]
    assert "« Partenaires », ligne 1, « Nom du partenaire » : réponse obligatoire." in messages
