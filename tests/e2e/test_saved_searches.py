"""« Enregistrer cette recherche » in a real browser: a signed-in person filters the directory
by filière, saves the search, finds it on « Mes recherches », renames it and runs it again."""

from urllib.parse import parse_qs, urlsplit

from django.core.cache import cache
from playwright.sync_api import expect

from ptce.poles.models import Sector
from ptce.poles.reference import sectors_load
from tests.e2e.helpers import assert_accessible, login, visit

NEW_NAME = "Énergie, pour le comité"


def test_a_person_saves_a_filtered_search_renames_it_and_runs_it_again(
    page, live_server, outsider, pole, browser_errors
):
    cache.clear()  # the directory's anonymous page cache may hold another test's page
    sectors_load(Sector)
    pole.sectors.set(["energie"])
    login(page, live_server, outsider)

    assert visit(page, live_server, "/poles/") == 200
    page.get_by_label("Filière", exact=True).select_option("energie")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**/poles/?*filiere=energie*")
    expect(page.get_by_text("1 pôle trouvé")).to_be_visible()

    page.get_by_role("button", name="Enregistrer cette recherche").click()
    page.wait_for_url("**/mes-recherches/")
    expect(page.get_by_text("est enregistrée")).to_be_visible()
    table = page.get_by_role("table")
    assert_accessible(page)
    expect(table.get_by_role("rowheader")).to_contain_text("Filière\u00a0: Énergie")

    table.get_by_role("link", name="Renommer la recherche").click()
    name = page.get_by_label("Nom de la recherche")
    expect(name).to_have_value("Filière\u00a0: Énergie")
    assert_accessible(page)
    name.fill(f"  {NEW_NAME}  ")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.wait_for_url("**/mes-recherches/")
    expect(
        page.get_by_text(f"La recherche s’appelle désormais «\u00a0{NEW_NAME}\u00a0».")
    ).to_be_visible()
    expect(page.get_by_role("table").get_by_role("rowheader")).to_contain_text(NEW_NAME)

    page.get_by_role("link", name=f"Lancer la recherche «\u00a0{NEW_NAME}\u00a0»").click()
    page.wait_for_url("**/poles/?*")
    url = urlsplit(page.url)
    assert url.path == "/poles/"
    assert parse_qs(url.query) == {"filiere": ["energie"]}
    expect(page.get_by_label("Filière", exact=True)).to_have_value("energie")
    expect(page.get_by_text("1 pôle trouvé")).to_be_visible()
    assert browser_errors == []
