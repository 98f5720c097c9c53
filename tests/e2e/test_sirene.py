"""Adding a member from the SIRENE copy in a real browser: suggestions as one types."""

from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, login, visit
from tests.sirene.factories import load_units, unit
from tests.territories.factories import CommuneFactory

SCOP = unit(
    "81234567",
    "SCOP LES CHARPENTIERS DU LAC",
    categorieJuridiqueUniteLegale="5458",
    activitePrincipaleUniteLegale="43.32A",
)


def test_typing_a_name_suggests_units_and_one_prefills_the_creation_form(
    page, live_server, coordinator, pole, browser_errors
):
    CommuneFactory(code="31555", name="Toulouse")
    load_units(SCOP)
    login(page, live_server, coordinator)
    visit(page, live_server, f"/poles/{pole.slug}/gerer/membres/ajouter/")

    page.get_by_label("Rechercher par SIRET, numéro RNA ou nom").press_sequentially("charpen")
    suggestion = page.get_by_role("link", name="SCOP LES CHARPENTIERS DU LAC")
    expect(suggestion).to_be_visible()
    assert_accessible(page)
    suggestion.click()

    expect(page.locator("#id_org-name")).to_have_value("SCOP LES CHARPENTIERS DU LAC")
    expect(page.locator("#id_org-siret")).to_have_value(SCOP["siret"])
    expect(page.locator("#id_org-legal_category")).to_have_value("scop")
    page.get_by_role("button", name="Créer et ajouter au pôle").click()
    expect(
        page.get_by_text("« SCOP LES CHARPENTIERS DU LAC » est maintenant membre")
    ).to_be_visible()
    assert browser_errors == []
