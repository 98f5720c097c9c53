"""The accessibility statement (RGAA model) and the legal notice say what they must."""

from django.urls import reverse
from pytest_django.asserts import assertContains

from ptce.public.views import ACCESSIBILITY_CONTACT_EMAIL
from tests.public.html import parse


def test_accessibility_statement_declares_the_site_non_compliant_for_lack_of_audit(client, db):
    response = client.get(reverse("public:accessibility"))

    assertContains(
        response,
        "<p>La plateforme PTCE est <strong>non conforme</strong> avec le référentiel général "
        "d’amélioration de l’accessibilité (RGAA), version 4.1&nbsp;: aucun audit de conformité "
        "n’a encore été réalisé.</p>",
        html=True,
    )
    assertContains(response, "article 47 de la loi n° 2005-102 du 11 février 2005")


def test_accessibility_statement_has_the_sections_of_the_rgaa_model(client, db):
    page = parse(client.get(reverse("public:accessibility")))

    assert page.headings["h2"] == [
        "État de conformité",
        "Vérifications menées",
        "Contenus non accessibles",
        "Établissement de cette déclaration",
        "Retour d’information et contact",
        "Voies de recours",
    ]


def test_accessibility_statement_says_what_was_tested_and_what_is_known_to_fail(client, db):
    response = client.get(reverse("public:accessibility"))

    assertContains(response, "axe-core")
    assertContains(response, "navigation au clavier")
    assertContains(response, "La carte des pôles nécessite JavaScript")
    assertContains(response, f'href="{reverse("poles:directory")}"')


def test_accessibility_statement_gives_a_contact_and_the_defenseur_des_droits(client, db):
    response = client.get(reverse("public:accessibility"))

    assert ACCESSIBILITY_CONTACT_EMAIL == "accessibilite@ptce.example"
    assertContains(
        response,
        f'<a href="mailto:{ACCESSIBILITY_CONTACT_EMAIL}">{ACCESSIBILITY_CONTACT_EMAIL}</a>',
        html=True,
    )
    assertContains(response, "Cette adresse est provisoire")
    assertContains(response, "Défenseur des droits")
    assertContains(response, "Libre réponse 71120")


def test_accessibility_statement_is_dated(client, db):
    response = client.get(reverse("public:accessibility"))

    assertContains(response, "Cette déclaration a été établie le 26 novembre 2026.")


def test_the_footer_links_the_statement_with_its_status(client, db):
    page = parse(client.get(reverse("public:home")))

    [link] = page.links_to(reverse("public:accessibility"))
    assert link.text == "Accessibilité : non conforme"


def test_legal_notice_says_the_dsfr_is_reserved_to_state_services(client, db):
    response = client.get(reverse("public:legal"))

    assertContains(
        response,
        "L’usage du DSFR est réservé aux sites de l’État&nbsp;; un opérateur non étatique doit "
        "remplacer le thème.",
    )


def test_legal_notice_leaves_editor_and_host_to_the_operator(client, db):
    page = parse(client.get(reverse("public:legal")))
    response = client.get(reverse("public:legal"))

    assert page.headings["h2"][:3] == ["Éditeur", "Hébergement", "Licences"]
    assertContains(response, "À compléter par l’opérateur du service", count=2)


def test_legal_notice_gives_the_licences_and_the_personal_data_summary(client, db):
    response = client.get(reverse("public:legal"))

    assertContains(response, "licence etalab-2.0")
    assertContains(response, "licence libre&nbsp;: voir le dépôt du projet")
    assertContains(response, "l’adresse électronique, le nom et le prénom")
    assertContains(response, "Aucun cookie de mesure d’audience ni de suivi n’est utilisé.")
