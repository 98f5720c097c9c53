"""« Le PTCE en chiffres » in a browser: the charts show, the région filter works without
JavaScript, a CSV downloads, and the page passes axe."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ptce.cooperation.models import ActionType
from tests.assessments.results_data import validated_evaluation
from tests.cooperation.factories import CooperationActionFactory
from tests.e2e.helpers import assert_accessible
from tests.poles.factories import PoleFactory


@pytest.fixture
def figures_data(public_data, other_region):
    """Six published poles (five with a validated evaluation, so the median radar shows) and
    a few cooperation actions."""
    for n, agreed in enumerate(["111111111", "222222222", "333333333", "444444444"]):
        pole = PoleFactory(region=other_region if n % 2 else public_data.region)
        validated_evaluation(pole, agreed)
    validated_evaluation(public_data, "555555555")
    CooperationActionFactory(pole=public_data, action_type=ActionType.TRAINING, jobs_created_etp=2)
    return public_data


def test_the_figures_page_shows_its_charts_and_is_accessible(
    page, live_server, figures_data, browser_errors, external_requests
):
    page.goto(f"{live_server.url}/chiffres/")

    expect(page.locator("h1")).to_have_text("Le PTCE en chiffres")
    expect(page.locator("#graphique-regions")).to_be_visible()
    expect(page.locator("#graphique-etapes .ptce-bar")).to_have_count(4)
    expect(page.locator("#graphique-profil")).to_be_visible()
    expect(page.locator("#tableau-regions")).to_contain_text("Occitanie")
    for chart in ("emplois", "actions"):
        expect(page.locator(f"#graphique-{chart}")).to_be_visible()
    expect(page.locator("#creation")).to_contain_text("Aucune donnée pour l’instant.")
    assert_accessible(page)
    assert browser_errors == []
    assert external_requests == []


def test_the_region_filter_narrows_the_figures(page, live_server, figures_data):
    page.goto(f"{live_server.url}/chiffres/")
    expect(page.locator("#tableau-regions tbody tr")).to_have_count(2)

    page.locator("select[name=region]").select_option(label="Bretagne")
    page.get_by_role("button", name="Afficher les chiffres").click()

    expect(page).to_have_url(f"{live_server.url}/chiffres/?region=53")
    expect(page.locator(".fr-text--lead")).to_contain_text("pour la région Bretagne")
    expect(page.locator("#tableau-regions tbody tr")).to_have_count(1)
    expect(page.locator("#tableau-regions tbody")).to_contain_text("Bretagne")


def test_a_csv_of_the_numbers_downloads(page, live_server, figures_data):
    page.goto(f"{live_server.url}/chiffres/")

    with page.expect_download() as info:
        page.locator("a[href='/chiffres/regions.csv']").click()
    download = info.value

    assert download.suggested_filename == "ptce-chiffres-regions.csv"
    content = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows == [
        ["Région", "Code", "Pôles publiés"],
        ["Bretagne", "53", "2"],
        ["Occitanie", "76", "3"],
    ]
