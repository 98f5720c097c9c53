import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from ptce.poles.models import Membership, PersonRole, Pole, PolePerson
from ptce.poles.services import place_delete, place_save, pole_create, pole_territory_set
from ptce.poles.services_members import (
    invitation_accept,
    invitation_create,
    invitation_from_token,
    membership_add,
    membership_end,
    person_remove,
)
from tests.core.factories import UserFactory
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory, PlaceFactory
from tests.territories.factories import (
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


def test_creating_a_pole_makes_its_creator_coordinator_and_keeps_it_unpublished(outsider):
    pole = pole_create(name="Pôle Énergies du Trégor", created_by=outsider)
    assert pole.slug == "pole-energies-du-tregor"
    assert pole.is_published is False
    assert PolePerson.objects.get(pole=pole, user=outsider).role == PersonRole.COORDINATOR


def test_two_poles_with_the_same_name_get_distinct_slugs(outsider):
    first = pole_create(name="Les Coteaux", created_by=outsider)
    second = pole_create(name="Les Coteaux", created_by=outsider)
    assert first.slug != second.slug


def test_an_invalid_pole_is_not_created(outsider):
    with pytest.raises(ValidationError):
        pole_create(name="", created_by=outsider)
    assert not Pole.objects.exists()
    assert not PolePerson.objects.exists()


def test_the_territory_derives_covered_departements_and_region(pole):
    brittany = RegionFactory(code="53", name="Bretagne")
    finistere = DepartementFactory(code="29", name="Finistère", region=brittany)
    morbihan = DepartementFactory(code="56", name="Morbihan", region=brittany)
    epci = EpciFactory()
    CommuneFactory(code="56121", departement=morbihan, epci=epci)
    commune = CommuneFactory(code="29019", departement=finistere)
    pole_territory_set(pole=pole, communes=[commune], epcis=[epci], scale="bassin_de_vie")
    pole.refresh_from_db()
    assert sorted(d.code for d in pole.covered_departements.all()) == ["29", "56"]
    assert pole.region_id == "53"
    assert pole.scale == "bassin_de_vie"


def test_a_place_without_coordinates_stands_at_its_commune(pole):
    commune = CommuneFactory(latitude=44.1, longitude=1.2)
    place = place_save(pole=pole, name="La Recyclerie", commune=commune)
    assert (place.latitude, place.longitude) == (44.1, 1.2)
    assert place.is_main, "the first place of a pole is its main place"


def test_only_one_place_is_main_and_deleting_it_promotes_another(pole):
    first = PlaceFactory(pole=pole, name="A", is_main=True)
    second = place_save(pole=pole, name="B", commune=CommuneFactory(), is_main=True)
    first.refresh_from_db()
    assert second.is_main
    assert not first.is_main
    place_delete(place=second)
    first.refresh_from_db()
    assert first.is_main


def test_an_organisation_cannot_be_a_current_member_twice(pole):
    membership = MembershipFactory(pole=pole)
    with pytest.raises(ValidationError, match="déjà membre"):
        membership_add(pole=pole, organisation=membership.organisation)
    assert Membership.objects.filter(pole=pole).count() == 1


def test_a_member_that_left_can_join_again(pole):
    membership = MembershipFactory(pole=pole)
    membership_end(membership=membership)
    again = membership_add(pole=pole, organisation=membership.organisation)
    assert again.pk != membership.pk
    assert Membership.objects.current().filter(pole=pole).count() == 1


def test_leaving_keeps_the_membership_in_history_and_removes_its_people(pole, member):
    membership = Membership.objects.get(people__user=member)
    membership_end(membership=membership)
    membership.refresh_from_db()
    assert membership.left_on is not None
    assert not PolePerson.objects.filter(user=member, pole=pole).exists()
    assert membership.history.count() == 2


def test_the_last_coordinator_cannot_be_removed(pole, coordinator):
    with pytest.raises(ValidationError, match="au moins un coordinateur"):
        person_remove(person=PolePerson.objects.get(user=coordinator))


def test_an_invitation_is_mailed_after_commit_and_accepted_by_its_addressee(
    pole, coordinator, django_capture_on_commit_callbacks
):
    membership = MembershipFactory(pole=pole)
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = invitation_create(
            pole=pole,
            email="Nouvelle@Exemple.fr",
            role=PersonRole.MEMBER,
            invited_by=coordinator,
            membership=membership,
        )
    assert len(mail.outbox) == 1
    assert token in mail.outbox[0].body
    assert token not in invitation.token, "only a hash of the token is stored"
    assert invitation_from_token(token) == invitation
    person = invitation_accept(invitation=invitation, user=UserFactory(email="nouvelle@exemple.fr"))
    assert person.role == PersonRole.MEMBER
    assert person.membership == membership


def test_an_invitation_refuses_another_account_and_a_second_use(pole, coordinator, outsider):
    invitation, _ = invitation_create(
        pole=pole, email="invitee@exemple.fr", role=PersonRole.MEMBER, invited_by=coordinator
    )
    with pytest.raises(ValidationError, match="adressée à invitee@exemple.fr"):
        invitation_accept(invitation=invitation, user=outsider)
    invitee = UserFactory(email="invitee@exemple.fr")
    invitation_accept(invitation=invitation, user=invitee)
    with pytest.raises(ValidationError, match="déjà été acceptée"):
        invitation_accept(invitation=invitation, user=invitee)
    assert PolePerson.objects.filter(pole=pole, user=invitee).count() == 1


def test_someone_already_in_the_pole_is_not_invited_again(pole, member, coordinator):
    with pytest.raises(ValidationError, match="déjà un rôle"):
        invitation_create(pole=pole, email=member.email, role="membre", invited_by=coordinator)


def test_changes_are_recorded_with_their_author(pole, coordinator):
    from ptce.poles.history import pole_history

    org = OrganisationFactory(name="Garage solidaire")
    membership_add(pole=pole, organisation=org)
    subjects = [entry.subject for entry in pole_history(pole)]
    assert "Adhésion\xa0: Garage solidaire" in subjects
    assert "Pôle\xa0: Pôle des Coteaux" in subjects
