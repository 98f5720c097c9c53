"""After the decision, in a real browser: the national cell declares a phase-2 application
laureate with its grant; the regional instructor creates the agreement from the decision,
uploads the signed convention, records the signature, schedules three instalments and two
committees and pays the first; the coordinator writes and submits the interim report; the
instructor accepts it (which meets the second instalment's condition) and approves the second
instalment; /donnees/subventions.csv then lists the agreement with the amount paid."""

import csv
import io
import re

from playwright.sync_api import expect

from ptce.awards.models import Agreement, AgreementState, InstalmentState, ReportState
from ptce.calls.instruction.services import proposal_make
from ptce.calls.models import ApplicationState
from tests.awards.factories import GRANTOR_SIRET, laureate, report_questions
from tests.calls.factories import PhaseFactory
from tests.e2e.evaluation_helpers import logout
from tests.e2e.helpers import login, visit

CALL = "AMI PTCE 2024"
PDF = {"name": "convention.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 signee"}
INSTALMENTS = [
    ("30000", "2025-03-01", ""),
    ("40000", "2026-01-15", "Rapport intermédiaire reçu"),
    ("30000", "2026-12-15", "Rapport final reçu"),
]


def confirm(page, label):
    """Follow the link `label`, then confirm on its page."""
    page.get_by_role("link", name=label, exact=True).first.click()
    page.get_by_role("button", name=label, exact=True).click()


def national_cell_decides(page, live_server, application):
    visit(page, live_server, f"/instruction/candidatures/{application.pk}/")
    form = page.locator("form", has=page.get_by_role("button", name="Déclarer lauréate"))
    form.get_by_label("Motivation").fill("Un projet solide, retenu pour la phase 2.")
    form.get_by_label("Soutien accordé").fill("Subvention sur deux ans.")
    form.get_by_label("Montant accordé (€)").fill("100000")
    form.get_by_role("button", name="Déclarer lauréate").click()
    page.get_by_role("button", name="Confirmer : déclarer lauréate").click()
    expect(page.get_by_text("La candidature est désormais « Lauréate ».")).to_be_visible()


def instructor_creates_and_signs(page, live_server, pole):
    visit(page, live_server, "/instruction/conventions/")
    page.get_by_role("link", name=re.compile(f"créer la convention de {pole.name}")).click()
    expect(page.get_by_label("Subvention accordée (€)")).to_have_value(re.compile("^100000"))
    page.locator("input[name='start_date']").fill("2025-01-01")
    page.locator("input[name='end_date']").fill("2026-12-31")
    page.locator("input[name='signed_on']").fill("2025-01-01")
    page.get_by_role("button", name="Créer la convention").click()
    expect(page.get_by_text("La convention est créée, en brouillon.")).to_be_visible()
    upload = page.locator("form[action$='/convention-signee/']")
    upload.locator("input[type=file]").set_input_files(PDF)
    upload.get_by_role("button", name="Déposer").click()
    expect(page.get_by_text("La convention signée est déposée.")).to_be_visible()
    confirm(page, "Enregistrer la signature")
    expect(page.get_by_text("La convention est désormais « Signée ».")).to_be_visible()
    confirm(page, "Démarrer la convention")
    expect(page.get_by_text("La convention est désormais « En cours ».")).to_be_visible()


def instructor_schedules(page):
    for amount, due, condition in INSTALMENTS:
        form = page.locator("form[action$='/versements/']")
        form.get_by_label("Montant (€)").fill(amount)
        form.get_by_label("Échéance").fill(due)
        form.get_by_label("Condition").fill(condition)
        form.get_by_role("button", name="Ajouter à l’échéancier").click()
        expect(page.get_by_text("Le versement est ajouté à l’échéancier.")).to_be_visible()
    for day in ("2025-03-15", "2025-10-15"):
        form = page.locator("form[action$='/comites/']")
        form.get_by_label("Date").fill(day)
        form.get_by_label("Participants").fill("État\nRégion\nPôle")
        form.get_by_role("button", name="Enregistrer le comité").click()
        expect(page.get_by_text("Le comité de suivi est enregistré.")).to_be_visible()
    form = page.locator("form[action$='/rapports/']")
    form.locator("select[name='kind']").select_option(label="Rapport intermédiaire")
    form.locator("input[name='due_date']").fill("2026-12-31")
    form.get_by_role("button", name="Programmer le rapport").click()
    expect(page.get_by_text("Le rapport intermédiaire est programmé.")).to_be_visible()


def instructor_pays_the_first(page, live_server, agreement):
    visit(page, live_server, f"/instruction/conventions/{agreement.pk}/")
    first = page.locator("tr", has_text="1er mars 2025")
    first.get_by_role("link", name="Enregistrer la demande").click()
    page.get_by_role("button", name="Enregistrer la demande").click()
    page.locator("tr", has_text="1er mars 2025").get_by_role("link", name="Approuver").click()
    page.get_by_role("button", name="Approuver le versement").click()
    page.locator("tr", has_text="1er mars 2025").get_by_role(
        "link", name="Enregistrer le paiement"
    ).click()
    page.locator("input[name='paid_on']").fill("2025-03-10")
    page.get_by_role("button", name="Enregistrer le paiement").click()
    expect(page.get_by_text("Le versement est désormais « Versé ».")).to_be_visible()


def coordinator_submits_the_report(page, live_server, pole):
    visit(page, live_server, f"/poles/{pole.slug}/convention/")
    page.get_by_role("link", name="Rapport intermédiaire").click()
    page.get_by_role("link", name="Modifier le rapport").click()
    page.locator("textarea[name='bilan']").fill("Une année de coopération : trois actions.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le rapport est enregistré.")).to_be_visible()
    confirm(page, "Soumettre le rapport")
    expect(page.get_by_text("Le rapport est désormais « Soumis ».")).to_be_visible()


def instructor_accepts_and_approves(page, live_server, agreement):
    visit(page, live_server, "/instruction/conventions/")
    page.get_by_role("link", name=re.compile("^Rapport intermédiaire —")).click()
    expect(page.get_by_text("Une année de coopération : trois actions.")).to_be_visible()
    confirm(page, "Accepter le rapport")
    expect(page.get_by_text("Le rapport est désormais « Accepté ».")).to_be_visible()
    visit(page, live_server, f"/instruction/conventions/{agreement.pk}/")
    second = page.locator("tr", has_text="15 janvier 2026")
    expect(second).to_contain_text("Remplie")
    second.get_by_role("link", name="Enregistrer la demande").click()
    page.get_by_role("button", name="Enregistrer la demande").click()
    page.locator("tr", has_text="15 janvier 2026").get_by_role("link", name="Approuver").click()
    page.get_by_role("button", name="Approuver le versement").click()
    expect(page.get_by_text("Le versement est désormais « Approuvé ».")).to_be_visible()


def test_a_laureate_is_followed_from_the_decision_to_the_open_data(
    page, live_server, pole, coordinator, instructor, national_instructor, settings,
    browser_errors,
):  # fmt: skip
    # A long walk through many pages: more patience than the default on a busy machine.
    page.set_default_timeout(30_000)
    settings.PTCE_AWARDS_GRANTOR_SIRET = GRANTOR_SIRET
    phase = PhaseFactory(call__name=CALL, call__slug="ami-ptce-2024-suivi", number=2)
    report_questions(phase.call)
    application = laureate(pole, amount=None, phase=phase)
    application.state = ApplicationState.INSTRUCTION
    application.support_granted = ""
    application.save(update_fields=["state", "support_granted"])
    # The région has proposed it: the national cell decides on that proposal.
    proposal_make(
        application=application,
        by=instructor,
        proposal=ApplicationState.LAUREATE,
        motivation="Un projet solide.",
    )

    login(page, live_server, national_instructor)
    national_cell_decides(page, live_server, application)
    logout(page)

    login(page, live_server, instructor)
    instructor_creates_and_signs(page, live_server, pole)
    agreement = Agreement.objects.get(application=application)
    instructor_schedules(page)
    instructor_pays_the_first(page, live_server, agreement)
    logout(page)

    login(page, live_server, coordinator)
    coordinator_submits_the_report(page, live_server, pole)
    logout(page)

    login(page, live_server, instructor)
    instructor_accepts_and_approves(page, live_server, agreement)
    logout(page)

    agreement.refresh_from_db()
    assert agreement.state == AgreementState.RUNNING
    assert agreement.reports.get().state == ReportState.ACCEPTED
    assert [i.state for i in agreement.instalments.order_by("due_date")] == [
        InstalmentState.PAID,
        InstalmentState.APPROVED,
        InstalmentState.PLANNED,
    ]
    assert agreement.committees.count() == 2
    body = page.request.get(f"{live_server.url}/donnees/subventions.csv").text()
    (row,) = list(csv.DictReader(io.StringIO(body)))
    assert row["nomBeneficiaire"] == pole.carrier.name
    assert row["montant"] == "100000.00"
    assert row["montantVerse"] == "30000.00"
    assert browser_errors == []
