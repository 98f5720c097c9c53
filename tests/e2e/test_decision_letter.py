"""The decision letter in a real browser, on the demo: the national cell decides the proposal
waiting in its queue; the letter is built by the job, the pole's coordination gets the email
with its link, logs in, finds the letter in its application and downloads it."""

import re
from pathlib import Path
from types import SimpleNamespace

from django.core import mail
from playwright.sync_api import expect

from ptce.calls.models import Application, ApplicationState, DecisionLetter
from tests.e2e.evaluation_helpers import logout
from tests.e2e.helpers import login, mailed_link
from tests.e2e.test_todo import NATIONAL, PASSWORD, demo  # noqa: F401  (the demo fixture)
from tests.poppler import pdftotext

MORLAIX = "Pôle Alimentation durable du Pays de Morlaix"
MORLAIX_COORDINATION = SimpleNamespace(
    email="coordination.alimentation-pays-de-morlaix@demo.ptce.fr"
)
TREGOR_COORDINATION = "coordination.energies-partagees-tregor@demo.ptce.fr"  # a member there
LETTER_LINK = re.compile(r"https?://\S+?(/candidatures/\d+/lettre-de-decision/)")


def test_the_coordination_receives_and_downloads_the_letter_of_the_national_decision(
    page,
    live_server,
    demo,  # noqa: F811
):
    page.set_default_navigation_timeout(30_000)
    mail.outbox.clear()

    # The national cell decides from its queue.
    login(page, live_server, NATIONAL, password=PASSWORD)
    page.get_by_role("link", name="1 proposition à décider").click()
    page.locator("table tbody tr").get_by_role("link", name=MORLAIX).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Instruction : {MORLAIX}")
    form = page.locator(
        "form", has=page.get_by_role("button", name="Déclarer lauréate", exact=True)
    )
    form.get_by_label("Motivation").fill("Une épicerie coopérative bien ancrée.")
    form.get_by_label("Soutien accordé").fill("Un an d’accompagnement, rapport à six mois.")
    form.get_by_label("Montant accordé (€)").fill("15000")
    form.get_by_role("button", name="Déclarer lauréate").click()
    confirmation = page.locator("main")
    expect(confirmation).to_contain_text("Une lettre de décision (PDF) est établie")
    expect(confirmation).to_contain_text(MORLAIX_COORDINATION.email)
    page.get_by_role("button", name="Confirmer : déclarer lauréate").click()
    expect(page.get_by_text("La candidature est désormais « Lauréate ».")).to_be_visible()
    history = page.locator("section", has=page.get_by_role("heading", name="Historique"))
    expect(history.get_by_role("link", name=re.compile("^Lettre de décision"))).to_be_visible()
    logout(page)

    application = Application.objects.get(pole__slug="alimentation-pays-de-morlaix")
    assert application.state == ApplicationState.LAUREATE
    assert DecisionLetter.objects.filter(application=application).count() == 1

    # The outbox holds the decision, with the letter's link, for the pole's coordination only.
    link = mailed_link(live_server, MORLAIX_COORDINATION.email, LETTER_LINK)
    assert not [m for m in mail.outbox if TREGOR_COORDINATION in m.to]
    decision_mail = next(m for m in mail.outbox if MORLAIX_COORDINATION.email in m.to)
    assert decision_mail.subject == "[PTCE] Votre candidature\xa0: lauréate"

    # The coordination logs in, finds the letter in its application and downloads it.
    login(page, live_server, MORLAIX_COORDINATION, password=PASSWORD)
    page.goto(f"{live_server.url}/candidatures/{application.pk}/")
    decision = page.locator(
        ".fr-callout", has=page.get_by_role("heading", name="Décision : Lauréate")
    )
    letter_link = decision.get_by_role("link", name=re.compile("^Lettre de décision"))
    expect(letter_link).to_be_visible()
    assert link.endswith(letter_link.get_attribute("href"))
    with page.expect_download() as download:
        letter_link.click()
    assert download.value.suggested_filename.startswith("lettre-de-decision-")
    text = " ".join(pdftotext(Path(download.value.path()).read_bytes()).split())
    assert MORLAIX in text
    assert "est retenue : le pôle est lauréat" in text
    assert "15 000 €" in text
    assert "rapport à six mois" in text
