"""The national cell creates a pole for its future coordinator and hands it over in one step:
the coordinator is invited (and consents by accepting), the creator takes no role."""

from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from ptce.poles.models import (
    Invitation,
    PersonRole,
    Pole,
    PolePerson,
    PoleVerificationTransition,
    Verification,
)
from tests.core.factories import UserFactory
from tests.territories.factories import DepartementFactory

pytestmark = pytest.mark.django_db

URL = reverse("poles:create_for_coordinator")


@pytest.fixture
def haute_garonne(region):
    return DepartementFactory(code="31", region=region)


def form(region, **extra):
    return {"name": "Pôle du Lauragais", "region": region.pk, "email": "Lea@Exemple.fr", **extra}


def invitation_path(message) -> str:
    link = next(line for line in message.body.splitlines() if "/poles/invitation/" in line)
    return urlsplit(link.strip()).path


def test_the_national_cell_creates_a_pole_and_invites_its_coordinator(
    client_as, region, haute_garonne, national_instructor, django_capture_on_commit_callbacks
):
    client = client_as("national_instructor")
    assert "Créer le pôle et inviter" in client.get(URL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form(region, departements=[haute_garonne.pk]))

    pole = Pole.objects.get(name="Pôle du Lauragais")
    assert response.status_code == 302
    assert response["Location"] == reverse("poles:internal", args=[pole.slug])
    assert pole.region == region
    assert list(pole.covered_departements.all()) == [haute_garonne]
    assert pole.verification == Verification.DECLARED
    assert not pole.is_published
    assert not PolePerson.objects.filter(pole=pole).exists()  # the creator is not coordinator
    invitation = Invitation.objects.get(pole=pole)
    assert (invitation.email, invitation.role) == ("lea@exemple.fr", PersonRole.COORDINATOR)
    assert invitation.invited_by == national_instructor
    [message] = mail.outbox
    assert message.to == ["lea@exemple.fr"]
    assert "Pôle du Lauragais" in message.subject


def test_the_national_cell_may_verify_the_pole_it_creates_and_that_is_logged(
    client_as, region, national_instructor
):
    client_as("national_instructor").post(URL, form(region, verified="on"))

    pole = Pole.objects.get(name="Pôle du Lauragais")
    assert pole.verification == Verification.VERIFIED
    [log] = PoleVerificationTransition.objects.filter(pole=pole)
    assert log.by == national_instructor
    assert (log.from_state, log.to_state) == (Verification.DECLARED, Verification.VERIFIED)


def test_an_existing_account_becomes_coordinator_only_by_accepting(
    client, region, national_instructor, django_capture_on_commit_callbacks
):
    lea = UserFactory(email="lea@exemple.fr")
    client.force_login(national_instructor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form(region))
    pole = Pole.objects.get(name="Pôle du Lauragais")
    assert not PolePerson.objects.filter(pole=pole, user=lea).exists()

    client.force_login(lea)
    path = invitation_path(mail.outbox[0])
    assert client.get(path).status_code == 200
    client.post(path)

    person = PolePerson.objects.get(pole=pole)
    assert (person.user, person.role) == (lea, PersonRole.COORDINATOR)
    assert client.get(reverse("poles:manage", args=[pole.slug])).status_code == 200


def test_an_admin_creates_a_pole_for_a_coordinator_without_verifying_it(
    client_as, region, admin_user
):
    client = client_as("admin_user")
    assert "verified" not in client.get(URL).content.decode()
    client.post(URL, form(region, verified="on"))
    pole = Pole.objects.get(name="Pôle du Lauragais")
    assert pole.verification == Verification.DECLARED
    assert Invitation.objects.filter(pole=pole, role=PersonRole.COORDINATOR).exists()


@pytest.mark.parametrize("role", ["outsider", "coordinator", "instructor"])
def test_only_the_national_cell_and_admins_open_the_page(client_as, region, role, request):
    request.getfixturevalue(role)
    client = client_as(role)
    assert client.get(URL).status_code == 403
    assert client.post(URL, form(region)).status_code == 403
    assert not Pole.objects.filter(name="Pôle du Lauragais").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"email": "pas-une-adresse"}, "Saisissez une adresse de courriel valide"),
        ({"name": ""}, "Ce champ est obligatoire"),
        ({"departements": "other"}, "Choisissez des départements de Occitanie"),
    ],
    ids=["bad email", "no name", "département of another région"],
)
def test_bad_input_says_why_and_writes_nothing(
    client_as, region, other_region, national_instructor, extra, message
):
    if extra.get("departements") == "other":
        extra = {"departements": [DepartementFactory(code="29", region=other_region).pk]}
    response = client_as("national_instructor").post(URL, form(region, **extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Pole.objects.filter(region=region).exclude(slug="pole-des-coteaux").exists()
    assert not Invitation.objects.exists()
