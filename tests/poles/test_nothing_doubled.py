"""Invitations and member organisations are created once, whatever the clicks (issue 12)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from ptce.organisations.models import LegalCategory, Organisation
from ptce.poles.models import Invitation, Membership, Place, Pole
from ptce.poles.services_members import invitation_accept, invitation_cancel, invitation_create
from tests.concurrency import TIMES, at_once, once_token, postgresql_only, sent_twice
from tests.core.factories import UserFactory
from tests.organisations.factories import OrganisationFactory
from tests.territories.factories import CommuneFactory

INVITATION = {"email": "nouveau@exemple.fr", "role": "membre"}


def people_url(pole):
    return reverse("poles:people", args=[pole.slug])


def member_add_url(pole):
    return reverse("poles:member_add", args=[pole.slug])


def collectivite(commune, **overrides):
    return {
        "action": "creer",
        "org-name": "Commune de Cintegabelle",
        "org-legal_category": LegalCategory.COLLECTIVITE,
        "org-commune": commune.code,
        "adhesion-role": "membre",
        **overrides,
    }


# --- Both databases -------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_invitation_sent_twice_is_recorded_and_emailed_once(
    client, pole, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    data = {**INVITATION, "once": once_token(client.get(people_url(pole)))}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(people_url(pole), data)
        second = client.post(people_url(pole), data, follow=True)
    assert first.status_code == 302
    assertContains(second, "avait déjà été envoyé")
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_inviting_an_address_already_invited_says_so_with_a_link(client, pole, coordinator):
    invitation_create(pole=pole, invited_by=coordinator, **INVITATION)
    client.force_login(coordinator)
    response = client.post(people_url(pole), {**INVITATION, "email": "Nouveau@Exemple.fr"})
    assertContains(response, "Une invitation attend déjà la réponse de nouveau@exemple.fr.")
    assertContains(response, f'<a href="{people_url(pole)}">Le voir</a>')
    assert Invitation.objects.count() == 1


@pytest.mark.django_db
def test_an_expired_invitation_gives_way_to_a_new_one(pole, coordinator):
    old, _ = invitation_create(pole=pole, invited_by=coordinator, **INVITATION)
    Invitation.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(days=1))
    new, _ = invitation_create(pole=pole, invited_by=coordinator, **INVITATION)
    assert list(Invitation.objects.all()) == [new]


@pytest.mark.django_db
def test_an_invitation_accepted_meanwhile_cannot_be_cancelled_from_a_stale_page(pole, coordinator):
    invitation, _ = invitation_create(pole=pole, invited_by=coordinator, **INVITATION)
    stale = Invitation.objects.get(pk=invitation.pk)
    invitation_accept(invitation=invitation, user=UserFactory(email="nouveau@exemple.fr"))
    with pytest.raises(ValidationError, match="déjà été acceptée"):
        invitation_cancel(invitation=stale)
    assert Invitation.objects.get().accepted_at is not None


@pytest.mark.django_db
def test_an_invitation_cancelled_meanwhile_cannot_be_accepted_from_a_stale_page(pole, coordinator):
    invitation, _ = invitation_create(pole=pole, invited_by=coordinator, **INVITATION)
    stale = Invitation.objects.get(pk=invitation.pk)
    invitation_cancel(invitation=invitation)
    with pytest.raises(ValidationError, match="n’est pas valide"):
        invitation_accept(invitation=stale, user=UserFactory(email="nouveau@exemple.fr"))
    assert not pole.people.filter(user__email="nouveau@exemple.fr").exists()


@pytest.mark.django_db
def test_a_new_member_organisation_sent_twice_is_created_once(client, pole, coordinator):
    commune = CommuneFactory()
    client.force_login(coordinator)
    token = once_token(client.get(member_add_url(pole)))
    data = collectivite(commune, **{"org-once": token})
    client.post(member_add_url(pole), data)
    second = client.post(member_add_url(pole), data, follow=True)
    assertContains(second, "avait déjà été envoyé")
    assert Organisation.objects.filter(name="Commune de Cintegabelle").count() == 1
    assert pole.memberships.count() == 1


@pytest.mark.django_db
def test_a_namesake_without_identifier_in_the_same_commune_is_offered_before_creating(
    client, pole, coordinator
):
    commune = CommuneFactory()
    namesake = OrganisationFactory(
        name="Commune de Cintégabelle", siret=None, legal_category="collectivite", commune=commune
    )
    client.force_login(coordinator)
    response = client.post(member_add_url(pole), collectivite(commune))
    assertContains(response, "est déjà enregistrée dans la même commune")
    assertContains(response, f'name="organisation" value="{namesake.pk}"')
    assert Organisation.objects.count() == 1

    confirmed = client.post(member_add_url(pole), collectivite(commune, homonyme=str(namesake.pk)))
    assert confirmed.status_code == 302
    assert Organisation.objects.count() == 2


@pytest.mark.django_db
def test_a_namesake_in_another_commune_is_not_in_the_way(client, pole, coordinator):
    OrganisationFactory(name="Commune de Cintegabelle", siret=None, legal_category="collectivite")
    client.force_login(coordinator)
    response = client.post(member_add_url(pole), collectivite(CommuneFactory()))
    assert response.status_code == 302
    assert Organisation.objects.count() == 2


# --- PostgreSQL: all at once ----------------------------------------------------------------


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_eight_invitations_sent_at_once_make_one_invitation_and_one_email(
    client, pole, coordinator, mailoutbox
):
    client.force_login(coordinator)
    data = {**INVITATION, "once": once_token(client.get(people_url(pole)))}
    assert at_once(*[(coordinator, people_url(pole), data)] * TIMES) == [302] * TIMES
    assert Invitation.objects.count() == 1
    assert len(mailoutbox) == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_eight_invitations_from_eight_pages_at_once_make_one_pending_invitation(
    pole, coordinator, mailoutbox
):
    statuses = at_once(*[(coordinator, people_url(pole), INVITATION)] * TIMES)
    assert sorted(statuses) == [200] * (TIMES - 1) + [302]
    assert Invitation.objects.count() == 1
    assert len(mailoutbox) == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_eight_creations_of_the_same_collectivite_at_once_make_one_member(
    client, pole, coordinator
):
    commune = CommuneFactory()
    client.force_login(coordinator)
    data = collectivite(commune, **{"org-once": once_token(client.get(member_add_url(pole)))})
    assert at_once(*[(coordinator, member_add_url(pole), data)] * TIMES) == [302] * TIMES
    assert Organisation.objects.filter(name="Commune de Cintegabelle").count() == 1
    assert Membership.objects.filter(pole=pole).count() == 1


@pytest.mark.django_db
def test_a_place_sent_twice_is_recorded_once(client, pole, coordinator):
    commune = CommuneFactory()
    client.force_login(coordinator)
    data = {"name": "Tiers-lieu", "commune": commune.code, "is_public_access": "on"}
    sent_twice(client, reverse("poles:place_add", args=[pole.slug]), data)
    assert Place.objects.filter(pole=pole).count() == 1


@pytest.mark.django_db
def test_a_pole_creation_sent_twice_creates_one_pole(client, outsider):
    client.force_login(outsider)
    data = {"name": "Pôle naissant", "sectors": ["textile"]}
    response = sent_twice(client, reverse("poles:create"), data)
    pole = Pole.objects.get(name="Pôle naissant")
    assert response.redirect_chain[-1][0] == reverse("poles:manage", args=[pole.slug])


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_an_invitation_accepted_eight_times_at_once_gives_one_role(pole, coordinator):
    _, token = invitation_create(pole=pole, invited_by=coordinator, **INVITATION)
    invited = UserFactory(email="nouveau@exemple.fr")
    address = reverse("poles:invitation", args=[token])
    statuses = at_once(*[(invited, address, {})] * TIMES)
    assert statuses.count(302) == 1
    assert pole.people.filter(user=invited).count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_an_invitation_accepted_and_cancelled_at_once_has_one_outcome(pole, coordinator):
    invitation, token = invitation_create(pole=pole, invited_by=coordinator, **INVITATION)
    invited = UserFactory(email="nouveau@exemple.fr")
    at_once(
        (invited, reverse("poles:invitation", args=[token]), {}),
        (coordinator, reverse("poles:invitation_cancel", args=[pole.slug, invitation.pk]), {}),
    )
    accepted = pole.people.filter(user=invited).exists()
    remaining = Invitation.objects.filter(pk=invitation.pk).first()
    if accepted:
        assert remaining is not None
        assert remaining.accepted_at is not None
    else:
        assert remaining is None


@pytest.mark.django_db
def test_an_organisation_added_twice_is_a_member_once_and_the_second_click_shows_the_members(
    client, pole, coordinator
):
    organisation = OrganisationFactory(name="SCOP Atelier du Lac")
    client.force_login(coordinator)
    data = {"organisation": organisation.pk, "adhesion-role": "membre"}
    assert client.post(member_add_url(pole), data).status_code == 302
    second = client.post(member_add_url(pole), data, follow=True)
    assert second.redirect_chain[-1][0] == reverse("poles:members", args=[pole.slug])
    assertContains(second, "« SCOP Atelier du Lac » est déjà membre de ce pôle.")
    assert pole.memberships.filter(organisation=organisation).count() == 1
