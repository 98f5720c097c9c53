import pytest

from ptce.poles.models import PersonRole
from ptce.poles.organisation_access import can_edit_organisation, can_view_organisation
from tests.poles.factories import MembershipFactory, PolePersonFactory

ROLES_WHO_SEE = {"member", "coordinator", "instructor", "admin_user"}
ROLES_WHO_EDIT = {"coordinator", "admin_user"}
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


def test_a_coordinator_elsewhere_may_edit_an_organisation_shared_with_their_pole(
    other_pole, other_coordinator, organisation
):
    MembershipFactory(pole=other_pole, organisation=organisation)
    assert can_edit_organisation(other_coordinator, organisation)


def test_a_member_of_a_pole_sees_but_does_not_edit_even_for_their_own_organisation(
    pole, organisation
):
    membership = organisation.memberships.get()
    person = PolePersonFactory(pole=pole, membership=membership, role=PersonRole.MEMBER)
    assert can_view_organisation(person.user, organisation)
    assert not can_edit_organisation(person.user, organisation)


def test_an_inactive_admin_has_no_rights(admin_user, organisation):
    admin_user.is_active = False
    assert not can_view_organisation(admin_user, organisation)
