"""A coordinator runs their pole in a real browser: edit, add a member, watch the checklist."""

import pytest

from tests.e2e.helpers import assert_accessible, login, visit
from tests.territories.factories import CommuneFactory

COORDINATOR_PAGES = [
    "gerer/",
    "gerer/profil/",
    "gerer/territoire/",
    "gerer/lieux/",
    "gerer/lieux/ajouter/",
    "gerer/membres/",
    "gerer/membres/ajouter/?recherche=mairie",
    "gerer/personnes/",
    "gerer/historique/",
    "espace/",
]


def checklist_status(page, code):
    return page.locator(f"[data-ptce-check='{code}']").get_attribute("data-ptce-status")


def test_a_coordinator_edits_the_pole_adds_a_local_authority_and_sees_the_checklist_change(
    page, live_server, coordinator, pole, browser_errors
):
    CommuneFactory(code="31395", name="Muret", departement__code="31")
    login(page, live_server, coordinator)
    base = f"/poles/{pole.slug}/"

    visit(page, live_server, base + "gerer/")
    assert checklist_status(page, "collectivite") == "missing"

    page.get_by_role("link", name="Profil du pôle").click()
    page.get_by_label("Résumé").fill("Coopérer pour l’emploi local dans les Coteaux.")
    page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_text("Les informations du pôle sont enregistrées.").is_visible()

    page.get_by_role("link", name="Organisations membres", exact=True).click()
    page.get_by_role("link", name="Ajouter une organisation").click()
    page.get_by_label("Rechercher par SIRET, numéro RNA ou nom").fill("Mairie de Muret")
    page.get_by_role("button", name="Rechercher").click()
    assert page.get_by_text("Aucune organisation enregistrée ne correspond").is_visible()
    page.locator("#id_org-name").fill("Mairie de Muret")
    page.locator("#id_org-legal_category").select_option("collectivite")
    page.locator("#id_org-commune").fill("31395")
    page.get_by_role("button", name="Créer et ajouter au pôle").click()
    assert page.get_by_text("« Mairie de Muret » est maintenant membre du pôle.").is_visible()
    assert (
        page.locator("#membres")
        .get_by_role("link", name="Mairie de Muret", exact=True)
        .is_visible()
    )

    page.get_by_role("link", name="Tableau de bord", exact=True).click()
    assert checklist_status(page, "collectivite") == "ok"
    assert "Mairie de Muret" in page.locator("[data-ptce-check='collectivite']").inner_text()
    visit(page, live_server, base)
    assert page.get_by_text("Coopérer pour l’emploi local dans les Coteaux.").is_visible()
    assert checklist_status(page, "collectivite") == "ok"
    assert browser_errors == []


@pytest.mark.parametrize("path", COORDINATOR_PAGES)
def test_the_coordinator_pages_are_accessible(page, live_server, coordinator, pole, path):
    login(page, live_server, coordinator)
    assert visit(page, live_server, f"/poles/{pole.slug}/{path}") == 200
    assert_accessible(page)
