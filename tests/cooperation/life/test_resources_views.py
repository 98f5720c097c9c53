"""Shared resources pages: every view × role, forms, filters and query counts."""

import pytest
from django.urls import reverse

from ptce.cooperation.models import ResourceCategory, ResourceKind, SharedResource
from tests.conftest import ROLES
from tests.cooperation.factories import SharedResourceFactory
from tests.cooperation.life.helpers import INTERNAL_ACCESS, member_of

pytestmark = pytest.mark.django_db

PROPOSE_ACCESS = {**INTERNAL_ACCESS, "instructor": 403}
EDIT_OTHERS_ACCESS = {**PROPOSE_ACCESS, "member": 403}


def url(name, pole, *args):
    return reverse(f"cooperation:{name}", args=[pole.slug, *args])


def valid_post(membership, **overrides):
    return {
        "membership": membership.pk,
        "kind": ResourceKind.OFFER,
        "category": ResourceCategory.PREMISES,
        "title": "Bureau partagé",
        "description": "Deux postes de travail.",
        "available_from": "2025-03-01",
        "available_until": "2025-09-30",
        **overrides,
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_list_is_for_the_internal_space(client_as, role, pole):
    SharedResourceFactory(pole=pole, title="Camionnette")

    response = client_as(role).get(url("resources", pole))

    assert response.status_code == INTERNAL_ACCESS[role]
    if response.status_code == 200:
        assert "Camionnette" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_people_acting_for_a_member_and_coordinators_may_propose(client_as, role, pole):
    response = client_as(role).get(url("resource_create", pole))

    assert response.status_code == PROPOSE_ACCESS[role]


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_edit_a_resource_of_another_organisation(client_as, role, pole):
    resource = SharedResourceFactory(pole=pole)

    response = client_as(role).get(url("resource_edit", pole, resource.pk))

    assert response.status_code == EDIT_OTHERS_ACCESS[role]


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_deactivate_a_resource_of_another_organisation(client_as, role, pole):
    resource = SharedResourceFactory(pole=pole)

    response = client_as(role).post(url("resource_deactivate", pole, resource.pk))

    allowed = EDIT_OTHERS_ACCESS[role] == 200
    assert response.status_code == (302 if allowed else EDIT_OTHERS_ACCESS[role])
    resource.refresh_from_db()
    assert resource.is_active is not allowed


def test_a_member_publishes_an_offer_for_its_organisation(client_as, pole, member):
    membership = member.pole_roles.get().membership

    response = client_as("member").post(url("resource_create", pole), valid_post(membership))

    assert response.status_code == 302
    resource = SharedResource.objects.get()
    assert (resource.title, resource.membership, resource.created_by) == (
        "Bureau partagé",
        membership,
        member,
    )


def test_dates_in_the_wrong_order_get_a_french_message_and_nothing_is_written(
    client_as, pole, member
):
    membership = member.pole_roles.get().membership

    response = client_as("member").post(
        url("resource_create", pole), valid_post(membership, available_until="2025-01-01")
    )

    assert response.status_code == 200
    assert "postérieure ou égale à la date de début" in response.content.decode()
    assert not SharedResource.objects.exists()


def test_a_member_cannot_publish_for_another_organisation(client_as, pole, member):
    other = member_of(pole)

    response = client_as("member").post(url("resource_create", pole), valid_post(other))

    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not SharedResource.objects.exists()


def test_an_empty_form_is_refused_in_french(client_as, pole):
    response = client_as("coordinator").post(url("resource_create", pole), {})

    assert "Ce champ est obligatoire" in response.content.decode()
    assert not SharedResource.objects.exists()


def test_a_member_edits_and_deactivates_its_own_resource(client_as, pole, member):
    membership = member.pole_roles.get().membership
    resource = SharedResourceFactory(pole=pole, membership=membership)
    client = client_as("member")

    client.post(url("resource_edit", pole, resource.pk), valid_post(membership, title="Atelier"))
    client.post(url("resource_deactivate", pole, resource.pk))

    resource.refresh_from_db()
    assert (resource.title, resource.is_active) == ("Atelier", False)


def test_a_resource_of_another_pole_is_not_found(client_as, pole, other_pole):
    elsewhere = SharedResourceFactory(pole=other_pole)

    response = client_as("coordinator").get(url("resource_edit", pole, elsewhere.pk))

    assert response.status_code == 404


def test_the_list_filters_by_kind_and_category_and_hides_deactivated_ones(client_as, pole):
    SharedResourceFactory(pole=pole, title="Salle A", kind=ResourceKind.OFFER)
    SharedResourceFactory(
        pole=pole, title="Cherche camion", kind="demande", category=ResourceCategory.VEHICLE
    )
    SharedResourceFactory(pole=pole, title="Ancienne salle", is_active=False)
    client = client_as("member")

    offers = client.get(url("resources", pole), {"kind": "offre"}).content.decode()
    vehicles = client.get(url("resources", pole), {"category": "vehicule"}).content.decode()
    everything = client.get(url("resources", pole), {"inactive": "on"}).content.decode()

    assert "Salle A" in offers
    assert "Cherche camion" not in offers
    assert "Cherche camion" in vehicles
    assert "Salle A" not in vehicles
    assert "Ancienne salle" not in offers
    assert "Ancienne salle" in everything


def test_the_list_shows_edit_buttons_only_where_allowed(client_as, pole, member):
    SharedResourceFactory(pole=pole, membership=member.pole_roles.get().membership, title="Mien")
    other = SharedResourceFactory(pole=pole, title="Autre")

    html = client_as("member").get(url("resources", pole)).content.decode()

    assert url("resource_edit", pole, other.pk) not in html
    assert html.count("Modifier<span") == 1


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_runs_a_fixed_number_of_queries(
    client_as, pole, member, django_assert_num_queries, count
):
    client = client_as("member")
    for _ in range(count):
        SharedResourceFactory(pole=pole, created_by=member)

    # session, user, savepoints (2), pole, the person's access, count, page
    with django_assert_num_queries(8):
        response = client.get(url("resources", pole))

    assert response.status_code == 200


def test_a_member_edits_its_own_resource_published_for_another_organisation(
    client_as, pole, member
):
    other = member_of(pole)
    resource = SharedResourceFactory(pole=pole, membership=other, created_by=member)

    response = client_as("member").post(
        url("resource_edit", pole, resource.pk), valid_post(other, title="Nouveau titre")
    )

    assert response.status_code == 302
    resource.refresh_from_db()
    assert (resource.title, resource.membership) == ("Nouveau titre", other)


def test_a_coordinator_edits_a_resource_of_an_organisation_that_has_left(client_as, pole):
    gone = member_of(pole)
    resource = SharedResourceFactory(pole=pole, membership=gone)
    gone.left_on = "2025-01-01"
    gone.save()

    response = client_as("coordinator").post(
        url("resource_edit", pole, resource.pk), valid_post(gone, title="Archive")
    )

    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Archive"
