"""A join request is sent once and answered once, whatever the clicks (issue 12)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from ptce.cooperation.join.services import join_request_accept, join_request_decline
from ptce.cooperation.models import JoinRequest, JoinRequestStatus
from ptce.organisations.models import LegalCategory, Organisation
from ptce.poles.models import Membership
from tests.concurrency import TIMES, at_once, once_token, postgresql_only
from tests.cooperation.factories import JoinRequestFactory

FORM = {
    "organisation_name": "Recyclerie des Coteaux",
    "legal_category": LegalCategory.COLLECTIVITE,
    "siret": "",
    "rna": "",
    "commune": "",
    "contact_name": "Alix Martin",
    "contact_email": "alix@recyclerie.fr",
}


def join_url(pole):
    return reverse("cooperation:join", args=[pole.slug])


def accept_url(join_request):
    return reverse("cooperation:join_request", args=[join_request.pole.slug, join_request.pk])


def decline_url(join_request):
    return reverse(
        "cooperation:join_request_decline", args=[join_request.pole.slug, join_request.pk]
    )


# --- Both databases: one click after the other ------------------------------------------------


@pytest.mark.django_db
def test_a_join_form_sent_twice_records_one_request_and_shows_the_first(
    client, pole, coordinator, django_capture_on_commit_callbacks
):
    data = {**FORM, "once": once_token(client.get(join_url(pole)))}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(join_url(pole), data)
        second = client.post(join_url(pole), data, follow=True)
    assert first.url == reverse("cooperation:join_done", args=[pole.slug])
    assert second.redirect_chain[-1][0] == first.url
    assert "avait déjà été envoyé" in second.text
    assert JoinRequest.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_second_request_with_a_pending_address_is_refused_in_french(client, pole):
    JoinRequestFactory(pole=pole, contact_email="alix@recyclerie.fr")
    response = client.post(join_url(pole), {**FORM, "contact_email": "Alix@Recyclerie.fr"})
    assert response.status_code == 200
    assert "attend déjà la réponse du pôle" in response.text
    assert JoinRequest.objects.count() == 1


@pytest.mark.django_db
def test_an_answer_given_on_a_stale_page_is_refused_and_changes_nothing(pole, coordinator):
    join_request = JoinRequestFactory(pole=pole)
    stale = JoinRequest.objects.get(pk=join_request.pk)
    join_request_accept(join_request=join_request, decided_by=coordinator)
    with pytest.raises(ValidationError, match="déjà reçu une réponse"):
        join_request_decline(join_request=stale, decided_by=coordinator, reason="Hors territoire")
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.ACCEPTED
    assert join_request.decline_reason == ""


@pytest.mark.django_db
def test_an_acceptance_clicked_twice_accepts_once_and_the_second_click_says_so(
    client, pole, coordinator, django_capture_on_commit_callbacks
):
    join_request = JoinRequestFactory(pole=pole)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(accept_url(join_request), {"role": "membre"})
        second = client.post(accept_url(join_request), {"role": "membre"}, follow=True)
    assert first.status_code == 302
    assert "a déjà reçu une réponse (acceptée)" in second.text
    assert (
        Membership.objects.filter(
            pole=pole, organisation__name=join_request.organisation_name
        ).count()
        == 1
    )
    assert len(mail.outbox) == 1


# --- PostgreSQL: all at once ----------------------------------------------------------------


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_eight_join_forms_sent_at_once_record_one_request_and_one_email(
    client, pole, coordinator, mailoutbox
):
    data = {**FORM, "once": once_token(client.get(join_url(pole)))}
    statuses = at_once(*[(None, join_url(pole), data)] * TIMES)
    assert statuses == [302] * TIMES
    assert JoinRequest.objects.count() == 1
    assert len(mailoutbox) == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_eight_join_forms_from_eight_pages_at_once_record_one_pending_request(
    pole, coordinator, mailoutbox
):
    statuses = at_once(*[(None, join_url(pole), FORM)] * TIMES)
    assert sorted(statuses) == [200] * (TIMES - 1) + [302]
    assert JoinRequest.objects.count() == 1
    assert len(mailoutbox) == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_eight_acceptances_at_once_make_one_organisation_one_member_and_one_email(
    pole, coordinator, mailoutbox
):
    join_request = JoinRequestFactory(pole=pole, organisation_name="Mairie de Cintegabelle")
    organisations = Organisation.objects.count()
    memberships = Membership.objects.count()
    statuses = at_once(*[(coordinator, accept_url(join_request), {"role": "membre"})] * TIMES)
    assert statuses.count(302) == 1
    assert Organisation.objects.count() == organisations + 1
    assert Membership.objects.count() == memberships + 1
    assert len(mailoutbox) == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_accepting_and_declining_at_once_gives_one_answer_and_one_email(
    pole, coordinator, mailoutbox
):
    join_request = JoinRequestFactory(pole=pole)
    memberships = Membership.objects.count()
    at_once(
        (coordinator, accept_url(join_request), {"role": "membre"}),
        (coordinator, decline_url(join_request), {"reason": "Hors du territoire du pôle."}),
    )
    join_request.refresh_from_db()
    assert len(mailoutbox) == 1
    if join_request.status == JoinRequestStatus.ACCEPTED:
        assert join_request.decline_reason == ""
        assert Membership.objects.count() == memberships + 1
        assert "accept" in mailoutbox[0].body.lower() or mailoutbox[0].to == [
            join_request.contact_email
        ]
    else:
        assert join_request.status == JoinRequestStatus.DECLINED
        assert Membership.objects.count() == memberships
    assert mailoutbox[0].to == [join_request.contact_email]
