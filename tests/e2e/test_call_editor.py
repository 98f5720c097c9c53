"""The national cell builds a call in the browser, with no admin rights: from « Mon espace »
to « Gérer les appels », a call, a phase in permanent mode (no closing date), a section and a
question of its form; it publishes the call through the confirmation page, and the call shows
on the public calls page as open in permanent mode."""

from playwright.sync_api import expect

from ptce.calls.models import Call, Question
from tests.e2e.helpers import login, visit

CALL = "AMI PTCE 2027"


def test_the_national_cell_builds_and_publishes_a_permanent_call(
    page, live_server, national_instructor, browser_errors
):
    assert not national_instructor.is_superuser
    login(page, live_server, national_instructor)
    assert visit(page, live_server, "/mon-espace/") == 200
    page.get_by_role("link", name="Gérer les appels").click()
    page.get_by_role("link", name="Créer un appel").click()

    page.get_by_label("Nom", exact=True).fill(CALL)
    page.get_by_label("Adresse courte").fill("ami-ptce-2027")
    page.get_by_role("spinbutton", name="Année").fill("2027")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CALL)
    expect(page.get_by_text("Non publié", exact=True)).to_be_visible()

    page.get_by_role("link", name="Ajouter une phase").click()
    page.get_by_label("Nom", exact=True).fill("Reconnaissance et accompagnement")
    page.get_by_label("Ouverture").fill("2026-01-01")
    page.locator("label[for=id_is_permanent]").click()  # the DSFR label covers the box
    page.get_by_role("button", name="Enregistrer").click()
    expect(
        page.get_by_text("La phase 1 « Reconnaissance et accompagnement » est créée.")
    ).to_be_visible()

    page.get_by_role("link", name="Formulaire de candidature").click()
    page.get_by_role("link", name="Ajouter une section").click()
    page.get_by_label("Titre").fill("Le projet")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("link", name="Ajouter une question").click()
    page.get_by_label("Libellé", exact=True).fill("Présentez votre projet de coopération")
    page.get_by_label("Type", exact=True).select_option(label="Texte long")
    page.get_by_role("button", name="Enregistrer").click()
    question_link = page.get_by_role(
        "link", name="Présentez votre projet de coopération", exact=True
    )
    expect(question_link).to_be_visible()
    question = Question.objects.get()
    assert (question.key, question.section.phase.call.name) == (
        "presentez-votre-projet-de-cooperation",
        CALL,
    )

    page.get_by_role("link", name=CALL).click()
    page.get_by_role("button", name="Publier l’appel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publier l’appel ?")
    page.get_by_role("button", name="Confirmer : publier l’appel").click()
    expect(page.get_by_text(f"L’appel « {CALL} » est publié.")).to_be_visible()
    assert Call.objects.get().is_published

    assert visit(page, live_server, "/appels/") == 200
    card = page.locator("section", has=page.get_by_role("heading", name=CALL))
    expect(card).to_be_visible()
    expect(card).to_contain_text("Reconnaissance et accompagnement")
    expect(card).to_contain_text("Mode permanent")
    expect(card).not_to_contain_text("Clos")
    assert browser_errors == []
