"""The guide: an index of every page, faithful content, stable slugs, and a way through."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from ptce.public.guide import GUIDE_PAGES, get_guide_page, guide_neighbours
from tests.public.html import parse

ART_9 = (
    "«&nbsp;Les pôles territoriaux de coopération économique sont constitués par le "
    "regroupement sur "
    "un même territoire d'entreprises de l'économie sociale et solidaire, au sens de l'article 1er "
    "de la présente loi, qui s'associent à des entreprises, en lien avec des collectivités "
    "territoriales et leurs groupements, des centres de recherche, des établissements "
    "d'enseignement supérieur et de recherche, des organismes de formation ou toute autre "
    "personne physique ou morale pour mettre en œuvre une stratégie commune et continue de "
    "mutualisation, de coopération ou de partenariat au service de projets économiques et "
    "sociaux innovants, socialement ou technologiquement, et porteurs d'un développement local "
    "durable.&nbsp;»"
)

# What each page must say, in the words of the source document.
KEY_CONTENT = {
    "definition": [
        "Le concept des pôles territoriaux de coopération économique (PTCE) a émergé à partir "
        "de 2009",
        "le CNCRESS, le Coorace, le MES et le RTES",
        "dite loi «&nbsp;Hamon&nbsp;»",
    ],
    "historique": [
        "un premier appel à projets en 2013",
        "l’appel à projets de 2016",
        "en 2021, puis en 2022",
        "70 % des PTCE répondent à des besoins non traités du territoire et de ses habitants",
    ],
    "objectifs": [
        "un modèle économique endogène",
        "compétences non délocalisables",
        "mutualiser des ressources, des compétences et des financements",
        "rechercher une taille critique pour répondre à une demande croissante",
    ],
    "echelle": [
        "un projet local mené par des acteurs locaux",
        "aussi bien autour d’un bassin de vie que d’un département",
    ],
    "parties-prenantes": [
        "Les entreprises",
        "Les associations",
        "Les collectivités",
        "Les SCIC",
        "Les universités",
        "toute structure qui existe pour faire vivre les objectifs de l’ESS",
    ],
    "etapes": [
        "Réunir les volontaires",
        "Identifier les sujets sur lesquels co-construire ensemble et les croiser avec les "
        "besoins du territoire",
        "Préparer un plan d’action et candidater pour être reconnu comme PTCE par l’État",
    ],
    "conditions-de-reussite": [
        "Remettre de la cohérence",
        "Inclure la mutualisation des compétences et des ressources",
        "Encourager les approches transversales",
    ],
    "animation": [
        "L’animation des partenaires est un point central. Sa pérennité dans la durée est "
        "nécessaire pour stimuler les coopérations entre acteurs du territoire."
    ],
    "chiffres": [
        "Le Labo de l’ESS publie en 2017 la première étude des PTCE",
        "lancé en mai 2021, 107 lauréats",
        "bouquet de services",
        "16 lauréats parmi les 76 candidatures",
        "ouverte jusqu’à fin 2023",
        "70 % des PTCE répondent à des besoins non traités",
    ],
    "referentiel-ecarts": [
        "Il a été élaboré selon la méthode ECARTS.",
        "La bonne utilisation du référentiel nécessite l'usage des fiches techniques "
        "associées&nbsp;: "
        "lexique et feuille d'observation",
        "Construire et animer un processus territorial de coopération économique grappe, "
        "filière, lieu urbain ou rural",
        "*le mot «&nbsp;modèle économique&nbsp;» jugé trop idéologique",
    ],
    "ressources": ["Coorace", "Le Labo de l’ESS"],
}

ECARTS_CRITERIA = {
    "A": "Le PTCE dispose d'un lieu identifié et accessible ou de plusieurs lieux",
    "B": "Il valorise les ressources locales&nbsp;: naturelles, historiques (bâtiments), etc.",
    "C": "Il construit avec les pouvoirs publics locaux des partenariats décloisonnés",
    "D": "Le respect, la diversité, la confiance, la convivialité sont des valeurs en actes du "
    "vivre ensemble",
    "E": "Le projet est déployé (vision globale, finalités, objectifs) et la stratégie pilotée",
    "F": "Des actions collectives sont construites, utilisant les statuts de l'ESS",
    "H": "Il porte des innovations de produits et de services dans une perspective de DD",
    "I": "Il assure une veille économique, sociale et environnementale pour créer des passerelles",
}
ECARTS_OBJECTIVES = [
    "Cultiver et servir le territoire",
    "Élaborer et conduire un projet global basé sur la coopération",
    "Développer une économie intégrée à la vie du territoire",
    "Développer l'ancrage territorial, l'utilité du PTCE",
    "Contribuer à un développement local durable",
    "Tenir compte des autres acteurs du territoire",
    "S'appuyer sur une éthique et des valeurs affirmées",
    "Construire et conduire un projet stratégique à gouvernance partagée",
    "S'engager dans des coopérations et des mutualisations variées et innovantes",
    "Contribuer au dynamisme économique du territoire",
    "Mener une recherche développement innovante pour un développement durable du territoire",
    "Conjuguer l'économie avec le social et l'environnemental par des actions transversales",
]


def page_url(slug):
    return reverse("public:guide_page", kwargs={"slug": slug})


def test_the_guide_slugs_stay_the_ones_other_pages_link_to():
    assert [page.slug for page in GUIDE_PAGES] == [
        "definition",
        "historique",
        "objectifs",
        "echelle",
        "parties-prenantes",
        "etapes",
        "conditions-de-reussite",
        "animation",
        "chiffres",
        "referentiel-ecarts",
        "ressources",
    ]


def test_every_page_has_content_to_check():
    assert set(KEY_CONTENT) == {page.slug for page in GUIDE_PAGES}


def test_the_index_links_every_page_in_reading_order(client, db):
    index_url = reverse("public:guide")
    page = parse(client.get(index_url))

    links = [link for link in page.links if link.href.startswith(index_url)]
    pages = [link for link in links if link.href != index_url]
    assert [link.href for link in pages] == [page_url(item.slug) for item in GUIDE_PAGES]
    assert [link.text for link in pages] == [item.title for item in GUIDE_PAGES]


@pytest.mark.parametrize("slug", KEY_CONTENT)
def test_a_guide_page_says_what_the_source_says(client, db, slug):
    response = client.get(page_url(slug))

    assert parse(response).headings["h1"] == [get_guide_page(slug).title]
    for text in KEY_CONTENT[slug]:
        assertContains(response, text)


def test_the_definition_quotes_article_9_verbatim_in_a_dsfr_quote(client, db):
    response = client.get(page_url("definition"))

    assertContains(
        response,
        f"<blockquote><p>{ART_9}</p></blockquote>",
        html=True,
    )
    assertContains(response, '<figure class="fr-quote">')
    assertContains(
        response,
        "<cite>Loi n° 2014-856 du 31 juillet 2014 relative à l’économie sociale et "
        "solidaire</cite>",
        html=True,
    )


def test_the_three_steps_are_an_ordered_list_in_order(client, db):
    content = client.get(page_url("etapes")).content.decode()

    positions = [
        content.index(f"Étape {number} sur 3</span> {title}")
        for number, title in [
            (1, "Réunir les volontaires"),
            (2, "Identifier les sujets"),
            (3, "Préparer un plan d’action"),
        ]
    ]
    assert positions == sorted(positions)
    assert content.index('<ol class="fr-raw-list">') < positions[0]


def test_the_animation_point_is_a_dsfr_callout(client, db):
    response = client.get(page_url("animation"))

    assertContains(response, '<div class="fr-callout fr-icon-information-line">')


def test_the_objectives_list_does_not_repeat_the_source_duplicate(client, db):
    response = client.get(page_url("objectifs"))

    assertContains(response, "structurer une filière ou un secteur", count=1)


def test_the_ecarts_table_has_the_nine_criteria_and_twelve_objectives(client, db):
    response = client.get(page_url("referentiel-ecarts"))

    for letter, label in ECARTS_CRITERIA.items():
        assertContains(response, f"<strong>{letter}</strong> {label}")
    assertContains(response, "<strong>G</strong> Le fonctionnement économique et son efficacité")
    assertContains(response, "sont pérennisés")
    for objective in ECARTS_OBJECTIVES:
        assertContains(response, f">{objective}</th>")
    assertContains(response, "1 2 3 4 5", count=9)
    assertContains(response, 'href="#note-critere-g"')
    assertContains(response, 'id="note-critere-g"')


def test_the_resources_are_the_two_links_of_the_source(client, db):
    page = parse(client.get(page_url("ressources")))

    footer_licence = "https://github.com/etalab/licence-ouverte/blob/master/LO.md"
    external = [link for link in page.links if link.href.startswith("http")]
    external = [link for link in external if link.href != footer_licence]
    assert [link.href for link in external] == [
        "http://www.coorace.org/page/p%C3%B4les-territoriaux-coop%C3%A9ration-%C3%A9conomique-0",
        "https://www.lelabo-ess.org/poles-territoriaux-de-cooperation-economique-ptce",
    ]
    assert all("noopener" in link.rel for link in external)


@pytest.mark.parametrize("slug", ["inconnue", "Definition", "definition-et-loi"])
def test_an_unknown_guide_page_is_not_found(client, db, slug):
    assert client.get(page_url(slug)).status_code == 404


def test_the_first_page_leads_to_the_second_and_not_back(client, db):
    first, second = GUIDE_PAGES[0], GUIDE_PAGES[1]
    page = parse(client.get(page_url(first.slug)))

    [next_link] = [link for link in page.links if link.rel == "next"]
    assert next_link.href == page_url(second.slug)
    assert next_link.text == f"Suivant : {second.title}"
    assert not [link for link in page.links if link.rel == "prev"]


def test_the_last_page_leads_back_and_not_further(client, db):
    before_last, last = GUIDE_PAGES[-2], GUIDE_PAGES[-1]
    page = parse(client.get(page_url(last.slug)))

    [previous_link] = [link for link in page.links if link.rel == "prev"]
    assert previous_link.href == page_url(before_last.slug)
    assert not [link for link in page.links if link.rel == "next"]


def test_neighbours_follow_the_reading_order():
    for index, page in enumerate(GUIDE_PAGES[1:-1], start=1):
        assert guide_neighbours(page) == (GUIDE_PAGES[index - 1], GUIDE_PAGES[index + 1])


def test_a_guide_page_has_a_breadcrumb_back_to_the_guide(client, db):
    response = client.get(page_url("etapes"))
    home, guide = reverse("public:home"), reverse("public:guide")

    assertContains(
        response,
        f"""<ol class="fr-breadcrumb__list">
          <li><a class="fr-breadcrumb__link" href="{home}">Accueil</a></li>
          <li><a class="fr-breadcrumb__link" href="{guide}">Guide des PTCE</a></li>
          <li><a class="fr-breadcrumb__link" aria-current="page">Les étapes clés de la mise en
          place</a></li>
        </ol>""",
        html=True,
    )


def test_the_side_menu_marks_the_current_page_only(client, db):
    page = parse(client.get(page_url("chiffres")))

    # The header's « Guide » entry is current too: only the pages of the guide are counted.
    pages = {page_url(guide_page.slug) for guide_page in GUIDE_PAGES}
    current = [link.href for link in page.links if link.aria_current and link.href in pages]
    assert current == [page_url("chiffres")]
    assert {page_url(guide_page.slug) for guide_page in GUIDE_PAGES} <= page.hrefs()
