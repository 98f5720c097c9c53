"""A large export in a real browser: the national cell asks for it from the list and finds it
ready, then in « Mes exports »."""

from django.urls import reverse
from playwright.sync_api import expect

from tests.calls.factories import PhaseFactory
from tests.calls.factories.lists import filed
from tests.e2e.helpers import assert_accessible, login, visit


def test_from_the_threshold_the_list_s_export_is_prepared_in_the_background(
    page, live_server, national_instructor, region, settings, browser_errors
):
    settings.PTCE_EXPORT_JOB_ROWS = 2
    phase = PhaseFactory(call__name="AMI PTCE 2022", call__slug="ami-2022")
    for _ in range(3):
        filed(phase, region=region)
    login(page, live_server, national_instructor)
    # « tous »: the deposited files are not yet « à traiter » by the national cell.
    visit(page, live_server, reverse("calls:instruction_list") + "?onglet=tous")
    page.get_by_role("button", name="Télécharger en CSV").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Export « candidatures-")
    expect(page.get_by_text("Le fichier est prêt : 3 lignes.")).to_be_visible()
    page.get_by_role("link", name="Mes exports").first.click()
    expect(page.locator("#mes-exports tbody tr")).to_have_count(1)
    assert_accessible(page)
    assert browser_errors == []
