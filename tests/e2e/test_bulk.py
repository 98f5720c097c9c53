"""The national cell decides two proposals at once from its « à traiter » queue: it ticks both
rows, reads the confirmation page naming both files, confirms, and both are decided as the
région proposed; the count next to « Mon espace » in the header drops by two."""

import re

from playwright.sync_api import expect

from ptce.calls.models import Application, ApplicationState
from tests.calls.factories import PhaseFactory
from tests.calls.factories.instruction import application_in
from tests.e2e.helpers import login, visit
from tests.poles.factories import PoleFactory

POLES = ("Pôle des Coteaux", "Pôle du Lauragais")
WAITING = re.compile(r"^Mon espace, (\d+) choses? à faire$")


def header_link(page):
    return page.locator("#navigation-principale a[href='/mon-espace/']")


def test_the_national_cell_decides_two_proposals_from_its_queue(
    page, live_server, region, national_instructor
):
    page.set_default_navigation_timeout(30_000)
    phase = PhaseFactory(call__name="AMI PTCE 2022", number=1, name="Reconnaissance")
    laureate, rejected = (
        application_in(PoleFactory(name=name, region=region), phase=phase, proposal=proposal)
        for name, proposal in zip(
            POLES, (ApplicationState.LAUREATE, ApplicationState.REJECTED), strict=True
        )
    )
    login(page, live_server, national_instructor)
    assert visit(page, live_server, "/instruction/candidatures/?onglet=a-traiter") == 200
    expect(page.locator("#files [aria-current='page']")).to_contain_text("À traiter")
    expect(header_link(page)).to_have_attribute("aria-label", WAITING)
    before = int(WAITING.match(header_link(page).get_attribute("aria-label")).group(1))
    assert before >= 2
    for application in (laureate, rejected):
        page.get_by_label(f"Choisir {application.pole.name} (n° {application.pk})").check(
            force=True
        )
    page.get_by_role("button", name="Décider").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Décider ?")
    items = page.locator(".ptce-confirm-items li")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text(f"Pôle des Coteaux (candidature n° {laureate.pk})")
    expect(items.nth(0)).to_contain_text("proposition de la région : lauréate")
    expect(items.nth(1)).to_contain_text(f"Pôle du Lauragais (candidature n° {rejected.pk})")
    page.get_by_label("Motivation").fill("Conforme aux propositions des régions.")
    page.get_by_role("button", name="Confirmer : décider").click()

    expect(page).to_have_url(re.compile(r"/instruction/candidatures/\?onglet=a-traiter"))
    expect(page.get_by_text("2 dossiers traités.")).to_be_visible()
    expect(page.locator("table tbody tr")).to_have_count(0)
    after = before - 2  # asked for again by the link once the page is loaded (htmx)
    if after:
        expect(header_link(page)).to_have_attribute(
            "aria-label", f"Mon espace, {after} chose{'s' if after > 1 else ''} à faire"
        )
    else:
        expect(header_link(page).locator(".ptce-todo-count")).to_have_count(0)
        expect(header_link(page)).not_to_have_attribute("hx-get", re.compile(".*"))
    states = dict(
        Application.objects.filter(pk__in=[laureate.pk, rejected.pk]).values_list("pk", "state")
    )
    assert states == {
        laureate.pk: ApplicationState.LAUREATE,
        rejected.pk: ApplicationState.REJECTED,
    }
