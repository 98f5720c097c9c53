"""« Mon espace » leads each role of the demo straight to its work: the Bretagne instructor to
the file to instruct (scored and proposed in at most 4 clicks from login), the national cell to
the proposal to decide through its queue, a coordinator to the consolidation to do."""

import re
from types import SimpleNamespace

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from ptce.calls.models import Application, ApplicationState
from ptce.poles.models import Sector
from ptce.poles.reference import sectors_load
from tests.assessments.factories import load_default_referentiel
from tests.demo.demo_data import create_demo_geography, run_demo_load
from tests.e2e.evaluation_helpers import logout
from tests.e2e.helpers import login

PASSWORD = "demo-ptce-2026"
BRETAGNE = SimpleNamespace(email="instruction.bretagne@demo.ptce.fr")
NATIONAL = SimpleNamespace(email="cellule.nationale@demo.ptce.fr")
TREGOR = SimpleNamespace(email="coordination.energies-partagees-tregor@demo.ptce.fr")
TREGOR_POLE = "Pôle Énergies partagées du Trégor"


@pytest.fixture
def demo(live_server, tmp_path):
    with override_settings(
        DEBUG=True,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        PTCE_PRIVATE_MEDIA_ROOT=tmp_path,
    ):
        sectors_load(Sector)
        create_demo_geography()
        load_default_referentiel()
        run_demo_load()
        yield


class Clicks:
    """Counts the clicks (and form submissions) of a journey."""

    def __init__(self):
        self.count = 0

    def click(self, locator):
        self.count += 1
        locator.click()


def test_the_regional_instructor_goes_from_login_to_a_proposal_in_four_clicks(
    page, live_server, demo
):
    page.set_default_navigation_timeout(30_000)
    clicks = Clicks()
    clicks.count += 1  # the login form's button
    login(page, live_server, BRETAGNE, password=PASSWORD)
    expect(page).to_have_url(re.compile(r"/mon-espace/$"))
    item = page.get_by_role("link", name="1 candidature à instruire")
    expect(item).to_be_visible()
    expect(page.get_by_text("créer un pôle")).to_have_count(0)

    clicks.click(item)
    expect(page).to_have_url(re.compile(r"/instruction/candidatures/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Instruction : {TREGOR_POLE}")

    # Scoring (not counted: the 4 clicks are for a file already scored).
    grid = page.locator("#grille")
    scores = grid.locator("input[type='number']")
    for index in range(scores.count()):
        scores.nth(index).fill("4")
    grid.get_by_role("button", name="Enregistrer les notes").click()
    expect(page.get_by_text("Les notes sont enregistrées.")).to_be_visible()

    page.locator(f"input[name='proposition-proposal'][value='{ApplicationState.LAUREATE}']").check(
        force=True
    )
    page.locator("#id_proposition-motivation").fill("Un projet citoyen solide et bien ancré.")
    clicks.click(page.get_by_role("button", name="Proposer à la cellule nationale"))
    expect(page.locator("#proposition-actuelle")).to_contain_text("Lauréate")
    assert clicks.count <= 4, clicks.count

    application = Application.objects.get(
        pole__slug="energies-partagees-tregor", phase__call__slug="ami-ptce-2026"
    )
    assert application.proposal == ApplicationState.LAUREATE
    assert application.scores.count() == scores.count()

    logout(page)
    login(page, live_server, NATIONAL, password=PASSWORD)
    to_decide = page.get_by_role("link", name="1 proposition à décider")
    expect(to_decide.first).to_be_visible()
    phase = application.phase
    page.locator(f"a[href$='onglet=a-traiter&phase={phase.pk}']").click()
    expect(page.locator("#files [aria-current='page']")).to_contain_text("À traiter")
    page.get_by_role("link", name=TREGOR_POLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Instruction : {TREGOR_POLE}")
    expect(page.locator("#proposition-actuelle")).to_contain_text("Lauréate")


def test_the_national_cell_sees_one_proposal_to_decide_and_reaches_it_from_the_queue(
    page, live_server, demo
):
    page.set_default_navigation_timeout(30_000)
    login(page, live_server, NATIONAL, password=PASSWORD)
    item = page.get_by_role("link", name="1 proposition à décider")
    expect(item).to_have_count(1)
    item.click()
    expect(page.locator("#files [aria-current='page']")).to_contain_text("À traiter")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    rows.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Instruction :")
    expect(page.locator("#proposition-actuelle")).to_be_visible()


def test_a_coordinator_sees_the_consolidation_to_do_and_does_it(page, live_server, demo):
    page.set_default_navigation_timeout(30_000)
    login(page, live_server, TREGOR, password=PASSWORD)
    item = page.get_by_role("link", name="1 consolidation à faire")
    expect(item).to_be_visible()
    item.click()
    expect(page).to_have_url(re.compile(r"/consolidation/$"))
    page.get_by_role("button", name="Enregistrer la consolidation").click()
    expect(page.get_by_text("La consolidation est enregistrée.")).to_be_visible()
