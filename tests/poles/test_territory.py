"""A pole's territory from a real list: a région alone places it (« territoire à préciser »),
names are taken as well as codes, and what cannot be settled is refused with its candidates."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from ptce.poles.services import pole_territory_set
from ptce.public.selectors_map import map_rows
from tests.poles.factories import PoleFactory
from tests.territories.factories import (
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def occitanie(region):
    region.latitude, region.longitude = 43.7, 2.1
    region.save()
    return region


@pytest.fixture
def ariege(occitanie):
    return DepartementFactory(code="09", name="Ariège", region=occitanie)


def post_territory(client, pole, **data):
    return client.post(reverse("poles:territory", args=[pole.slug]), data)


def test_a_region_alone_places_the_pole_at_region_level(client, coordinator, pole, occitanie):
    brittany = RegionFactory(code="53", name="Bretagne", latitude=48.2, longitude=-2.9)
    client.force_login(coordinator)

    response = post_territory(client, pole, region="53")

    assert response.status_code == 302
    pole.refresh_from_db()
    assert pole.region == brittany
    assert not pole.territory_departements.exists()
    assert not pole.covered_departements.exists()


def test_a_region_only_pole_stands_at_its_regions_point_on_the_map(occitanie):
    pole = PoleFactory(name="Pôle sans communes", region=occitanie)
    pole_territory_set(pole=pole, region=occitanie, version=pole.version)

    [row] = map_rows(type(pole).objects.filter(pk=pole.pk))

    assert (row["lat"], row["lon"]) == (43.7, 2.1)
    assert row["region_code"] == "76"


def test_a_region_only_pole_is_in_its_region_instructors_lists(
    client, instructor, other_instructor, occitanie
):
    pole = PoleFactory(name="Pôle à préciser", region=None, is_published=False)
    pole.verification = "declare"
    pole.save()
    pole_territory_set(pole=pole, region=occitanie, version=pole.version)

    client.force_login(instructor)
    dashboard = client.get(reverse("core:dashboard"))
    assertContains(dashboard, "Pôle à préciser")
    assertContains(dashboard, "Territoire à préciser")
    verification = client.get(reverse("poles:verification", args=[pole.slug]))
    assert verification.status_code == 200
    assertContains(verification, "Territoire à préciser")

    client.force_login(other_instructor)
    assertNotContains(client.get(reverse("core:dashboard")), "Pôle à préciser")


def test_the_coordinators_overview_says_the_territory_is_to_be_specified(
    client, coordinator, pole, occitanie
):
    pole.territory_departements.clear()
    client.force_login(coordinator)
    post_territory(client, pole, region="76")

    overview = client.get(reverse("poles:manage", args=[pole.slug]))

    assertContains(overview, "Territoire à préciser")
    page = client.get(reverse("poles:territory", args=[pole.slug]))
    assertContains(page, '<option value="76" selected>Occitanie</option>', html=True)


def test_the_overview_of_a_pole_with_communes_has_no_such_flag(client, coordinator, pole):
    CommuneFactory(code="31555", name="Toulouse")
    client.force_login(coordinator)
    post_territory(client, pole, communes="Toulouse")

    assertNotContains(client.get(reverse("poles:manage", args=[pole.slug])), "à préciser")


def test_a_main_region_outside_the_territory_is_refused_and_nothing_changes(
    client, coordinator, pole
):
    RegionFactory(code="53", name="Bretagne")
    CommuneFactory(code="31555", name="Toulouse")
    client.force_login(coordinator)

    response = post_territory(client, pole, region="53", communes="31555")

    assertContains(
        response, "La région principale est l’une de celles du territoire\xa0: Occitanie."
    )
    pole.refresh_from_db()
    assert pole.region_id == "76"
    assert not pole.territory_communes.exists()


def test_the_form_takes_names_of_communes_epci_and_departements(client, coordinator, pole, ariege):
    saint_girons = CommuneFactory(code="09261", name="Saint-Girons", departement=ariege)
    couserans = EpciFactory(code="200067940", name="CC Couserans-Pyrénées")
    client.force_login(coordinator)

    response = post_territory(
        client,
        pole,
        communes="St Girons",
        epcis="Communauté de communes Couserans-Pyrénées",
        departements="Ariege",
    )

    assert response.status_code == 302
    assert list(pole.territory_communes.all()) == [saint_girons]
    assert list(pole.territory_epcis.all()) == [couserans]
    assert list(pole.territory_departements.all()) == [ariege]


def test_a_misspelt_commune_is_refused_with_the_close_name_to_choose(client, coordinator, pole):
    CommuneFactory(code="31555", name="Toulouse")
    client.force_login(coordinator)

    response = post_territory(client, pole, communes="Toulose")

    assertContains(
        response,
        "«\xa0Toulose\xa0»\xa0: commune introuvable. Vouliez-vous dire\xa0: "
        "Toulouse — Haute-Garonne (31), code INSEE 31555\xa0?",
    )
    assert not pole.territory_communes.exists()


def test_homonyms_are_listed_those_of_the_departement_given_first(
    client, coordinator, pole, ariege
):
    CommuneFactory(code="31056", name="Beaumont", population=100)
    CommuneFactory(code="09050", name="Beaumont", departement=ariege, population=50)
    normandie = RegionFactory(code="28", name="Normandie")
    manche = DepartementFactory(code="50", name="Manche", region=normandie)
    beaumont_50 = CommuneFactory(code="50041", name="Beaumont", departement=manche)
    CommuneFactory(code="31057", name="Beaumont-sur-Lèze", population=1500)
    client.force_login(coordinator)

    response = post_territory(client, pole, communes="Beaumont")
    text = response.content.decode()
    assertContains(response, "«\xa0Beaumont\xa0»\xa0: plusieurs communes possibles")
    # The pole's région (Occitanie) first: its homonyms by population, then its longer
    # official name, then the homonym of another région.
    assert text.index("code INSEE 31056") < text.index("code INSEE 09050")
    assert text.index("code INSEE 09050") < text.index("Beaumont-sur-Lèze")
    assert text.index("Beaumont-sur-Lèze") < text.index("code INSEE 50041")

    response = post_territory(client, pole, communes="Beaumont", departements="50")
    assert response.status_code == 302
    assert list(pole.territory_communes.all()) == [beaumont_50]


def test_an_epci_typed_among_the_communes_is_offered_as_such(client, coordinator, pole):
    EpciFactory(code="200067940", name="CC Couserans-Pyrénées")
    client.force_login(coordinator)

    response = post_territory(client, pole, communes="Communauté de communes du Couserans")

    assertContains(response, "Ce texte désigne peut-être\xa0: l’EPCI CC Couserans-Pyrénées")


def test_codes_on_one_line_and_a_former_multiple_select_still_work(
    client, coordinator, pole, ariege
):
    CommuneFactory(code="31555", name="Toulouse")
    CommuneFactory(code="31069", name="Blagnac")
    client.force_login(coordinator)

    response = post_territory(client, pole, communes="31555, 31069", departements=["09", "31"])

    assert response.status_code == 302
    assert set(pole.territory_communes.values_list("code", flat=True)) == {"31555", "31069"}
    assert set(pole.territory_departements.values_list("code", flat=True)) == {"09", "31"}


def test_homonyms_of_the_poles_region_come_first_when_no_region_is_chosen(
    client, coordinator, pole, ariege
):
    normandie = RegionFactory(code="28", name="Normandie")
    manche = DepartementFactory(code="50", name="Manche", region=normandie)
    CommuneFactory(code="50041", name="Beaumont", departement=manche, population=9000)
    beaumont_09 = CommuneFactory(code="09050", name="Beaumont", departement=ariege)
    client.force_login(coordinator)

    response = post_territory(client, pole, communes="Beaumont")

    assert response.status_code == 302
    assert list(pole.territory_communes.all()) == [beaumont_09]


def test_a_name_of_another_region_with_a_longer_one_in_the_region_asks_which(
    client, coordinator, pole
):
    idf = RegionFactory(code="11", name="Île-de-France")
    essonne = DepartementFactory(code="91", name="Essonne", region=idf)
    bfc = RegionFactory(code="27", name="Bourgogne-Franche-Comté")
    yonne = DepartementFactory(code="89", name="Yonne", region=bfc)
    CommuneFactory(code="89162", name="Évry", departement=yonne)
    CommuneFactory(code="91228", name="Évry-Courcouronnes", departement=essonne)
    client.force_login(coordinator)

    response = post_territory(client, pole, communes="Evry", region="11")

    assertContains(
        response, "«\xa0Evry\xa0»\xa0: plusieurs communes possibles — Évry-Courcouronnes"
    )
    assert not pole.territory_communes.exists()


def test_the_public_page_of_a_region_only_pole_says_its_territory_is_to_be_specified(
    client, pole, occitanie
):
    pole_territory_set(pole=pole, region=occitanie, version=pole.version)  # nothing else

    response = client.get(reverse("poles:detail", args=[pole.slug]))

    assertContains(response, "Région Occitanie — territoire à préciser.")
