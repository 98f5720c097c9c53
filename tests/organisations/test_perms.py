import pytest

from ptce.poles.models import PersonRole
from ptce.poles.organisation_access import can_edit_organisation, can_view_organisation
from tests.poles.factories import MembershipFactory, PolePersonFactory

ROLES_WHO_SEE = {"member", "coordinator", "instructor", "admin_user"}
ROLES_WHO_EDIT = {"coordinator", "instructor", "admin_user"}
CAST = ["outsider", "member", "coordinator", "other_coordinator", "instructor", "admin_user"]


@pytest.fixture
def organisation(pole):
    return MembershipFactory(pole=pole, organisation__name="Recyclerie des Coteaux").organisation


@pytest.mark.parametrize("role", CAST)
def test_who_may_see_and_edit_an_organisation_of_the_pole(request, organisation, role):
    user = request.getfixturevalue(role)
    assert can_view_organisation(user, organisation) == (role in ROLES_WHO_SEE)
    assert can_edit_organisation(user, organisation) == (role in ROLES_WHO_EDIT)


def test_an_anonymous_visitor_may_neither_see_nor_edit(organisation):
    from django.contrib.auth.models import AnonymousUser

    assert not can_view_organisation(AnonymousUser(), organisation)
    assert not can_edit_organisation(AnonymousUser(), organisation)


def test_a_coordinator_loses_the_edit_right_when_the_organisation_leaves_the_pole(
    pole, coordinator, organisation
):
    organisation.memberships.update(left_on="2024-01-01")
    assert not can_edit_organisation(coordinator, organisation)
    assert not can_view_organisation(coordinator, organisation)


def test_no_coordinator_may_edit_an_organisation_shared_by_two_poles(
    other_pole, coordinator, other_coordinator, organisation
):
    MembershipFactory(pole=other_pole, organisation=organisation)
    assert can_view_organisation(other_coordinator, organisation)
    assert not can_edit_organisation(other_coordinator, organisation)
    assert not can_edit_organisation(coordinator, organisation)


def test_the_coordinator_of_its_only_pole_may_edit_again_once_the_other_pole_is_left(
    other_pole, coordinator, organisation
):
    MembershipFactory(pole=other_pole, organisation=organisation, left_on="2024-01-01")
    assert can_edit_organisation(coordinator, organisation)


def test_a_representative_may_edit_their_organisation_even_when_it_is_shared(
    pole, other_pole, organisation
):
    membership = organisation.memberships.get()
    MembershipFactory(pole=other_pole, organisation=organisation)
    person = PolePersonFactory(pole=pole, membership=membership, role=PersonRole.MEMBER)
    assert can_view_organisation(person.user, organisation)
    assert can_edit_organisation(person.user, organisation)


def test_a_member_of_the_pole_acting_for_another_organisation_only_sees_it(member, organisation):
    assert can_view_organisation(member, organisation)
    assert not can_edit_organisation(member, organisation)


def test_a_representative_whose_organisation_left_the_pole_may_no_longer_edit(pole, organisation):
    membership = organisation.memberships.get()
    person = PolePersonFactory(pole=pole, membership=membership, role=PersonRole.MEMBER)
    organisation.memberships.update(left_on="2024-01-01")
    assert not can_edit_organisation(person.user, organisation)


def test_an_instructor_of_another_region_may_edit_too(other_instructor, organisation):
    assert can_edit_organisation(other_instructor, organisation)


def test_an_inactive_admin_has_no_rights(admin_user, organisation):
    admin_user.is_active = False
    assert not can_view_organisation(admin_user, organisation)
