"""The site search (/recherche/): published poles and member organisations, accents and case
ignored, grouped by type, in a fixed number of queries."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from ptce.organisations.models import LegalCategory
from ptce.poles.models import Sector
from tests.conftest import ROLES
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory, PlaceFactory, PoleFactory
from tests.public.html import parse
from tests.territories.factories import CommuneFactory, EpciFactory

URL = reverse("public:search")


def search(client, query, **params):
    return client.get(URL, {"q": query, **params})


def found(response, kind):
    """The names listed under the `kind` group ("poles" or "organisations")."""
    group = response.context["results"].groups.get(kind)
    return [item.name for item in group] if group is not None else []


# --- Who may search ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_visitor_can_search_and_sees_the_same_results(client_as, pole, role):
    response = search(client_as(role), "coteaux")

    assert response.status_code == 200
    assert parse(response).headings["h1"] == ["Rechercher"]
    assert found(response, "poles") == ["Pôle des Coteaux"]


def test_the_page_has_its_title_no_inline_code_and_headings_in_order(client, pole):
    MembershipFactory(pole=pole, organisation__name="Coteaux Solidaires")
    response = search(client, "coteaux")
    page = parse(response)

    assert page.title == "coteaux — Rechercher — PTCE"
    assert page.inline_styles == page.inline_scripts == 0
    assert page.headings["h2"] == ["Pôles (1)", "Organisations (1)"]
    assert page.headings["h3"] == ["Pôle des Coteaux", "Coteaux Solidaires"]


def test_the_search_page_renders_without_undefined_variables(client, pole, strict_templates):
    MembershipFactory(pole=pole, organisation__name="Coteaux Solidaires")

    for params in ({"q": "coteaux"}, {"q": "coteaux", "type": "poles"}, {"q": ""}, {"q": "x"}):
        content = client.get(URL, params).content.decode()
        assert "VARIABLE-INDEFINIE" not in content, params


# --- Accents, case, punctuation -------------------------------------------------------------


@pytest.mark.parametrize("query", ["economie", "ÉCONOMIE", "Economie", "économie"])
def test_accents_and_case_do_not_matter_in_a_pole_name(client, region, query):
    PoleFactory(name="Pôle Économie Solidaire", region=region)

    assert found(search(client, query), "poles") == ["Pôle Économie Solidaire"]


@pytest.mark.parametrize("query", ["oeuvre economique", "OEUVRE ÉCONOMIQUE"])
def test_accents_ligatures_and_case_do_not_matter_in_a_summary(client, region, query):
    PoleFactory(name="Les Fabriques", summary="Une Œuvre ÉCONOMIQUE et sociale", region=region)

    assert found(search(client, query), "poles") == ["Les Fabriques"]


@pytest.mark.parametrize("query", ["ST MALO", "saint-malo", "Saint Malo", "st-malo"])
def test_a_commune_of_the_territory_is_found_however_it_is_typed(client, region, query):
    pole = PoleFactory(name="Pôle d’Émeraude", region=region)
    pole.territory_communes.add(CommuneFactory(code="35288", name="Saint-Malo"))
    PoleFactory(name="Pôle sans commune", region=region)

    assert found(search(client, query), "poles") == ["Pôle d’Émeraude"]


def test_a_commune_of_an_epci_of_the_territory_finds_the_pole(client, region):
    epci = EpciFactory(name="Saint-Malo Agglomération")
    CommuneFactory(code="35049", name="Cancale", epci=epci)
    pole = PoleFactory(name="Pôle d’Émeraude", region=region)
    pole.territory_epcis.add(epci)

    assert found(search(client, "cancale"), "poles") == ["Pôle d’Émeraude"]


def test_the_commune_of_a_place_finds_the_pole(client, region):
    pole = PoleFactory(name="Pôle du Lauragais", region=region)
    PlaceFactory(pole=pole, commune=CommuneFactory(code="31582", name="Villefranche-de-Lauragais"))

    assert found(search(client, "villefranche de lauragais"), "poles") == ["Pôle du Lauragais"]


def test_a_filiere_finds_the_poles_working_in_it(client, region):
    pole = PoleFactory(name="Pôle Vert", region=region)
    pole.sectors.add(Sector.objects.get(slug="energie"))
    PoleFactory(name="Pôle Gris", region=region)

    assert found(search(client, "energie"), "poles") == ["Pôle Vert"]


def test_every_word_must_be_found_somewhere_in_the_pole(client, region):
    pole = PoleFactory(name="Pôle Vert", summary="Ateliers partagés", region=region)
    pole.sectors.add(Sector.objects.get(slug="energie"))
    PoleFactory(name="Pôle Vert Bis", summary="Jardins", region=region)

    assert found(search(client, "vert énergie ateliers"), "poles") == ["Pôle Vert"]


def test_poles_whose_name_matches_come_before_the_others(client, region):
    PoleFactory(name="Alpha", summary="Un pôle de la forêt", region=region)
    PoleFactory(name="Zeta de la Forêt", region=region)

    assert found(search(client, "foret"), "poles") == ["Zeta de la Forêt", "Alpha"]


# --- Organisations ---------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["732 829 320 00074", "73282932000074", "732829320"])
def test_an_organisation_is_found_by_siret_with_or_without_spaces(client, pole, query):
    MembershipFactory(pole=pole, organisation__siret="73282932000074", organisation__name="Regie")

    response = search(client, query)

    assert found(response, "organisations") == ["Regie"]
    assert "732 829 320 00074" in response.content.decode()


def test_an_organisation_is_found_by_name_without_accents(client, pole):
    MembershipFactory(pole=pole, organisation__name="Régie de Quartier Émeraude")

    assert found(search(client, "regie EMERAUDE"), "organisations") == [
        "Régie de Quartier Émeraude"
    ]


def test_an_organisation_links_to_its_published_poles_only(client, pole, region):
    hidden = PoleFactory(name="Pôle caché", is_published=False, region=region)
    organisation = OrganisationFactory(name="Coop Partagée")
    MembershipFactory(pole=pole, organisation=organisation)
    MembershipFactory(pole=hidden, organisation=organisation)

    page = parse(search(client, "partagee"))

    # Linked from the organisation, and found itself by its member's name.
    assert {link.text for link in page.links_to(reverse("poles:detail", args=[pole.slug]))} == {
        "Pôle des Coteaux"
    }
    assert page.links_to(reverse("poles:detail", args=[hidden.slug])) == []
    assert "Pôle caché" not in str(page.links)


def test_only_current_members_of_published_poles_are_found(client, pole, region):
    hidden = PoleFactory(name="Pôle caché", is_published=False, region=region)
    MembershipFactory(pole=pole, organisation__name="Coop Membre")
    MembershipFactory(pole=hidden, organisation__name="Coop Du Pole Cache")
    MembershipFactory(pole=pole, organisation__name="Coop Partie", left_on="2024-01-01")
    OrganisationFactory(name="Coop Sans Pole")

    assert found(search(client, "coop"), "organisations") == ["Coop Membre"]


def test_natural_persons_are_never_listed(client, pole):
    MembershipFactory(
        pole=pole,
        organisation__name="Jeanne Martin",
        organisation__legal_category=LegalCategory.PERSONNE_PHYSIQUE,
        organisation__siret=None,
    )

    response = search(client, "jeanne martin")

    assert found(response, "organisations") == []
    assert "Jeanne Martin" not in response.content.decode()


def test_no_person_or_contact_is_shown(client, pole, coordinator):
    pole.contact_email = "contact@coteaux.fr"
    pole.save()
    MembershipFactory(pole=pole, organisation__name="Coteaux Solidaires")

    content = search(client, "coteaux").content.decode()

    assert "contact@coteaux.fr" not in content
    assert coordinator.email not in content


# --- Unpublished poles -------------------------------------------------------------------------


def test_an_unpublished_pole_is_never_found(client, region):
    pole = PoleFactory(name="Pôle Secret", summary="Secret", is_published=False, region=region)
    pole.sectors.add(Sector.objects.get(slug="textile"))
    pole.territory_communes.add(CommuneFactory(code="31555", name="Toulouse"))
    PlaceFactory(pole=pole, commune=CommuneFactory(code="31069", name="Blagnac"))

    for query in ("secret", "textile", "toulouse", "blagnac"):
        response = search(client, query)
        assert found(response, "poles") == [], query
        assert "Pôle Secret" not in response.content.decode(), query


# --- Short queries ------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "a", "  É ", "'-"])
def test_an_empty_or_one_character_query_explains_and_reads_no_data(
    client, db, django_assert_num_queries, query
):
    with django_assert_num_queries(2):  # the request's SAVEPOINT and RELEASE only
        response = search(client, query)

    assert response.status_code == 200
    assert response.context["results"].too_short
    assert "Saisissez" in response.content.decode()


def test_a_two_character_query_searches(client, region):
    PoleFactory(name="Pôle AB", region=region)

    assert found(search(client, "ab"), "poles") == ["Pôle AB"]


# --- Grouping, preview and pages --------------------------------------------------------------


def _many(pole, region, count):
    for n in range(count):
        PoleFactory(name=f"Ruche pôle {n:03d}", region=region)
        MembershipFactory(pole=pole, organisation__name=f"Ruche organisation {n:03d}")


def test_results_are_grouped_with_counts_and_a_link_to_see_more(client, pole, region):
    _many(pole, region, 12)

    response = search(client, "ruche")
    results = response.context["results"]

    # The 12 « Ruche » poles, and the pole whose members are « Ruche » organisations.
    assert results.total == 25
    assert results.groups["poles"].paginator.count == 13
    assert len(found(response, "poles")) == 10
    assert len(found(response, "organisations")) == 10
    page = parse(response)
    assert page.headings["h2"] == ["Pôles (13)", "Organisations (12)"]
    assert [link.text for link in page.links_to("?q=ruche&type=poles")] == ["Voir les 13 pôles"]
    assert [link.text for link in page.links_to("?q=ruche&type=organisations")] == [
        "Voir les 12 organisations"
    ]


def test_one_group_is_paginated_on_its_own(client, pole, region):
    _many(pole, region, 25)

    first = search(client, "ruche", type="organisations")
    second = search(client, "ruche", type="organisations", page=2)

    assert list(first.context["results"].groups) == ["organisations"]
    assert len(found(first, "organisations")) == 20
    assert found(second, "organisations") == [
        f"Ruche organisation {n:03d}" for n in (20, 21, 22, 23, 24)
    ]
    assert parse(first).links_to("?q=ruche&type=organisations&page=2")
    assert parse(first).links_to("?q=ruche")  # back to both groups


def test_an_unknown_type_shows_both_groups(client, pole):
    response = search(client, "coteaux", type="personnes")

    assert list(response.context["results"].groups) == ["poles", "organisations"]


# --- Query counts -------------------------------------------------------------------------------


def _rich_poles(region, count, start=0):
    energie, textile = Sector.objects.filter(slug__in=["energie", "textile"])
    commune = CommuneFactory(code="31555", name="Toulouse")
    for n in range(start, start + count):
        pole = PoleFactory(name=f"Pôle Coop {n:03d}", region=region)
        pole.sectors.add(energie, textile)
        pole.territory_communes.add(commune)
        PlaceFactory(pole=pole, commune=commune)
        MembershipFactory(pole=pole, organisation__name=f"Coop {n:03d}")
        organisation = pole.memberships.get().organisation
        MembershipFactory(pole=PoleFactory(region=region), organisation=organisation)


# Besides the request's SAVEPOINT and RELEASE: the filières (poles only), then per group its
# count, its page and one prefetch (filières of the poles, published poles of the
# organisations); the poles' group adds the forgiving search's index (7, cached until a pole or
# an organisation changes) and the commune the words may name (4).
@pytest.mark.parametrize(
    ("params", "queries"),
    [
        ({}, 2 + 1 + 3 + 3 + 7 + 4),
        ({"type": "poles"}, 2 + 1 + 3 + 7 + 4),
        ({"type": "organisations"}, 2 + 3),
    ],
)
def test_the_query_count_does_not_grow_with_the_matches(
    client, region, django_assert_num_queries, params, queries
):
    _rich_poles(region, 10)
    cache.clear()
    with django_assert_num_queries(queries):
        search(client, "coop", **params)

    _rich_poles(region, 90, start=10)
    cache.clear()
    with django_assert_num_queries(queries):
        response = search(client, "coop", **params)

    assert response.context["results"].total >= 100
