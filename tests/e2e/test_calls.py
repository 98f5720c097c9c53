"""A State call (AMI) in a real browser, end to end: a coordinator drafts and submits an
application; the regional instructor asks for a complement; the coordinator completes it; the
instructor asks an expert's confidential opinion, the expert answers through the link of their
e-mail (without an account) and downloads the attached file, the instructor scores and proposes
« lauréate »; the national cell decides; the coordinator sees the decision but never the
confidential opinion, and the pole's page shows its laureate badge and its new stage."""

import re
import time

from django.core import mail
from playwright.sync_api import expect

from ptce.calls.models import Application, ApplicationState
from ptce.calls.models import QuestionKind as K
from ptce.poles.models import Pole, Stage
from tests.calls.factories import CriterionFactory, PhaseFactory, QuestionFactory, SectionFactory
from tests.calls.factories.applicant import PDF_BYTES
from tests.e2e.evaluation_helpers import logout, path_of
from tests.e2e.helpers import assert_accessible, login, mailed_link, visit
from tests.poppler import pdftotext

CALL = "AMI PTCE 2022"
PRESENTATION = "Présentation du projet de coopération"
MEMBERS = "Nombre d’organisations membres"
CHARTER = "Le pôle a-t-il signé la charte des PTCE ?"
BUDGET = "Budget prévisionnel"
FIRST_TEXT = "Une cuisine centrale partagée entre trois communes."
COMPLEMENT_TEXT = "Une cuisine centrale partagée entre trois communes et un chantier d’insertion."
COMPLEMENT_MOTIVATION = "Merci de préciser la place de l’insertion et de joindre le budget."
EXPERT_NAME = "Claire Expert"
EXPERT_EMAIL = "claire.expert@exemple.fr"
EXPERT_QUESTION = "Le modèle économique de la cuisine centrale est-il solide ?"
CONFIDENTIAL_OPINION = "Avis réservé : le plan de financement repose sur une seule subvention."
PROPOSAL_MOTIVATION = "Un projet ancré dans son territoire, des partenaires engagés."
DECISION_MOTIVATION = "La cellule nationale retient le pôle pour la phase 1."
EXPERT_LINK = re.compile(r"https?://\S+?(/avis/[\w-]+/)")


def small_phase():
    """A permanent recognition phase, a form of one section (a long text, a number, a yes/no,
    all required, and an optional file) and a grid of two criteria."""
    phase = PhaseFactory(
        call__name=CALL,
        call__slug="ami-ptce-2022",
        name="Reconnaissance et accompagnement",
        is_recognition=True,
    )
    section = SectionFactory(phase=phase, title="Le projet", position=1)
    for position, (key, kind, label, required) in enumerate(
        [
            ("presentation", K.LONG_TEXT, PRESENTATION, True),
            ("membres", K.NUMBER, MEMBERS, True),
            ("charte", K.YES_NO, CHARTER, True),
            ("budget", K.FILE, BUDGET, False),
        ],
        start=1,
    ):
        QuestionFactory(
            section=section,
            key=key,
            kind=kind,
            label=label,
            required=required,
            position=position,
        )
    CriterionFactory(phase=phase, label="Ancrage territorial", weight=2, max_score=5, position=1)
    CriterionFactory(phase=phase, label="Solidité économique", weight=1, max_score=5, position=2)
    return phase


def expert_link(live_server):
    """The personal link of the opinion request e-mailed to the expert."""
    return mailed_link(live_server, EXPERT_EMAIL, EXPERT_LINK)


def transition_form(page, label):
    """The instruction page's form of the transition whose button reads `label`."""
    return page.locator("form", has=page.get_by_role("button", name=label, exact=True))


def coordinator_drafts_and_submits(page, live_server, pole):
    visit(page, live_server, f"/poles/{pole.slug}/candidatures/")
    page.get_by_role("link", name=f"Candidater à {CALL}, phase 1").click()
    page.get_by_role("button", name="Créer la candidature").click()
    expect(page.get_by_role("heading", name="Le projet", level=1)).to_be_visible()
    # A first draft without the number: saved, but the application is not complete.
    page.get_by_label(PRESENTATION).fill(FIRST_TEXT)
    page.get_by_role("group", name=CHARTER).locator("label", has_text="Oui").click()
    page.get_by_role("button", name="Enregistrer et vérifier").click()
    expect(page.get_by_role("heading", name="Il manque 1 élément")).to_be_visible()
    missing = page.locator(".fr-alert--warning")
    assert MEMBERS in missing.inner_text()
    missing.get_by_role("link").click()
    page.get_by_label(MEMBERS).fill("12")
    page.get_by_role("button", name="Enregistrer et vérifier").click()
    # The summary of every answer comes before the deposit button.
    summary = page.locator("#recapitulatif")
    expect(summary.get_by_role("heading", name="Récapitulatif de vos réponses")).to_be_visible()
    expect(summary.get_by_text(FIRST_TEXT)).to_be_visible()
    expect(summary.get_by_text(MEMBERS)).to_be_visible()
    page.get_by_role("button", name="Confirmer le dépôt").click()
    expect(page.get_by_text("La candidature est déposée.")).to_be_visible()
    expect(page.locator(".fr-badge", has_text="Déposée").first).to_be_visible()


def acknowledgement_to(email, timeout=10.0):
    """The acknowledgement of the deposit sent to `email`, with its PDF (sent on commit by the
    live server's job)."""
    deadline = time.monotonic() + timeout
    while True:
        sent = [m for m in mail.outbox if email in m.to and "Candidature déposée" in m.subject]
        if sent or time.monotonic() > deadline:
            return sent
        time.sleep(0.05)


def instructor_requests_a_complement(page, live_server, pole):
    visit(page, live_server, "/instruction/candidatures/")
    # From the list, a row opens on the instruction for an instructor.
    page.get_by_role("link", name=pole.name, exact=True).click()
    expect(page.get_by_role("heading", name=f"Instruction : {pole.name}")).to_be_visible()
    page.get_by_role("button", name="Commencer l’instruction", exact=True).click()
    page.get_by_role("button", name="Confirmer : commencer l’instruction").click()
    expect(page.locator("#etat")).to_have_text("En instruction")
    assert_accessible(page)
    form = transition_form(page, "Demander un complément")
    form.get_by_label("Motivation").fill(COMPLEMENT_MOTIVATION)
    form.get_by_role("button", name="Demander un complément").click()
    page.get_by_role("button", name="Confirmer : demander un complément").click()
    expect(page.locator("#etat")).to_have_text("Complément demandé")


def coordinator_completes(page, live_server, application):
    visit(page, live_server, f"/candidatures/{application.pk}/")
    expect(page.get_by_role("heading", name="L’instruction demande un complément")).to_be_visible()
    expect(page.get_by_text(COMPLEMENT_MOTIVATION)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Compléter les réponses").click()
    page.get_by_label(PRESENTATION).fill(COMPLEMENT_TEXT)
    page.get_by_label(BUDGET).set_input_files(
        files=[{"name": "budget.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_role("button", name="Enregistrer et vérifier").click()
    page.get_by_role("button", name="Déposer le complément").click()
    expect(page.get_by_text("La candidature est déposée.")).to_be_visible()
    expect(page.get_by_text(COMPLEMENT_TEXT)).to_be_visible()


def instructor_asks_an_opinion(page, live_server, application):
    visit(page, live_server, f"/instruction/candidatures/{application.pk}/")
    page.get_by_role("button", name="Commencer l’instruction", exact=True).click()
    page.get_by_role("button", name="Confirmer : commencer l’instruction").click()
    expect(page.locator("#etat")).to_have_text("En instruction")
    page.get_by_label("Nom de l’expert").fill(EXPERT_NAME)
    page.get_by_label("Adresse électronique de l’expert").fill(EXPERT_EMAIL)
    page.get_by_label("Question posée").fill(EXPERT_QUESTION)
    assert page.get_by_label("Avis confidentiel").is_checked()
    page.get_by_role("button", name="Envoyer la demande d’avis").click()
    expect(page.get_by_text(f"La demande d’avis est envoyée à {EXPERT_NAME}.")).to_be_visible()


def expert_answers(page, link):
    page.goto(link)
    expect(page.locator("#question")).to_have_text(EXPERT_QUESTION)
    expect(page.get_by_text(COMPLEMENT_TEXT)).to_be_visible()
    # The expert opens the attached file through their own link (no account).
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^budget\.pdf")).click()
    assert download.value.suggested_filename == "budget.pdf"
    page.get_by_role("textbox", name="Votre avis").fill(CONFIDENTIAL_OPINION)
    page.get_by_role("button", name="Transmettre mon avis").click()
    expect(page.get_by_text("Merci : votre avis est transmis à l’instruction.")).to_be_visible()
    expect(page.locator("#avis-donne")).to_have_text(CONFIDENTIAL_OPINION)


def instructor_scores_and_proposes(page, live_server, application):
    visit(page, live_server, f"/instruction/candidatures/{application.pk}/")
    expect(page.locator("#avis")).to_contain_text(CONFIDENTIAL_OPINION)
    page.get_by_role("spinbutton", name="Ancrage territorial").fill("4")
    page.get_by_role("spinbutton", name="Solidité économique").fill("3")
    page.get_by_role("button", name="Enregistrer les notes").click()
    expect(page.get_by_text("Les notes sont enregistrées.")).to_be_visible()
    # (4 × 2 + 3 × 1) out of (5 × 2 + 5 × 1).
    expect(page.locator("#total-notes")).to_contain_text("11 / 15 (73 %)")
    proposal = page.locator("form", has=page.get_by_role("button", name="Proposer à la cellule"))
    proposal.locator("label", has_text="Lauréate").click()
    proposal.get_by_label("Motivation").fill(PROPOSAL_MOTIVATION)
    proposal.get_by_role("button").click()
    expect(page.get_by_text("La proposition est transmise à la cellule nationale.")).to_be_visible()
    expect(page.locator("#proposition-actuelle")).to_contain_text("Lauréate")


def national_cell_decides(page, live_server, pole):
    visit(page, live_server, "/instruction/candidatures/")
    page.get_by_role("link", name=re.compile(rf"^Classement national — {CALL}, phase 1")).click()
    expect(page.get_by_role("heading", name="Classement national des propositions")).to_be_visible()
    row = page.locator("#classement tbody tr", has_text=pole.name)
    assert "11 / 15 (73 %)" in row.inner_text()
    row.get_by_role("link", name=f"Instruire {pole.name}").click()
    form = transition_form(page, "Déclarer lauréate")
    form.get_by_label("Motivation").fill(DECISION_MOTIVATION)
    form.get_by_label("Soutien accordé").fill("Un an d’accompagnement par le réseau.")
    form.get_by_role("button", name="Déclarer lauréate").click()
    page.get_by_role("button", name="Confirmer : déclarer lauréate").click()
    expect(page.get_by_text("La candidature est désormais « Lauréate ».")).to_be_visible()


def test_an_application_goes_from_draft_to_laureate_through_regional_and_national_instruction(
    page, live_server, pole, coordinator, instructor, national_instructor, browser_errors
):
    small_phase()
    assert pole.stage != Stage.RECOGNISED

    # 1. The coordinator drafts the application, sees what is missing, and submits it.
    login(page, live_server, coordinator)
    coordinator_drafts_and_submits(page, live_server, pole)
    application = Application.objects.get(pole=pole)
    [acknowledgement] = acknowledgement_to(coordinator.email)
    [(_, pdf, mimetype)] = acknowledgement.attachments
    assert mimetype == "application/pdf"
    assert FIRST_TEXT in " ".join(pdftotext(pdf).split())
    assert application.state == ApplicationState.SUBMITTED
    assert_accessible(page)  # the application's page, as the applicant sees it
    logout(page)

    # 2. The regional instructor starts the instruction and asks for a complement.
    login(page, live_server, instructor)
    instructor_requests_a_complement(page, live_server, pole)
    logout(page)

    # 3. The coordinator reads the motivation, completes the answers and submits again.
    login(page, live_server, coordinator)
    coordinator_completes(page, live_server, application)
    logout(page)

    # 4. The instructor asks an expert's confidential opinion: the expert gets a link.
    mail.outbox.clear()
    login(page, live_server, instructor)
    instructor_asks_an_opinion(page, live_server, application)
    link = expert_link(live_server)
    logout(page)

    # 5. The expert, with no account, opens the link and answers.
    expert_answers(page, link)
    assert path_of(page).startswith("/avis/")

    # 6. The instructor reads the opinion, scores on the grid and proposes « lauréate ».
    login(page, live_server, instructor)
    instructor_scores_and_proposes(page, live_server, application)
    assert_accessible(page)  # the instruction page, with its opinion, scores and proposal
    logout(page)

    # 7. The national cell finds the proposal in its ranking and decides « lauréate ».
    login(page, live_server, national_instructor)
    national_cell_decides(page, live_server, pole)
    logout(page)
    application.refresh_from_db()
    assert application.state == ApplicationState.LAUREATE

    # 8. The coordinator sees the decision, never the confidential opinion.
    login(page, live_server, coordinator)
    visit(page, live_server, f"/candidatures/{application.pk}/")
    decision = page.locator(
        ".fr-callout", has=page.get_by_role("heading", name="Décision : Lauréate")
    )
    expect(decision).to_contain_text(DECISION_MOTIVATION)
    expect(decision).to_contain_text("Soutien accordé : Un an d’accompagnement par le réseau.")
    content = page.content()
    assert CONFIDENTIAL_OPINION not in content
    assert EXPERT_NAME not in content
    assert EXPERT_QUESTION not in content
    assert_accessible(page)

    # 9. The pole's page shows its laureate badge and the stage « Reconnu par l’État ».
    visit(page, live_server, f"/poles/{pole.slug}/")
    expect(page.locator(".fr-badge", has_text="Reconnu par l’État")).to_be_visible()
    expect(page.locator(".fr-badge", has_text=f"Lauréat {CALL} — Reconnaissance")).to_be_visible()
    assert Pole.objects.get(pk=pole.pk).stage == Stage.RECOGNISED

    assert browser_errors == []
