"""Match suggestions between offers and requests, inside the pole and with its neighbours."""

import datetime

import pytest
from django.urls import reverse

from ptce.cooperation.life import matching
from ptce.cooperation.models import ResourceCategory, ResourceKind
from ptce.poles.models import Pole, Verification
from tests.conftest import ROLES
from tests.cooperation.factories import SharedResourceFactory
from tests.cooperation.life.helpers import INTERNAL_ACCESS, member_of
from tests.poles.factories import PoleFactory
from tests.territories.factories import DepartementFactory, RegionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 1)
OFFER, REQUEST = ResourceKind.OFFER, ResourceKind.REQUEST


def day(month, dd=1, year=2025):
    return datetime.date(year, month, dd)


def resource(pole, kind, category=ResourceCategory.PREMISES, membership=None, **kwargs):
    membership = membership or member_of(pole)
    return SharedResourceFactory(
        pole=pole, membership=membership, kind=kind, category=category, **kwargs
    )


@pytest.fixture
def haute_garonne(pole):
    departement = DepartementFactory(code="31", region=pole.region)
    pole.covered_departements.add(departement)
    return departement


def neighbour(departement=None, region=None, **kwargs):
    other = PoleFactory(region=region or (departement.region if departement else None), **kwargs)
    if departement:
        other.covered_departements.add(departement)
    return other


def test_overlap_treats_a_missing_date_as_open():
    assert matching.overlap(None, None, None, None) == (None, None)
    assert matching.overlap(day(1), day(6), day(3), None) == (day(3), day(6))
    assert matching.overlap(day(1), day(2), day(3), day(4)) is None
    assert matching.overlap(day(1), day(3), day(3), day(4)) == (day(3), day(3))


def test_an_offer_and_a_request_of_the_same_category_with_overlapping_dates_match(pole):
    offer = resource(pole, OFFER, available_from=day(5), available_until=day(9))
    request = resource(pole, REQUEST, available_from=day(7))

    [match] = matching.suggest_matches(pole, today=TODAY)

    assert (match.offer, match.request) == (offer, request)
    assert match.explanation == (
        "même catégorie (locaux), disponible aux mêmes dates (du 1er juillet 2025 au "
        "1er septembre 2025), dans le pôle"
    )


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"category": ResourceCategory.VEHICLE},
        {"available_from": day(10)},
        {"is_active": False},
        {"available_until": day(5, 31)},  # expired before today
    ],
    ids=["other category", "no common dates", "inactive", "expired"],
)
def test_no_match_when_something_differs(pole, request_kwargs):
    resource(pole, OFFER, available_until=day(9))
    resource(pole, REQUEST, **request_kwargs)

    assert matching.suggest_matches(pole, today=TODAY) == []


def test_an_organisation_is_not_matched_with_itself(pole):
    membership = member_of(pole)
    resource(pole, OFFER, membership=membership)
    resource(pole, REQUEST, membership=membership)

    assert matching.suggest_matches(pole, today=TODAY) == []


def test_neighbours_come_after_the_pole_first_same_departement_then_same_region(
    pole, haute_garonne
):
    request = resource(pole, REQUEST)
    in_pole = resource(pole, OFFER)
    same_departement = neighbour(haute_garonne, name="Pôle du Lauragais")
    same_region = neighbour(region=pole.region, name="Pôle des Causses")
    far = neighbour(DepartementFactory(code="29", region=RegionFactory(code="53")))
    from_departement = resource(same_departement, OFFER)
    from_region = resource(same_region, OFFER)
    resource(far, OFFER)

    matches = matching.suggest_matches(pole, today=TODAY)

    assert [(m.offer, m.request) for m in matches] == [
        (in_pole, request),
        (from_departement, request),
        (from_region, request),
    ]
    assert matches[1].explanation.endswith("pôle voisin dans le même département")
    assert matches[2].explanation.endswith("pôle voisin dans la même région")


def test_unpublished_neighbours_are_not_suggested(pole, haute_garonne):
    resource(pole, REQUEST)
    resource(neighbour(haute_garonne, is_published=False), OFFER)

    assert matching.suggest_matches(pole, today=TODAY) == []


def test_a_pole_nobody_verified_sees_nothing_of_its_neighbours(
    client_as, pole, haute_garonne, coordinator
):
    """Issue « Trust », finding 1: a self-declared pole saw its neighbours' resources."""
    Pole.objects.filter(pk=pole.pk).update(is_published=False, verification=Verification.DECLARED)
    pole.refresh_from_db()
    resource(pole, REQUEST)
    resource(neighbour(haute_garonne), OFFER, title="Atelier partagé du voisin")

    assert matching.suggest_matches(pole, today=TODAY) == []
    page = client_as("coordinator").get(reverse("cooperation:resource_matches", args=[pole.slug]))
    assert "Atelier partagé du voisin" not in page.content.decode()
    assert "quand un instructeur de votre région a vérifié le pôle" in page.content.decode()


def test_neighbours_requests_match_the_poles_offers(pole, haute_garonne):
    offer = resource(pole, OFFER, category=ResourceCategory.SKILLS)
    wanted = resource(neighbour(haute_garonne), REQUEST, category=ResourceCategory.SKILLS)

    [match] = matching.suggest_matches(pole, today=TODAY)

    assert (match.offer, match.request) == (offer, wanted)
    assert match.action_type == "mutualisation_competences"


def test_dated_matches_come_before_open_ended_ones_at_the_same_distance(pole):
    request = resource(pole, REQUEST)
    open_ended = resource(pole, OFFER)
    dated = resource(pole, OFFER, available_until=day(12))

    assert [m.offer for m in matching.suggest_matches(pole, today=TODAY)] == [dated, open_ended]
    assert request


def test_suggestions_are_bounded(pole):
    for _ in range(4):
        resource(pole, REQUEST)
        resource(pole, OFFER)

    assert len(matching.suggest_matches(pole, today=TODAY, limit=5)) == 5


@pytest.mark.parametrize("neighbours", [1, 8])
def test_suggestions_take_two_queries_however_many_neighbours(
    pole, haute_garonne, django_assert_num_queries, neighbours
):
    resource(pole, REQUEST)
    resource(pole, OFFER)
    for _ in range(neighbours):
        resource(neighbour(haute_garonne), OFFER)

    with django_assert_num_queries(2):
        matches = matching.suggest_matches(pole, today=TODAY)
        [m.offer.membership.organisation.name for m in matches]
        [m.request.pole.name for m in matches]

    assert len(matches) == 1 + neighbours


def test_the_action_link_is_prefilled_with_title_type_and_participants(pole):
    offer = resource(pole, OFFER, title="Camion frigorifique", category=ResourceCategory.VEHICLE)
    wanted = resource(pole, REQUEST, category=ResourceCategory.VEHICLE)
    [match] = matching.suggest_matches(pole)

    url = matching.action_url("/poles/x/actions/ajouter/", match)

    assert url == (
        "/poles/x/actions/ajouter/?titre=Mutualisation+%3A+Camion+frigorifique"
        f"&type=mutualisation_ressources&participants={offer.membership_id}"
        f"&participants={wanted.membership_id}"
    )
    assert matching.action_url(None, match) is None


def test_the_action_link_leaves_out_participants_from_another_pole(pole, haute_garonne):
    resource(pole, OFFER, category=ResourceCategory.FUNDING, title="Piste FEDER")
    resource(neighbour(haute_garonne), REQUEST, category=ResourceCategory.FUNDING)
    [match] = matching.suggest_matches(pole)

    assert matching.action_url("/a/", match) == (
        "/a/?titre=Mutualisation+%3A+Piste+FEDER&type=mutualisation_financements"
    )


def test_the_button_opens_the_action_plans_form_for_coordinators(client_as, pole):
    resource(pole, OFFER)
    resource(pole, REQUEST)
    [match] = matching.suggest_matches(pole)

    url = matching.action_url(matching.action_create_base_url(pole), match)

    assert url.startswith(f"/poles/{pole.slug}/actions/ajouter/?titre=")
    assert client_as("coordinator").get(url).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_the_matches_page_is_for_the_internal_space(client_as, role, pole):
    response = client_as(role).get(reverse("cooperation:resource_matches", args=[pole.slug]))

    assert response.status_code == INTERNAL_ACCESS[role]


def test_the_action_form_is_the_action_plans_add_form(pole):
    assert matching.action_create_base_url(pole) == reverse(
        "cooperation:action_add", args=[pole.slug]
    )


def test_coordinators_see_a_button_to_create_the_action(client_as, pole):
    resource(pole, OFFER, title="Salle de réunion")
    resource(pole, REQUEST)

    page = client_as("coordinator").get(reverse("cooperation:resource_matches", args=[pole.slug]))

    html = page.content.decode()
    assert "Salle de réunion" in html
    assert "actions/ajouter/?titre=Mutualisation+%3A+Salle+de+r%C3%A9union" in html
    assert "type=mutualisation_ressources" in html


def test_members_see_the_suggestions_without_the_action_button(client_as, pole):
    resource(pole, OFFER, title="Salle de réunion")
    resource(pole, REQUEST)

    html = (
        client_as("member")
        .get(reverse("cooperation:resource_matches", args=[pole.slug]))
        .content.decode()
    )

    assert "Salle de réunion" in html
    assert "Créer une action" not in html
