"""The home page: what a PTCE is, where to go next, and live counts of published poles."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from ptce.public.selectors import home_figures
from tests.poles.factories import PoleFactory
from tests.public.html import parse
from tests.territories.factories import RegionFactory


def test_home_calls_to_action_lead_where_they_say(client, db):
    page = parse(client.get(reverse("public:home")))

    links = {link.text: link.href for link in page.links}
    assert links["Trouver un pôle"] == reverse("poles:directory")
    assert links["Carte"] == reverse("public:map")
    assert links["Comprendre les PTCE"] == reverse("public:guide")
    assert links["Créer ou animer un pôle"] == reverse(
        "public:guide_page", kwargs={"slug": "etapes"}
    )
    assert links["Mon espace"] == reverse("core:dashboard")
    assert page.headings["h3"][:5] == [
        "Trouver un pôle",
        "Carte",
        "Comprendre les PTCE",
        "Créer ou animer un pôle",
        "Mon espace",
    ]


def test_home_explains_what_a_ptce_is_and_links_the_definition(client, db):
    response = client.get(reverse("public:home"))

    assertContains(response, "des entreprises de l’économie sociale et solidaire")
    assertContains(response, reverse("public:guide_page", kwargs={"slug": "definition"}))


def test_home_counts_only_published_poles_and_their_regions(client, db):
    occitanie = RegionFactory(code="76", name="Occitanie")
    bretagne = RegionFactory(code="53", name="Bretagne")
    corse = RegionFactory(code="94", name="Corse")
    PoleFactory.create_batch(2, region=occitanie, is_published=True)
    PoleFactory(region=bretagne, is_published=True)
    PoleFactory.create_batch(4, region=corse, is_published=False)
    PoleFactory(region=bretagne, is_published=False)

    response = client.get(reverse("public:home"))

    assertContains(
        response,
        '<p id="chiffre-poles"><strong class="fr-h1">3</strong><br>pôles publiés</p>',
        html=True,
    )
    assertContains(
        response,
        '<p id="chiffre-regions"><strong class="fr-h1">2</strong><br>régions couvertes</p>',
        html=True,
    )


def test_home_says_so_when_no_pole_is_published(client, db):
    PoleFactory(is_published=False)

    response = client.get(reverse("public:home"))

    assertContains(response, "Aucun pôle n’est encore publié sur la plateforme.")
    assertNotContains(response, 'id="chiffre-poles"')


def test_home_uses_the_singular_for_one_pole(client, db):
    PoleFactory(is_published=True)

    response = client.get(reverse("public:home"))

    assertContains(
        response,
        '<p id="chiffre-poles"><strong class="fr-h1">1</strong><br>pôle publié</p>',
        html=True,
    )


def test_home_figures_count_poles_without_region_but_not_as_a_region(db):
    PoleFactory(region=None, is_published=True)

    assert home_figures() == {"poles": 1, "regions": 0}


def create_published_poles(number):
    for index in range(number):
        region = RegionFactory(code=f"{10 + index}", name=f"Région {index}")
        PoleFactory(region=region, is_published=True)


def selects(captured):
    return [
        query["sql"] for query in captured.captured_queries if query["sql"].startswith("SELECT")
    ]


# ATOMIC_REQUESTS wraps each request in a savepoint inside the test's transaction: 2 queries.
@pytest.mark.parametrize("number_of_poles", [1, 12])
def test_home_runs_one_aggregate_query_however_many_poles(
    client, db, django_assert_num_queries, number_of_poles
):
    create_published_poles(number_of_poles)

    with django_assert_num_queries(2 + 1) as captured:
        response = client.get(reverse("public:home"))

    assert response.status_code == 200
    [aggregate] = selects(captured)
    assert "COUNT(DISTINCT" in aggregate


@pytest.mark.parametrize("number_of_poles", [1, 12])
def test_home_for_a_signed_in_visitor_adds_only_the_session_and_user_queries(
    client_as, db, django_assert_num_queries, number_of_poles
):
    create_published_poles(number_of_poles)
    client = client_as("coordinator")

    with django_assert_num_queries(2 + 3) as captured:
        response = client.get(reverse("public:home"))

    assert response.status_code == 200
    assert len(selects(captured)) == 3
