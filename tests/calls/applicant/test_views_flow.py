"""The applicant's journey through the pages: create, edit, invite, submit, complement,
withdraw; what each side sees; query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ptce.calls.models import (
    Annotation,
    Application,
    ApplicationState,
    ApplicationTransition,
    Opinion,
    Score,
)
from ptce.poles.models import PersonRole
from tests.calls.factories import ApplicationFactory, CriterionFactory, PhaseFactory
from tests.calls.factories.applicant import COMPLETE_PARTNERS, COMPLETE_PROJECT, phase_with_form
from tests.poles.factories import PolePersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("strict_templates")]
CONFIRMED = {"confirmation": "oui"}  # the field of the confirmation page (`ptce.core.confirm`)


@pytest.fixture
def form_phase():
    return phase_with_form()


@pytest.fixture
def application(pole, coordinator, form_phase):
    phase, _, _ = form_phase
    return ApplicationFactory(pole=pole, phase=phase, created_by=coordinator)


@pytest.fixture
def second_coordinator(pole):
    return PolePersonFactory(
        pole=pole, role=PersonRole.COORDINATOR, user__email="co-coordination@exemple.fr"
    ).user


def _edit(client, application, section, data):
    url = f"/candidatures/{application.pk}/modifier/?section={section.pk}"
    return client.post(url, data)


def _complete(client, application, sections):
    _edit(client, application, sections["project"], COMPLETE_PROJECT)
    _edit(client, application, sections["partners"], COMPLETE_PARTNERS)


def test_a_coordinator_sees_open_phases_and_creates_a_prefilled_draft(client_as, pole, form_phase):
    phase, _, _ = form_phase
    client = client_as("coordinator")
    page = client.get(f"/poles/{pole.slug}/candidatures/")
    assert "VARIABLE-INDEFINIE" not in page.content.decode()
    assert f"/poles/{pole.slug}/candidatures/nouvelle/{phase.pk}/" in page.content.decode()
    response = client.post(f"/poles/{pole.slug}/candidatures/nouvelle/{phase.pk}/")
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/candidatures/{application.pk}/modifier/"
    assert application.answers["projet"] == "Pôle des Coteaux"
    assert application.state == ApplicationState.DRAFT


def test_an_ineligible_pole_sees_why_and_creates_nothing(client_as, pole, other_region):
    phase = PhaseFactory()
    phase.regions.add(other_region)
    client = client_as("coordinator")
    page = client.get(f"/poles/{pole.slug}/candidatures/").content.decode()
    assert "n’est pas éligible\xa0: régions éligibles\xa0: Bretagne" in page
    response = client.post(f"/poles/{pole.slug}/candidatures/nouvelle/{phase.pk}/")
    assert response.status_code == 200
    assert "régions éligibles\xa0: Bretagne" in response.content.decode()
    assert not Application.objects.exists()


def test_the_edit_page_renders_every_kind_of_question(client_as, application, form_phase):
    _, sections, _ = form_phase
    client = client_as("coordinator")
    for section in sections.values():
        page = client.get(f"/candidatures/{application.pk}/modifier/?section={section.pk}")
        content = page.content.decode()
        assert page.status_code == 200
        assert "VARIABLE-INDEFINIE" not in content
    assert 'name="partenaires__0__nom"' in content
    page = client.get(f"/candidatures/{application.pk}/modifier/").content.decode()
    assert 'type="file"' in page
    assert 'enctype="multipart/form-data"' in page
    assert 'name="publics"' in page
    assert 'type="date"' in page
    # Required questions are marked for submission, yet the browser never blocks a draft.
    assert not re.search(r"Nom du projet\s+\(Optionnel\)", page)
    assert re.search(r"Nombre de salariés\s+\(Optionnel\)", page)
    assert " required" not in page


def test_a_draft_with_required_questions_unanswered_is_saved_from_the_page(client_as, application):
    response = client_as("coordinator").post(
        f"/candidatures/{application.pk}/modifier/", {"salaries": "2"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.answers["salaries"] == 2


def test_a_wrong_type_is_shown_on_the_page_and_nothing_is_written(client_as, application):
    response = client_as("coordinator").post(
        f"/candidatures/{application.pk}/modifier/", {"projet": "Titre", "salaries": "abc"}
    )
    assert response.status_code == 200
    assert "Saisissez un nombre." in response.content.decode()
    application.refresh_from_db()
    assert application.answers == {}


def test_saving_and_going_on_leads_to_the_next_section(client_as, application, form_phase):
    _, sections, _ = form_phase
    response = client_as("coordinator").post(
        f"/candidatures/{application.pk}/modifier/?section={sections['project'].pk}",
        {"projet": "Titre", "action": "suivante"},
    )
    assert response["Location"].endswith(f"?section={sections['partners'].pk}")


def test_submission_is_refused_while_something_required_is_missing(client_as, application):
    client = client_as("coordinator")
    page = client.get(f"/candidatures/{application.pk}/deposer/").content.decode()
    assert "« Budget total » : réponse obligatoire." in page
    response = client.post(f"/candidatures/{application.pk}/deposer/", CONFIRMED)
    assert response.status_code == 200
    assert "La candidature n’a pas été déposée" in response.content.decode()
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT
    assert application.snapshot == {}


def test_a_complete_application_is_submitted_and_can_no_longer_be_edited(
    client_as, application, form_phase
):
    _, sections, _ = form_phase
    client = client_as("coordinator")
    _complete(client, application, sections)
    response = client.post(f"/candidatures/{application.pk}/deposer/", CONFIRMED)
    assert response["Location"] == f"/candidatures/{application.pk}/"
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert application.snapshot["answers"]["projet"] == "Coopérer en Coteaux"
    assert application.snapshot["pole"]["nom"] == "Pôle des Coteaux"
    transition = ApplicationTransition.objects.get()
    assert (transition.from_state, transition.to_state) == ("brouillon", "deposee")

    response = _edit(client, application, sections["project"], {"projet": "Changé après coup"})
    assert response["Location"] == f"/candidatures/{application.pk}/"
    application.refresh_from_db()
    assert application.answers["projet"] == "Coopérer en Coteaux"
    assert client.get(f"/candidatures/{application.pk}/modifier/").status_code == 302


def test_a_complement_request_reopens_the_answers_and_resubmission_logs_it(
    client_as, application, form_phase
):
    _, sections, _ = form_phase
    client = client_as("coordinator")
    _complete(client, application, sections)
    client.post(f"/candidatures/{application.pk}/deposer/", CONFIRMED)
    Application.objects.filter(pk=application.pk).update(state=ApplicationState.COMPLEMENT)
    _edit(client, application, sections["project"], {**COMPLETE_PROJECT, "projet": "Complété"})
    application.refresh_from_db()
    assert application.answers["projet"] == "Complété"
    assert application.snapshot["answers"]["projet"] == "Coopérer en Coteaux"
    client.post(f"/candidatures/{application.pk}/deposer/", CONFIRMED)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert application.snapshot["answers"]["projet"] == "Complété"
    assert ApplicationTransition.objects.filter(from_state="complement").count() == 1


def test_another_coordinator_edits_only_once_invited(
    client_as, client, application, second_coordinator, form_phase, coordinator
):
    _, sections, _ = form_phase
    client.force_login(second_coordinator)
    assert client.get(f"/candidatures/{application.pk}/modifier/").status_code == 403
    assert client.get(f"/candidatures/{application.pk}/").status_code == 200
    response = client.post(
        f"/candidatures/{application.pk}/co-redacteurs/", {"ajouter": "1", "user": coordinator.pk}
    )
    assert response.status_code == 403
    assert not application.co_editors.exists()

    client.force_login(coordinator)
    page = client.get(f"/candidatures/{application.pk}/co-redacteurs/").content.decode()
    assert "co-coordination@exemple.fr" in page
    client.post(
        f"/candidatures/{application.pk}/co-redacteurs/",
        {"ajouter": "1", "user": second_coordinator.pk},
    )
    assert list(application.co_editors.all()) == [second_coordinator]

    client.force_login(second_coordinator)
    _edit(client, application, sections["project"], {"projet": "Écrit à deux"})
    application.refresh_from_db()
    assert application.answers["projet"] == "Écrit à deux"

    client.force_login(coordinator)
    client.post(
        f"/candidatures/{application.pk}/co-redacteurs/", {"retirer": second_coordinator.pk}
    )
    assert not application.co_editors.exists()


def test_a_coordinator_of_another_pole_cannot_be_invited(client_as, application, other_coordinator):
    response = client_as("coordinator").post(
        f"/candidatures/{application.pk}/co-redacteurs/",
        {"ajouter": "1", "user": other_coordinator.pk},
    )
    assert response.status_code == 200
    assert not application.co_editors.exists()


def test_the_applicant_withdraws_with_a_motivation(client_as, application):
    client = client_as("coordinator")
    response = client.post(
        f"/candidatures/{application.pk}/retirer/",
        {"motivation": "Projet reporté.", **CONFIRMED},
    )
    assert response["Location"] == f"/candidatures/{application.pk}/"
    application.refresh_from_db()
    assert application.state == ApplicationState.WITHDRAWN
    assert ApplicationTransition.objects.get().motivation == "Projet reporté."
    page = client.get(f"/candidatures/{application.pk}/retirer/").content.decode()
    assert "elle ne peut plus être retirée" in page


def test_the_applicant_never_sees_annotations_scores_or_opinions(
    client_as, application, instructor
):
    Application.objects.filter(pk=application.pk).update(
        state=ApplicationState.INSTRUCTION, proposal="laureate", proposal_motivation="PROPOSITION"
    )
    Annotation.objects.create(application=application, author=instructor, body="NOTE-INTERNE")
    Opinion.objects.create(
        application=application,
        expert_name="Experte",
        expert_email="experte@exemple.fr",
        question="Votre avis ?",
        body="AVIS-CONFIDENTIEL",
        token_hash="x" * 64,
    )
    Score.objects.create(
        application=application, criterion=CriterionFactory(), value=4, comment="NOTE-DE-GRILLE"
    )
    for role in ("coordinator", "instructor"):
        page = client_as(role).get(f"/candidatures/{application.pk}/").content.decode()
        for secret in ("NOTE-INTERNE", "AVIS-CONFIDENTIEL", "NOTE-DE-GRILLE", "PROPOSITION"):
            assert secret not in page
        assert "VARIABLE-INDEFINIE" not in page


def test_instructors_see_a_link_to_the_instruction_page_and_applicants_do_not(
    client_as, application
):
    page = client_as("instructor").get(f"/candidatures/{application.pk}/").content.decode()
    assert f"/instruction/candidatures/{application.pk}/" in page
    page = client_as("coordinator").get(f"/candidatures/{application.pk}/").content.decode()
    assert f"/instruction/candidatures/{application.pk}/" not in page
    assert f"/candidatures/{application.pk}/messages/" in page


def test_the_history_shows_a_complement_request_motivation(client_as, application, instructor):
    ApplicationTransition.objects.create(
        application=application,
        from_state="en_instruction",
        to_state="complement",
        by=instructor,
        motivation="Joignez le budget prévisionnel.",
    )
    page = client_as("coordinator").get(f"/candidatures/{application.pk}/").content.decode()
    assert "Joignez le budget prévisionnel." in page
    assert "instruction@exemple.fr" not in page


def _list_queries(client, pole):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/poles/{pole.slug}/candidatures/")
    assert response.status_code == 200
    return len(queries)


def test_the_pole_applications_list_reads_a_constant_number_of_queries(client_as, pole):
    client = client_as("coordinator")
    for _ in range(2):
        ApplicationFactory(pole=pole)
    PhaseFactory()
    few = _list_queries(client, pole)
    for _ in range(8):
        ApplicationFactory(pole=pole)
    PhaseFactory()
    assert _list_queries(client, pole) == few
