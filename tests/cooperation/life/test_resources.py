"""Shared resources: who may publish and edit them, and what the services refuse."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from ptce.cooperation.life import perms
from ptce.cooperation.life.services import resource_create, resource_set_active, resource_update
from ptce.cooperation.models import ResourceCategory, ResourceKind, SharedResource
from ptce.poles.models import PersonRole
from tests.cooperation.factories import SharedResourceFactory
from tests.cooperation.life.helpers import member_of
from tests.poles.factories import PolePersonFactory

pytestmark = pytest.mark.django_db


def fields(**overrides):
    return {
        "kind": ResourceKind.OFFER,
        "category": ResourceCategory.EQUIPMENT,
        "title": "Imprimante 3D",
        "description": "",
        "available_from": datetime.date(2025, 3, 1),
        "available_until": datetime.date(2025, 6, 30),
        **overrides,
    }


def test_a_member_publishes_an_offer_for_its_organisation(pole, member):
    membership = member.pole_roles.get().membership

    resource = resource_create(pole=pole, membership=membership, created_by=member, **fields())

    assert resource.is_active
    assert (resource.pole, resource.membership, resource.created_by) == (pole, membership, member)


def test_availability_dates_in_the_wrong_order_are_refused_and_nothing_is_written(pole, member):
    membership = member.pole_roles.get().membership

    with pytest.raises(ValidationError) as error:
        resource_create(
            pole=pole,
            membership=membership,
            created_by=member,
            **fields(available_from=datetime.date(2025, 7, 1)),
        )

    assert error.value.message_dict["available_until"] == [
        "La date de fin de disponibilité doit être postérieure ou égale à la date de début."
    ]
    assert not SharedResource.objects.exists()


def test_an_update_with_dates_in_the_wrong_order_changes_nothing(pole):
    resource = SharedResourceFactory(pole=pole, available_from=datetime.date(2025, 1, 1))

    with pytest.raises(ValidationError):
        resource_update(resource=resource, available_until=datetime.date(2024, 12, 31))

    resource.refresh_from_db()
    assert resource.available_until is None


def test_a_resource_cannot_be_published_for_an_organisation_of_another_pole(pole, other_pole):
    stranger = member_of(other_pole)

    with pytest.raises(ValidationError) as error:
        resource_create(pole=pole, membership=stranger, created_by=None, **fields())

    assert "n’est pas membre de ce pôle" in error.value.messages[0]
    assert not SharedResource.objects.exists()


def test_a_resource_is_deactivated_then_reactivated(pole):
    resource = SharedResourceFactory(pole=pole)

    resource_set_active(resource=resource, is_active=False)
    assert not SharedResource.objects.get().is_active
    resource_set_active(resource=resource, is_active=True)
    assert SharedResource.objects.get().is_active


def test_members_with_an_organisation_and_coordinators_may_propose(
    pole, member, coordinator, instructor, outsider, admin_user
):
    assert perms.can_propose_resource(member, pole)
    assert perms.can_propose_resource(coordinator, pole)
    assert perms.can_propose_resource(admin_user, pole)
    assert not perms.can_propose_resource(instructor, pole)
    assert not perms.can_propose_resource(outsider, pole)


def test_a_person_of_the_pole_without_an_organisation_cannot_propose(pole):
    person = PolePersonFactory(pole=pole, role=PersonRole.MEMBER, membership=None).user

    assert not perms.can_propose_resource(person, pole)
    assert list(perms.resource_memberships(person, pole)) == []


def test_a_member_publishes_only_for_its_own_organisation_a_coordinator_for_any(
    pole, member, coordinator
):
    own = member.pole_roles.get().membership
    other = member_of(pole)

    assert list(perms.resource_memberships(member, pole)) == [own]
    assert set(perms.resource_memberships(coordinator, pole)) == {own, other}


def test_a_member_edits_what_its_organisation_published_not_the_others(
    pole, member, coordinator, instructor
):
    own = SharedResourceFactory(pole=pole, membership=member.pole_roles.get().membership)
    mine_elsewhere = SharedResourceFactory(pole=pole, created_by=member)
    others = SharedResourceFactory(pole=pole)

    assert perms.can_edit_resource(member, own)
    assert perms.can_edit_resource(member, mine_elsewhere)
    assert not perms.can_edit_resource(member, others)
    assert perms.can_edit_resource(coordinator, others)
    assert not perms.can_edit_resource(instructor, own)


def test_someone_who_left_the_pole_no_longer_edits_what_they_published(pole, outsider):
    resource = SharedResourceFactory(pole=pole, created_by=outsider)

    assert not perms.can_edit_resource(outsider, resource)


def test_a_resource_cannot_move_to_an_organisation_that_has_left(pole):
    resource = SharedResourceFactory(pole=pole)
    gone = member_of(pole, left_on=datetime.date(2025, 1, 1))

    with pytest.raises(ValidationError):
        resource_update(resource=resource, membership=gone, title="Déplacée")

    assert SharedResource.objects.get().membership == resource.membership
