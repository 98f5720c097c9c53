"""The national cell imports a list of poles in a real browser: a 20-row XLSX, two rows flagged
in the preview and excluded, the rest applied, the report read."""

from django.urls import reverse
from playwright.sync_api import expect

from ptce.poles.models import Pole
from tests.e2e.helpers import assert_accessible, login, visit
from tests.imports.helpers import xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rows():
    rows = [["Nom du PTCE", "Région", "Site web"]]
    for n in range(1, 19):
        rows.append([f"Pôle coopératif n° {n}", "occitanie" if n % 2 else "Bretagne", ""])
    rows.append(["Pôle d’Atlantide", "Atlantide", ""])  # line 20
    rows.append(["Pôle sans région", "", "pas une adresse"])  # line 21
    return rows


def test_the_national_cell_imports_poles_excluding_two_flagged_rows(
    page, live_server, national_instructor, region, other_region, browser_errors
):
    login(page, live_server, national_instructor)
    visit(page, live_server, reverse("core:dashboard"))
    page.get_by_role("link", name="Importer des pôles ou des organisations").click()
    page.get_by_role("link", name="Importer des pôles").click()
    page.get_by_label("Fichier à importer").set_input_files(
        {"name": "poles.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes(_rows())}
    )
    page.get_by_role("button", name="Voir l’aperçu").click()

    expect(
        page.get_by_text("À créer : 18 · à compléter : 0 · inchangées : 0 · en erreur : 2")
    ).to_be_visible()
    row_20 = page.locator("#ligne-20")
    expect(row_20).to_contain_text("Erreur : « Atlantide » n’est pas une région connue.")
    expect(page.locator("#ligne-21")).to_contain_text("Erreur : La région est obligatoire")
    assert_accessible(page)

    page.get_by_role("button", name="Appliquer l’import").click()  # errors left in: refused
    expect(page.get_by_text("2 lignes gardent une erreur bloquante (20, 21)")).to_be_visible()
    assert Pole.objects.count() == 0

    for line in (20, 21):  # the DSFR box is drawn by the label: click it, as a person does
        page.locator(f'label[for="exclure-{line}"]').click()
        expect(page.get_by_label(f"Exclure la ligne {line}")).to_be_checked()
    page.get_by_role("button", name="Appliquer l’import").click()

    expect(page.get_by_text("L’import est appliqué.")).to_be_visible()
    report = page.locator("#compte-rendu")
    expect(report).to_contain_text("Créations : 18")
    expect(report).to_contain_text("Exclues : 2")
    expect(page.get_by_role("link", name="Télécharger les lignes exclues")).to_be_visible()
    assert Pole.objects.count() == 18
    assert browser_errors == []
