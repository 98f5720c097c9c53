"""Step 1: the public join form, emerging poles, and the coordinator's answers."""

import pytest
from django.core import mail
from django.urls import reverse

from ptce.cooperation.models import JoinRequest, JoinRequestStatus
from ptce.organisations.models import LegalCategory, Organisation
from ptce.poles.models import Membership, Stage
from tests.cooperation.factories import JoinRequestFactory
from tests.organisations.factories import OrganisationFactory, valid_siret
from tests.poles.factories import MembershipFactory, PoleFactory
from tests.territories.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def join_url(pole):
    return reverse("cooperation:join", args=[pole.slug])


def valid_data(**overrides):
    data = {
        "organisation_name": "Recyclerie des Coteaux",
        "legal_category": LegalCategory.SCOP,
        "siret": "732 829 320 00074",
        "rna": "",
        "commune": "",
        "contact_name": "Alix Martin",
        "contact_email": "Alix@Recyclerie.fr",
        "contribution": "Un atelier de réparation.",
        "needs": "Des débouchés pour les meubles rénovés.",
    }
    data.update(overrides)
    return data


# --- The public form -----------------------------------------------------------------------


def test_anyone_can_open_the_join_form_of_a_published_pole(client, pole):
    response = client.get(join_url(pole))
    assert response.status_code == 200
    assert "Rejoindre ou soutenir le pôle" in response.text


def test_an_unpublished_pole_has_no_join_form_even_for_its_coordinator(
    client_as, pole, coordinator
):
    pole.is_published = False
    pole.save()
    assert client_as("coordinator").get(join_url(pole)).status_code == 404


def test_a_volunteer_sends_a_request_and_the_coordinators_are_told(
    client, pole, coordinator, django_capture_on_commit_callbacks
):
    CommuneFactory(code="31555", name="Toulouse")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(join_url(pole), valid_data(commune="31555"))
    assert response.status_code == 302
    assert response.url == reverse("cooperation:join_done", args=[pole.slug])
    join_request = JoinRequest.objects.get()
    assert join_request.pole == pole
    assert join_request.siret == "73282932000074"
    assert join_request.contact_email == "alix@recyclerie.fr"
    assert join_request.commune.name == "Toulouse"
    assert join_request.status == JoinRequestStatus.PENDING
    assert [m.to for m in mail.outbox] == [["coordination@exemple.fr"]]
    assert "Recyclerie des Coteaux" in mail.outbox[0].body


def test_the_confirmation_page_thanks_the_volunteer(client, pole):
    response = client.get(reverse("cooperation:join_done", args=[pole.slug]))
    assert "Votre demande est envoyée" in response.text


def test_an_invalid_siret_is_refused_in_french_and_nothing_is_written(client, pole):
    response = client.post(join_url(pole), valid_data(siret="732 829 320 00075"))
    assert response.status_code == 200
    assert "clé de contrôle est fausse" in response.text
    assert not JoinRequest.objects.exists()
    assert mail.outbox == []


def test_a_company_without_siret_is_asked_for_one(client, pole):
    response = client.post(join_url(pole), valid_data(siret=""))
    assert "Le SIRET est obligatoire pour la catégorie" in response.text
    assert not JoinRequest.objects.exists()


def test_an_association_may_give_its_rna_number_instead(client, pole):
    data = valid_data(legal_category=LegalCategory.ASSOCIATION, siret="", rna="w31 123 4567")
    assert client.post(join_url(pole), data).status_code == 302
    assert JoinRequest.objects.get().rna == "W311234567"


def test_a_local_authority_may_join_by_name_only(client, pole):
    data = valid_data(
        organisation_name="Commune de Saint-Orens", legal_category="collectivite", siret=""
    )
    assert client.post(join_url(pole), data).status_code == 302


def test_an_empty_form_names_the_required_fields(client, pole):
    response = client.post(join_url(pole), {})
    assert response.status_code == 200
    assert response.text.count("Ce champ est obligatoire") >= 4
    assert not JoinRequest.objects.exists()


def test_a_robot_filling_the_honeypot_is_thanked_but_nothing_is_written(client, pole):
    data = valid_data(adresse_web="http://spam.example")
    response = client.post(join_url(pole), data)
    assert response.status_code == 302
    assert not JoinRequest.objects.exists()


def test_a_second_pending_request_from_the_same_address_is_refused(client, pole):
    JoinRequestFactory(pole=pole, contact_email="alix@recyclerie.fr")
    response = client.post(join_url(pole), valid_data())
    assert "attend déjà la réponse du pôle" in response.text
    assert JoinRequest.objects.count() == 1


# --- Emerging poles ------------------------------------------------------------------------


def test_emerging_poles_lists_published_poles_at_step_one_with_a_join_link(client, region):
    emerging = PoleFactory(name="Pôle naissant", stage=Stage.VOLUNTEERS, region=region)
    PoleFactory(name="Pôle avancé", stage=Stage.ACTION_PLAN, region=region)
    PoleFactory(name="Pôle caché", stage=Stage.VOLUNTEERS, is_published=False, region=region)
    response = client.get(reverse("cooperation:emerging_poles"))
    assert response.status_code == 200
    assert "Pôle naissant" in response.text
    assert "Pôle avancé" not in response.text
    assert "Pôle caché" not in response.text
    assert join_url(emerging) in response.text


@pytest.mark.parametrize("count", [3, 45])
def test_the_emerging_poles_query_count_does_not_grow(
    client, region, count, django_assert_num_queries
):
    for pole in PoleFactory.create_batch(count, stage=Stage.VOLUNTEERS, region=region):
        MembershipFactory.create_batch(2, pole=pole)
    with django_assert_num_queries(4):
        response = client.get(reverse("cooperation:emerging_poles"), {"page": 1})
    assert response.status_code == 200


# --- The coordinator's list ----------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 20])
def test_the_join_requests_query_count_does_not_grow(
    client_as, pole, coordinator, count, django_assert_num_queries
):
    JoinRequestFactory.create_batch(count, pole=pole, commune=CommuneFactory())
    JoinRequestFactory.create_batch(count, pole=pole, status=JoinRequestStatus.DECLINED)
    client = client_as("coordinator")
    with django_assert_num_queries(8):
        response = client.get(reverse("cooperation:join_requests", args=[pole.slug]))
    assert response.status_code == 200
    assert response.text.count("Étudier") == count


def test_the_list_shows_only_this_poles_pending_requests(client_as, pole, other_pole, coordinator):
    JoinRequestFactory(pole=pole, organisation_name="Demande d’ici")
    JoinRequestFactory(pole=other_pole, organisation_name="Demande d’ailleurs")
    response = client_as("coordinator").get(reverse("cooperation:join_requests", args=[pole.slug]))
    assert "Demande d’ici" in response.text
    assert "Demande d’ailleurs" not in response.text


# --- Accepting -----------------------------------------------------------------------------


def accept(client, pole, join_request, data=None):
    return client.post(
        reverse("cooperation:join_request", args=[pole.slug, join_request.pk]),
        data or {"role": "membre"},
    )


def test_accepting_creates_the_organisation_and_the_membership_then_emails_after_commit(
    client_as, pole, coordinator, django_capture_on_commit_callbacks
):
    join_request = JoinRequestFactory(
        pole=pole,
        organisation_name="SCOP du Lauragais",
        legal_category=LegalCategory.SCOP,
        siret=valid_siret(901),
        contact_email="contact@scop.fr",
    )
    client = client_as("coordinator")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = accept(client, pole, join_request, {"role": "fondateur"})
        assert mail.outbox == []  # nothing is sent before the transaction commits
    for callback in callbacks:
        callback()
    assert response.status_code == 302
    organisation = Organisation.objects.get(siret=valid_siret(901))
    assert organisation.name == "SCOP du Lauragais"
    assert organisation.created_by == coordinator
    membership = Membership.objects.get(pole=pole, organisation=organisation)
    assert membership.role == "fondateur"
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.ACCEPTED
    assert join_request.organisation == organisation
    assert join_request.decided_by == coordinator
    assert [m.to for m in mail.outbox] == [["contact@scop.fr"]]
    assert "a accepté la demande" in mail.outbox[0].body


def test_accepting_reuses_the_organisation_registered_with_the_same_siret(
    client_as, pole, coordinator
):
    existing = OrganisationFactory(name="SCOP déjà connue", siret=valid_siret(902))
    join_request = JoinRequestFactory(
        pole=pole, organisation_name="Autre nom", legal_category="scop", siret=valid_siret(902)
    )
    page = client_as("coordinator").get(
        reverse("cooperation:join_request", args=[pole.slug, join_request.pk])
    )
    assert "SCOP déjà connue" in page.text
    accept(client_as("coordinator"), pole, join_request)
    assert Organisation.objects.filter(siret=valid_siret(902)).count() == 1
    assert Membership.objects.filter(pole=pole, organisation=existing).exists()


def test_the_coordinator_may_pick_a_registered_organisation_with_the_same_name(
    client_as, pole, coordinator
):
    existing = OrganisationFactory(
        name="Commune de Balma", legal_category=LegalCategory.COLLECTIVITE, siret=None
    )
    join_request = JoinRequestFactory(pole=pole, organisation_name="Commune de Balma")
    response = accept(
        client_as("coordinator"),
        pole,
        join_request,
        {
            "role": "membre",
            "organisation": existing.pk,
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.filter(search_name=existing.search_name).count() == 1
    assert Membership.objects.filter(pole=pole, organisation=existing).exists()


def test_accepting_an_organisation_already_member_changes_nothing(client_as, pole, coordinator):
    existing = OrganisationFactory(siret=valid_siret(903))
    MembershipFactory(pole=pole, organisation=existing)
    join_request = JoinRequestFactory(
        pole=pole, legal_category="association", siret=valid_siret(903)
    )
    response = accept(client_as("coordinator"), pole, join_request)
    assert response.status_code == 200
    assert "est déjà membre de ce pôle" in response.text
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.PENDING
    assert mail.outbox == []


def test_a_request_whose_organisation_cannot_be_registered_is_left_pending(
    client_as, pole, coordinator
):
    # Recorded before the rule: a company without SIRET cannot be registered.
    join_request = JoinRequestFactory(pole=pole, legal_category="scop", siret="")
    response = accept(client_as("coordinator"), pole, join_request)
    assert response.status_code == 200
    assert "Le SIRET est obligatoire" in response.text
    assert not Membership.objects.filter(pole=pole).exists()
    assert JoinRequest.objects.get().status == JoinRequestStatus.PENDING


def test_an_answered_request_cannot_be_answered_again_and_the_list_says_why(
    client_as, pole, coordinator
):
    join_request = JoinRequestFactory(pole=pole, status=JoinRequestStatus.DECLINED)
    response = accept(client_as("coordinator"), pole, join_request)
    assert response.url == reverse("cooperation:join_requests", args=[pole.slug])
    assert "a déjà reçu une réponse (refusée)" in client_as("coordinator").get(response.url).text
    assert JoinRequest.objects.get().status == JoinRequestStatus.DECLINED
    assert not Membership.objects.filter(pole=pole).exists()


# --- Declining -----------------------------------------------------------------------------


def decline_url(pole, join_request):
    return reverse("cooperation:join_request_decline", args=[pole.slug, join_request.pk])


def test_declining_needs_a_reason(client_as, pole, coordinator):
    join_request = JoinRequestFactory(pole=pole)
    response = client_as("coordinator").post(decline_url(pole, join_request), {"reason": "  "})
    assert response.status_code == 200
    assert "Indiquez le motif du refus" in response.text
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.PENDING
    assert mail.outbox == []


def test_declining_tells_the_applicant_the_reason_after_commit(
    client_as, pole, coordinator, django_capture_on_commit_callbacks
):
    join_request = JoinRequestFactory(pole=pole, contact_email="benevole@exemple.fr")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("coordinator").post(
            decline_url(pole, join_request), {"reason": "Hors du territoire du pôle."}
        )
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.DECLINED
    assert join_request.decline_reason == "Hors du territoire du pôle."
    assert [m.to for m in mail.outbox] == [["benevole@exemple.fr"]]
    assert "Hors du territoire du pôle." in mail.outbox[0].body
    assert not Membership.objects.filter(pole=pole).exists()


# --- Who may do what -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("member", 403),
        ("other_coordinator", 403),
        ("instructor", 403),
        ("coordinator", 200),
        ("admin_user", 200),
    ],
)
def test_only_coordinators_see_and_answer_join_requests(client_as, pole, role, status):
    join_request = JoinRequestFactory(pole=pole)
    client = client_as(role)
    urls = [
        reverse("cooperation:join_requests", args=[pole.slug]),
        reverse("cooperation:join_request", args=[pole.slug, join_request.pk]),
        decline_url(pole, join_request),
    ]
    for url in urls:
        assert client.get(url).status_code == status
    if status != 200:
        client.post(urls[2], {"reason": "Non."})
        accept(client, pole, join_request)
        join_request.refresh_from_db()
        assert join_request.status == JoinRequestStatus.PENDING


def test_the_request_page_offers_registered_organisations_with_the_same_name(
    client_as, pole, coordinator, strict_templates
):
    OrganisationFactory(name="Commune de Balma", legal_category="collectivite", siret=None)
    join_request = JoinRequestFactory(pole=pole, organisation_name="Commune de Balma")
    response = client_as("coordinator").get(
        reverse("cooperation:join_request", args=[pole.slug, join_request.pk])
    )
    assert "Utiliser « Commune de Balma » déjà enregistrée" in response.text
    assert "Enregistrer une nouvelle organisation" in response.text
    assert "VARIABLE-INDEFINIE" not in response.text
