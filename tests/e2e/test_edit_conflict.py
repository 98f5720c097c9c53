"""Two tabs of the same coordinator in a real browser: the stale one gets the conflict page."""

from tests.e2e.helpers import assert_accessible, login, visit


def test_a_stale_tab_shows_the_conflict_page_and_reapplies_knowingly(
    context, page, live_server, coordinator, pole, browser_errors
):
    login(page, live_server, coordinator)
    profile = f"/poles/{pole.slug}/gerer/profil/"
    visit(page, live_server, profile)
    other_tab = context.new_page()
    visit(other_tab, live_server, profile)

    other_tab.get_by_label("Résumé").fill("Résumé de l’autre onglet")
    other_tab.get_by_role("button", name="Enregistrer").click()
    page.get_by_label("Résumé").fill("Mon résumé")
    page.get_by_role("button", name="Enregistrer").click()

    assert page.get_by_role("heading", name="Quelqu’un a modifié ces informations").is_visible()
    assert page.get_by_role("cell", name="Résumé de l’autre onglet").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer ma version").click()
    assert page.get_by_text("Les informations du pôle sont enregistrées.").is_visible()
    pole.refresh_from_db()
    assert pole.summary == "Mon résumé"
    assert browser_errors == []
