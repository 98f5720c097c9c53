"""Logging in and out with a real browser, and reaching the content with the keyboard."""

import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def fill_login_form(page, live_server, email, password):
    response = page.goto(f"{live_server.url}/connexion/")
    assert response.status == 200, f"/connexion/ répond {response.status}"
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.locator("form:has(input[name='password']) [type='submit']").click()


def test_a_coordinator_logs_in_reaches_their_space_and_logs_out(page, live_server, coordinator):
    fill_login_form(page, live_server, coordinator.email, PASSWORD)

    expect(page).to_have_url(f"{live_server.url}/mon-espace/")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()

    page.get_by_role("button", name="Se déconnecter").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()
    page.goto(f"{live_server.url}/mon-espace/")
    expect(page).to_have_url(re.compile(r"/connexion/\?next=/mon-espace/$"))


def test_a_wrong_password_shows_a_french_error_and_stays_on_the_login_page(
    page, live_server, coordinator
):
    fill_login_form(page, live_server, coordinator.email, "pas-le-bon-mot-de-passe")

    expect(page).to_have_url(f"{live_server.url}/connexion/")
    expect(page.get_by_text("Adresse électronique ou mot de passe incorrect.")).to_be_visible()
    expect(page.get_by_role("button", name="Se déconnecter")).to_have_count(0)


def test_the_first_tab_stop_is_the_skip_link_to_the_content(page, live_server):
    page.goto(f"{live_server.url}/")

    page.keyboard.press("Tab")

    focused = page.locator(":focus")
    expect(focused).to_have_text("Contenu")
    expect(focused).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/#contenu")
    expect(page.locator("main#contenu")).to_be_focused()
