"""The life of an emerging pole in a real browser: a volunteer asks to join, the coordinator
accepts, co-constructs (a need, a topic, the matrix), creates an action with two members,
records a meeting, and watches the stage tracker and the animation indicators change."""

import datetime
import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from ptce.organisations.models import LegalCategory
from ptce.poles.models import Pole, Stage
from tests.e2e.helpers import assert_accessible, login, visit
from tests.organisations.factories import OrganisationFactory, valid_siret
from tests.poles.factories import MembershipFactory
from tests.territories.factories import CommuneFactory

REGIE = "Régie de quartier des Coteaux"
COMMUNAUTE = "Communauté de communes du Savès"
VOLUNTEER = "Boulangerie coopérative de Muret"
VOLUNTEER_EMAIL = "contact@boulangerie-muret.fr"
NEED = "Pas de livraison de repas aux personnes âgées isolées"
TOPIC = "Cuisine centrale partagée"


def step_state(page, number):
    """The state (fait, en_cours, a_faire) of step `number` in the dashboard's stage tracker."""
    step = page.locator(f"[data-ptce-stage-tracker] [data-ptce-step='{number}']")
    return step.get_attribute("data-ptce-state")


def animation_card(page):
    return page.locator(".fr-card", has=page.get_by_role("heading", name="Animation du pôle"))


def indicator(page, label):
    """A value of the animation page's indicator table, by its row header."""
    row = page.locator("tr", has=page.get_by_role("rowheader", name=label, exact=True))
    return row.locator("td").inner_text().strip()


def tick(page, group_label, name):
    """Tick the checkbox `name` in the group `group_label`, by clicking its label (the DSFR
    draws the box over the input, as a person sees it)."""
    group = page.get_by_role("group", name=group_label)
    group.locator("label", has_text=name).click()
    assert group.get_by_label(name).is_checked()


def setup_emerging_pole(pole):
    """`pole` (published, stage 1) with two member organisations, created six months ago so
    that having held no meeting yet raises the lapse alert."""
    MembershipFactory(pole=pole, organisation=OrganisationFactory(name=REGIE), role="membre")
    MembershipFactory(
        pole=pole,
        organisation=OrganisationFactory(
            name=COMMUNAUTE, legal_category=LegalCategory.COLLECTIVITE, siret=None
        ),
        role="membre",
    )
    Pole.objects.filter(pk=pole.pk).update(
        stage=Stage.VOLUNTEERS, created_at=timezone.now() - datetime.timedelta(days=180)
    )
    return CommuneFactory(code="31395", name="Muret", departement__code="31")


def volunteer_asks_to_join(page, live_server, pole):
    visit(page, live_server, "/poles/")
    page.get_by_role("link", name="les pôles émergents qui réunissent leurs volontaires").click()
    expect(page.get_by_role("heading", name="Pôles en émergence", level=1)).to_be_visible()
    card = page.locator("#poles-emergents .fr-card", has_text=pole.name)
    assert "2 organisations membres" in card.inner_text()
    card.get_by_role("link", name=f"Rejoindre {pole.name}").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"Rejoindre ou soutenir le pôle «\xa0{pole.name}\xa0»"
    )
    assert_accessible(page)
    page.get_by_label("Nom de l’organisation").fill(VOLUNTEER)
    page.get_by_label("Catégorie juridique").select_option(LegalCategory.SCOP)
    page.get_by_label("SIRET").fill(valid_siret(4242))
    page.get_by_label("Commune du siège").fill("31395")
    page.get_by_label("Personne à contacter", exact=True).fill("Camille Fournier")
    page.get_by_label("Courriel de la personne à contacter").fill(VOLUNTEER_EMAIL)
    page.get_by_label("Ce que votre organisation peut apporter").fill(
        "Un four à pain et deux boulangers formés à l’accueil d’apprentis."
    )
    page.get_by_label("Ce dont votre organisation a besoin").fill(
        "Des débouchés locaux pour le pain bio."
    )
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.get_by_role("heading", name="Votre demande est envoyée")).to_be_visible()
    expect(page.get_by_text(f"La coordination du pôle « {pole.name} » a reçu")).to_be_visible()


def coordinator_accepts(page):
    page.get_by_role("link", name="Demandes d’adhésion", exact=True).click()
    pending = page.locator("#demandes")
    assert VOLUNTEER in pending.inner_text()
    assert "Muret (31)" in pending.inner_text()
    pending.get_by_role("link", name=f"Étudier la demande de {VOLUNTEER}").click()
    expect(page.get_by_text("Des débouchés locaux pour le pain bio.")).to_be_visible()
    page.get_by_role("button", name="Accepter la demande").click()
    expect(
        page.get_by_text(
            f"« {VOLUNTEER} » est membre du pôle. Camille Fournier en est informé·e par courriel."
        )
    ).to_be_visible()
    expect(page.get_by_text("Aucune demande en attente.")).to_be_visible()
    assert VOLUNTEER in page.locator("#decisions").inner_text()


def test_a_volunteer_joins_an_emerging_pole_and_the_coordinator_brings_it_to_life(
    page, live_server, pole, coordinator, browser_errors
):
    setup_emerging_pole(pole)
    base = f"/poles/{pole.slug}/"

    # 1. A volunteer finds the emerging pole and asks to join it.
    volunteer_asks_to_join(page, live_server, pole)
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert VOLUNTEER in mail.outbox[0].body

    # 2. The coordinator's dashboard, before anything happens.
    page.context.clear_cookies()
    login(page, live_server, coordinator)
    visit(page, live_server, base + "gerer/")
    assert [step_state(page, n) for n in (1, 2, 3)] == ["en_cours", "a_faire", "a_faire"]
    step_1 = page.locator("[data-ptce-stage-tracker] [data-ptce-step='1']").inner_text()
    assert "1 demande d’adhésion en attente de réponse" in step_1
    card = animation_card(page)
    assert re.search(r"\b0 événements? en 3 mois, 0 en 12 mois", card.inner_text())
    assert "Aucun événement enregistré\n" in card.inner_text()
    alerts = card.locator(".fr-alert").all_inner_texts()
    assert alerts == [
        "Aucun événement enregistré depuis plus de 3 mois.",
        "Moins de la moitié des organisations membres ont participé à un événement en 12 mois"
        " (0 sur 2).",
    ]
    assert card.get_by_text("Animation régulière").count() == 0

    # The coordinator accepts the request: the organisation is a member, the volunteer told.
    coordinator_accepts(page)
    assert mail.outbox[-1].to == [VOLUNTEER_EMAIL]
    assert "a accepté la demande de " + VOLUNTEER in mail.outbox[-1].body
    page.get_by_role("link", name="Organisations membres", exact=True).click()
    expect(page.locator("#membres").get_by_role("link", name=VOLUNTEER, exact=True)).to_be_visible()
    page.get_by_role("link", name="Tableau de bord", exact=True).click()
    assert step_state(page, 1) == "fait"

    # A territory need and a topic.
    page.get_by_role("link", name="Avancer sur l’étape 2").click()
    page.get_by_role("link", name="Besoins du territoire").click()
    page.get_by_role("link", name="Proposer un besoin").click()
    page.get_by_label("Besoin", exact=True).fill(NEED)
    page.get_by_role("textbox", name="Thème").fill("Alimentation")
    page.get_by_role("textbox", name="Qui est concerné").fill(
        "Personnes âgées des communes rurales"
    )
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text(f"Le besoin « {NEED} » est enregistré.")).to_be_visible()
    page.get_by_role("link", name="Sujets à co-construire").click()
    page.get_by_role("link", name="Proposer un sujet").click()
    page.get_by_label("Sujet", exact=True).fill(TOPIC)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text(f"Le sujet « {TOPIC} » est enregistré.")).to_be_visible()
    visit(page, live_server, base + "gerer/")
    assert step_state(page, 2) == "en_cours"

    # The matrix: the topic answers the need, strongly.
    page.get_by_role("link", name="Avancer sur l’étape 2").click()
    assert_accessible(page)
    page.get_by_label(f"Le sujet « {TOPIC} » répond au besoin « {NEED} »").select_option("3")
    page.get_by_role("button", name="Enregistrer la matrice").click()
    expect(page.get_by_text("La matrice est enregistrée (1 case modifiée).")).to_be_visible()
    visit(page, live_server, base + "gerer/")
    assert step_state(page, 2) == "fait"
    assert step_state(page, 3) == "a_faire"

    # The cell becomes an action with two member organisations.
    page.get_by_role("link", name="Avancer sur l’étape 2").click()
    page.get_by_role("link", name=f"Créer une action : {TOPIC} pour le besoin {NEED}").click()
    assert page.get_by_label("Action", exact=True).input_value() == TOPIC
    assert page.get_by_label(NEED).is_checked()
    assert_accessible(page)
    page.get_by_label("Type", exact=True).select_option(label="Mutualisation de ressources")
    tick(page, "Organisations membres participantes", REGIE)
    tick(page, "Organisations membres participantes", VOLUNTEER)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text(f"L’action « {TOPIC} » est enregistrée.")).to_be_visible()
    participants = page.locator("dt:has-text('Membres participants') + dd").inner_text()
    assert sorted(participants.split(", ")) == sorted([REGIE, VOLUNTEER])
    visit(page, live_server, base + "gerer/")
    assert [step_state(page, n) for n in (1, 2, 3)] == ["fait", "fait", "en_cours"]
    step_3 = page.locator("[data-ptce-stage-tracker] [data-ptce-step='3']").inner_text()
    assert "1 action au plan d’action" in step_3
    assert "1 besoin(s) relié(s) à une action" in step_3
    assert "aucun besoin relié à une action" not in step_3

    # A steering committee held two days ago, attended by two member organisations.
    animation_card(page).get_by_role("link", name="Ajouter une réunion").click()
    # Two days and ninety minutes ago: "2 jours" whatever the hour, even across a DST change.
    held = timezone.localtime() - datetime.timedelta(days=2, minutes=90)
    page.get_by_label("Type", exact=True).select_option(label="Comité de pilotage")
    page.get_by_label("Titre", exact=True).fill("Premier comité de pilotage")
    page.get_by_label("Date et heure").fill(held.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Lieu").fill("Salle des fêtes de Muret")
    tick(page, "Organisations membres présentes", REGIE)
    tick(page, "Organisations membres présentes", VOLUNTEER)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("« Premier comité de pilotage » est enregistré.")).to_be_visible()

    # The animation indicators follow.
    visit(page, live_server, base + "gerer/")
    card = animation_card(page)
    assert "1 événement en 3 mois, 1 en 12 mois" in card.inner_text()
    assert "Dernier événement il y a 2 jours" in card.inner_text()
    assert card.locator(".fr-alert").count() == 0
    expect(card.get_by_text("Animation régulière")).to_be_visible()
    page.get_by_role("link", name="Détail de l’animation").click()
    assert indicator(page, "Événements dans les 3 derniers mois") == "1"
    assert indicator(page, "Événements dans les 12 derniers mois") == "1"
    assert "il y a 2 jours" in indicator(page, "Dernier événement")
    assert indicator(page, "Organisations membres ayant participé en 12 mois") == "2 sur 3 (67 %)"
    assert page.get_by_role("heading", name="Alerte").count() == 0
    absent = "Organisations membres sans participation depuis 12 mois (1)"
    expect(page.get_by_role("heading", name=absent)).to_be_visible()
    assert page.locator("h2", has_text=absent).locator("+ ul").inner_text() == COMMUNAUTE
    assert_accessible(page)

    assert browser_errors == []
