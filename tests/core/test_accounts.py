import pytest
from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains

from ptce.core.models import User
from tests.conftest import PASSWORD, ROLES

pytestmark = pytest.mark.django_db


def test_a_person_logs_in_with_their_email_whatever_its_case(client, outsider):
    response = client.post(
        reverse("core:login"), {"username": "CURIEUX@exemple.fr", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("core:dashboard")


def test_a_wrong_password_is_refused_in_french(client, outsider):
    response = client.post(
        reverse("core:login"), {"username": outsider.email, "password": "mauvais"}
    )
    assertContains(response, "Adresse électronique ou mot de passe incorrect.")
    assert "_auth_user_id" not in client.session


def test_emails_are_stored_lower_case():
    user = User.objects.create_user("Camille.Martin@Exemple.FR", "x")
    assert user.email == "camille.martin@exemple.fr"


def test_repeated_failures_lock_the_account(client, outsider, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("core:login"), {"username": outsider.email, "password": "mauvais"})
    response = client.post(
        reverse("core:login"), {"username": outsider.email, "password": PASSWORD}
    )
    assert response.status_code == 429
    assertContains(response, "Trop de tentatives de connexion", status_code=429)
    assert "_auth_user_id" not in client.session


def test_a_forgotten_password_is_reset_through_an_emailed_link(client, outsider):
    client.post(reverse("core:password_reset"), {"email": outsider.email})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/mot-de-passe/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    assertContains(response, "Choisir un nouveau mot de passe")
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "un-nouveau-secret-2026", "new_password2": "un-nouveau-secret-2026"},
    )
    assert response.status_code == 302
    outsider.refresh_from_db()
    assert outsider.check_password("un-nouveau-secret-2026")


def test_an_unknown_email_gets_the_same_answer_and_no_mail(client):
    response = client.post(reverse("core:password_reset"), {"email": "inconnu@exemple.fr"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.parametrize("role", ROLES)
def test_my_space_requires_login_and_shows_the_roles(client_as, role, pole):
    response = client_as(role).get(reverse("core:dashboard"))
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("core:login"))
        return
    assert response.status_code == 200
    content = response.content.decode()
    assert (pole.name in content) is (role in {"member", "coordinator", "instructor"})


def test_a_coordinator_sees_what_is_left_to_do(client, coordinator, pole):
    client.force_login(coordinator)
    response = client.get(reverse("core:dashboard"))
    assertContains(response, "Pôle des Coteaux\xa0: ajouter un lieu")
    assertContains(response, "Aucune collectivité territoriale")


@pytest.mark.parametrize(
    ("role", "expected"), [("anonymous", 302), ("outsider", 302), ("admin_user", 200)]
)
def test_only_admins_reach_the_administration(client_as, role, expected):
    assert client_as(role).get("/admin/").status_code == expected


def test_the_logout_button_logs_out(client, outsider):
    client.force_login(outsider)
    response = client.post(reverse("core:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_failed_login_is_announced_once_and_in_the_title(client, outsider):
    response = client.post(
        reverse("core:login"), {"username": outsider.email, "password": "mauvais"}
    )
    content = response.content.decode()
    assert content.count("Adresse électronique ou mot de passe incorrect.") == 1
    assert "<title>Erreur&nbsp;: Connexion" in content
    assertContains(response, 'role="alert"')


@pytest.mark.parametrize(("url", "status", "text"), [("/nulle-part/", 404, "Page introuvable")])
def test_error_pages_are_in_french_within_the_site_layout(client, url, status, text):
    response = client.get(url)
    assertContains(response, text, status_code=status)
    assertContains(response, "Annuaire des pôles", status_code=status)


def test_a_forbidden_page_explains_why(client, member, pole):
    client.force_login(member)
    response = client.get(reverse("poles:manage", args=[pole.slug]))
    assertContains(response, "Seuls les coordinateurs du pôle peuvent faire cela.", status_code=403)
