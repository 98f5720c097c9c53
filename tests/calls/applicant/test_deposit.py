"""The deposit the applicant can trust: a summary of every answer before it, the art. 9 block
computed from the pole's data (blocking or flagged by the phase's rule), and an acknowledgement
with the summary as a PDF, sent once by a job."""

import html
import re

import pytest
from django.core import mail

from ptce.calls.models import Application, ApplicationState, ApplicationTransition
from ptce.calls.models import QuestionKind as K
from tests import poppler
from tests.calls.factories import ApplicationFactory, QuestionFactory
from tests.calls.factories.applicant import (
    COMPLETE_PARTNERS,
    COMPLETE_PROJECT,
    make_compliant,
    pdf_file,
    phase_with_form,
)
from tests.mail import FLAKY_BACKEND, FlakyBackend

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("strict_templates")]
CONFIRMED = {"confirmation": "oui"}
ALL_GOOD = "Toutes les réponses obligatoires sont renseignées"
BLOCKED = "Cette phase exige la conformité à l’article 9"
ART_9_LABEL = "Conformité à l’article 9"


def _phase(requires_compliance: bool):
    phase, sections, questions = phase_with_form(requires_compliance=requires_compliance)
    questions["conformite"] = QuestionFactory(
        section=sections["project"],
        key="conformite",
        kind=K.LONG_TEXT,
        position=11,
        label=ART_9_LABEL,
        prefill="conformite_article_9",
    )
    return phase, sections


def _application(pole, coordinator, *, requires_compliance=False):
    phase, sections = _phase(requires_compliance)
    application = ApplicationFactory(pole=pole, phase=phase, created_by=coordinator)
    return application, sections


def _edit(client, application, section, data):
    return client.post(f"/candidatures/{application.pk}/modifier/?section={section.pk}", data)


def _complete(client, application, sections, files=None):
    data = {**COMPLETE_PROJECT, **(files or {})}
    _edit(client, application, sections["project"], data)
    _edit(client, application, sections["partners"], COMPLETE_PARTNERS)


def _text(response) -> str:
    """The page's words, tags and the kinds of spaces left out."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


# --- The summary before deposit ---------------------------------------------------------------


def test_the_deposit_page_summarises_every_answer_section_by_section(client_as, pole, coordinator):
    application, sections = _application(pole, coordinator)
    client = client_as("coordinator")
    _complete(client, application, sections, {"statuts": pdf_file("statuts-2024.pdf")})
    page = client.get(f"/candidatures/{application.pk}/deposer/")
    text = _text(page)
    assert "Récapitulatif de vos réponses" in text
    for expected in [
        "Le projet",
        "Nom du projet Coopérer en Coteaux",
        "Budget total 12 500,50 €",
        "Nombre de salariés 3",
        "Partenaires",
        "Nom du partenaire : Mairie de Muret",
        "statuts-2024.pdf",
    ]:
        assert expected in text, expected
    assert ALL_GOOD in text
    assert "Confirmer le dépôt" in text


def test_a_missing_answer_is_flagged_in_the_summary_with_a_link_to_fix_it(
    client_as, pole, coordinator
):
    application, sections = _application(pole, coordinator)
    client = client_as("coordinator")
    _edit(client, application, sections["project"], {**COMPLETE_PROJECT, "budget": ""})
    html = client.get(f"/candidatures/{application.pk}/deposer/").content.decode()
    link = f"/candidatures/{application.pk}/modifier/?section={sections['project'].pk}#q-budget"
    assert f'href="{link}"' in html
    assert "Réponse obligatoire manquante ou à corriger" in html
    assert ALL_GOOD not in html
    assert "Confirmer le dépôt" not in html


# --- The art. 9 block: computed, read-only ----------------------------------------------------


def test_the_art_9_block_is_shown_read_only_and_a_post_cannot_change_it(
    client_as, pole, coordinator
):
    application, sections = _application(pole, coordinator)
    client = client_as("coordinator")
    url = f"/candidatures/{application.pk}/modifier/?section={sections['project'].pk}"
    html = client.get(url).content.decode()
    assert ART_9_LABEL in html
    assert "Calculé à partir des données du pôle" in html
    assert 'name="conformite"' not in html
    assert 'name="ess"' not in html
    assert "Au moins une entreprise de l’économie sociale et solidaire" in html

    _edit(
        client,
        application,
        sections["project"],
        {**COMPLETE_PROJECT, "ess": "oui", "conformite": "Tout est conforme, promis."},
    )
    application.refresh_from_db()
    assert application.answers["ess"] is False  # the pole is not compliant
    assert "Tout est conforme" not in application.answers["conformite"]
    assert "Aucune entreprise de l’ESS" in application.answers["conformite"]


def test_the_art_9_answers_follow_the_pole_data_at_the_deposit(client_as, pole, coordinator):
    application, sections = _application(pole, coordinator)
    client = client_as("coordinator")
    _complete(client, application, sections)
    make_compliant(pole)  # the pole's data change after the last save
    client.post(f"/candidatures/{application.pk}/deposer/", CONFIRMED)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert application.snapshot["answers"]["ess"] is True
    assert "Aucune entreprise" not in application.snapshot["answers"]["conformite"]


# --- The phase's rule: blocking ---------------------------------------------------------------


def test_a_failing_art_9_check_blocks_the_deposit_in_a_phase_that_requires_compliance(
    client_as, pole, coordinator, django_capture_on_commit_callbacks
):
    application, sections = _application(pole, coordinator, requires_compliance=True)
    client = client_as("coordinator")
    _complete(client, application, sections)

    page = client.get(f"/candidatures/{application.pk}/deposer/")
    text = _text(page)
    assert ALL_GOOD not in text
    assert BLOCKED in text
    assert "Aucune entreprise de l’ESS" in text
    assert "Confirmer le dépôt" not in text
    assert ALL_GOOD not in _text(client.get(f"/candidatures/{application.pk}/"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/candidatures/{application.pk}/deposer/", CONFIRMED)
    assert response.status_code == 200
    text = _text(response)
    assert "La candidature n’a pas été déposée" in text
    assert BLOCKED in text
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT
    assert application.snapshot == {}
    assert not ApplicationTransition.objects.exists()
    assert mail.outbox == []


def test_a_compliant_pole_deposits_in_a_phase_that_requires_compliance(
    client_as, pole, coordinator
):
    make_compliant(pole)
    application, sections = _application(pole, coordinator, requires_compliance=True)
    client = client_as("coordinator")
    _complete(client, application, sections)
    assert ALL_GOOD in _text(client.get(f"/candidatures/{application.pk}/deposer/"))
    client.post(f"/candidatures/{application.pk}/deposer/", CONFIRMED)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


# --- The phase's rule: flagged ----------------------------------------------------------------


def test_a_phase_that_only_flags_deposits_and_shows_the_flags_to_both_sides(
    client_as, client, pole, coordinator, instructor
):
    application, sections = _application(pole, coordinator, requires_compliance=False)
    applicant = client_as("coordinator")
    _complete(applicant, application, sections)
    text = _text(applicant.get(f"/candidatures/{application.pk}/deposer/"))
    assert "signalés à l’instruction" in text
    assert "Aucune entreprise de l’ESS" in text
    assert "Confirmer le dépôt" in text

    applicant.post(f"/candidatures/{application.pk}/deposer/", CONFIRMED)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    text = _text(applicant.get(f"/candidatures/{application.pk}/"))
    assert "signalés à l’instruction" in text
    assert "Aucune entreprise de l’ESS" in text

    client.force_login(instructor)
    text = _text(client.get(f"/instruction/candidatures/{application.pk}/"))
    assert "signalés à l’instruction" in text
    assert "Aucune entreprise de l’ESS" in text


# --- The acknowledgement ----------------------------------------------------------------------


def test_the_deposit_enqueues_one_acknowledgement_sent_once_with_the_summary_pdf(
    client_as, pole, coordinator, job_queue, django_capture_on_commit_callbacks
):
    application, sections = _application(pole, coordinator)
    client = client_as("coordinator")
    _complete(client, application, sections)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/candidatures/{application.pk}/deposer/", CONFIRMED)
    assert Application.objects.get(pk=application.pk).state == ApplicationState.SUBMITTED
    acknowledgements = [t for t in job_queue.pending() if t.name == "application_acknowledge"]
    assert len(acknowledgements) == 1
    assert mail.outbox == []  # nothing sent in the request

    job_queue.run()
    job_queue.run()
    # A second deposit is refused: nothing more is enqueued.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/candidatures/{application.pk}/deposer/", CONFIRMED)
    job_queue.run_until_empty()
    acknowledgements = [m for m in mail.outbox if "Candidature déposée" in m.subject]
    assert len(acknowledgements) == 1
    message = acknowledgements[0]
    assert message.to == ["coordination@exemple.fr"]
    assert message.subject.startswith("[PTCE] Candidature déposée\xa0: Pôle des Coteaux")
    assert "a bien été déposée" in message.body
    assert "Aucune entreprise de l’ESS" in message.body  # the flags of a phase that flags
    assert f"/candidatures/{application.pk}/" in message.body
    [(name, content, mimetype)] = message.attachments
    assert name == f"candidature-{application.pk}-recapitulatif.pdf"
    assert mimetype == "application/pdf"
    text = " ".join(poppler.pdftotext(content).split())
    assert "Pôle des Coteaux" in text
    assert "Coopérer en Coteaux" in text
    assert "Mairie de Muret" in text


def test_a_refused_deposit_enqueues_no_acknowledgement(
    client_as, pole, coordinator, job_queue, django_capture_on_commit_callbacks
):
    application, _ = _application(pole, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client_as("coordinator").post(f"/candidatures/{application.pk}/deposer/", CONFIRMED)
    assert [t for t in job_queue.pending() if t.name == "application_acknowledge"] == []


def test_a_mail_outage_delays_the_acknowledgement_but_it_arrives_once(
    client_as,
    pole,
    coordinator,
    job_queue,
    settings,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = FLAKY_BACKEND
    monkeypatch.setattr(FlakyBackend, "failures", 3)
    application, sections = _application(pole, coordinator)
    client = client_as("coordinator")
    _complete(client, application, sections)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/candidatures/{application.pk}/deposer/", CONFIRMED)
    assert response.status_code == 302
    job_queue.run()
    assert [m for m in mail.outbox if "Candidature déposée" in m.subject] == []
    job_queue.run_until_empty()
    [acknowledgement] = [m for m in mail.outbox if "Candidature déposée" in m.subject]
    assert acknowledgement.to == ["coordination@exemple.fr"]
    assert len(acknowledgement.attachments) == 1
