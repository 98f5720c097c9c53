"""A person's data: downloaded from their account, erased on request (RGPD)."""

import json

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from ptce.assessments.models import Answer, Rater
from ptce.calls.models import Message
from ptce.cooperation.models import JoinRequest
from ptce.poles.models import Invitation, PolePerson
from ptce.privacy.services import ERASED_NAME, person_erase
from tests.access.world import build_world
from tests.calls.factories.instruction import MessageFactory
from tests.cooperation.factories import JoinRequestFactory

EMAIL = "membre@exemple.fr"
NAME = "Eulalie Zébulon"


@pytest.fixture
def world(db):
    """The access matrix's world; the member has a distinctive name, a sheet, a message, a
    history entry, an invitation to another pole and a join request under their address."""
    w = build_world()
    w.member = w.users["member"]
    w.member.first_name, w.member.last_name = NAME.split()
    w.member.save()
    w.rater.name = NAME
    w.rater.save()
    Answer.objects.create(
        rater=w.rater,
        criterion=w.referentiel.criteria.order_by("letter").first(),
        score=4,
        observation="Les réunions sont régulières.",
    )
    w.message = MessageFactory(
        application=w.application,
        author=w.member,
        body="Voici notre budget.",
        from_instruction=False,
    )
    MessageFactory(application=w.application, author=w.users["instructor"], body="Merci.")
    w.pole._history_user = w.member
    w.pole.description = "Une description revue par le membre."
    w.pole.contact_email = EMAIL
    w.pole.save()
    Invitation.objects.create(
        pole=w.other_pole,
        email=EMAIL,
        role="membre",
        token="jeton-membre",
        expires_at=w.pole.created_at,
    )
    JoinRequestFactory(pole=w.pole, contact_name=NAME, contact_email=EMAIL)
    return w


def rows_containing(text: str) -> list[str]:
    """Every `model.field` of the database holding `text` (any case)."""
    found = []
    for model in apps.get_models():
        for field in model._meta.fields:
            if isinstance(field, (models.CharField, models.TextField)):
                lookup = {f"{field.name}__icontains": text}
                if model._base_manager.filter(**lookup).exists():
                    found.append(f"{model._meta.label_lower}.{field.name}")
    return found


def download(client, user) -> dict:
    client.force_login(user)
    response = client.get(reverse("privacy:my_data_download"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return json.loads(response.content)


def test_a_person_downloads_their_account_roles_sheets_messages_and_history(client, world):
    data = download(client, world.member)

    assert data["compte"]["adresse_electronique"] == EMAIL
    assert data["compte"]["nom"] == "Zébulon"
    assert {row["pole"] for row in data["poles"]} == {
        world.pole.name,
        world.hidden_pole.name,
        world.archived_pole.name,
    }
    (sheet,) = data["feuilles_d_observation"]
    assert sheet["nom"] == NAME
    assert sheet["reponses"][0]["observation"] == "Les réunions sont régulières."
    assert [message["texte"] for message in data["messages"]] == ["Voici notre budget."]
    assert {
        (entry["objet"], entry["identifiant"], entry["modification"])
        for entry in data["historique"]
    } == {("pôle", world.pole.pk, "Modifié")}
    assert [row["pole"] for row in data["invitations_recues"]] == [world.other_pole.name]
    assert [row["personne_a_contacter"] for row in data["demandes_d_adhesion"]] == [NAME]


def test_the_download_holds_nobody_else_s_data(client, world):
    body = json.dumps(download(client, world.member), ensure_ascii=False)

    for other in ("coordination@exemple.fr", "instruction@exemple.fr", "alex@exemple.fr", "Merci."):
        assert other not in body
    assert "Alex Dupont" not in body


def test_the_my_data_page_links_to_the_download_and_states_retention(client, world, settings):
    settings.PTCE_RETENTION_LOGIN_LOG_MONTHS = 7
    client.force_login(world.member)

    response = client.get(reverse("privacy:my_data"))

    assert response.status_code == 200
    assert reverse("privacy:my_data_download") in response.content.decode()
    assert "7 mois" in response.content.decode()


def test_erasing_a_person_removes_their_name_and_address_everywhere(world):
    assert "assessments.rater.email" in rows_containing(EMAIL)
    assert "assessments.rater.name" in rows_containing("Zébulon")
    assert "poles.historicalpole.contact_email" in rows_containing(EMAIL)

    person_erase(user=world.member)

    assert rows_containing(EMAIL) == []
    assert rows_containing("Zébulon") == []
    world.member.refresh_from_db()
    assert not world.member.is_active
    assert not world.member.has_usable_password()
    assert world.member.get_full_name() == ERASED_NAME


def test_erasing_a_person_keeps_their_contributions_without_their_name(world):
    person_erase(user=world.member)

    world.rater.refresh_from_db()
    assert (world.rater.user, world.rater.name, world.rater.email) == (
        world.member,
        ERASED_NAME,
        "",
    )
    assert world.rater.answers.get().observation == "Les réunions sont régulières."
    assert Message.objects.get(pk=world.message.pk).author == world.member
    record = world.pole.history.filter(history_user=world.member).get()
    assert record.description == "Une description revue par le membre."
    assert JoinRequest.objects.filter(contact_name=ERASED_NAME).count() == 1
    assert not PolePerson.objects.filter(user=world.member).exists()


def test_deleting_an_account_in_the_admin_removes_its_name_from_rater_rows(client, world):
    client.force_login(world.users["admin_user"])

    response = client.post(
        reverse("admin:core_user_delete", args=[world.member.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    rater = Rater.objects.get(pk=world.rater.pk)
    assert (rater.user, rater.name, rater.email) == (None, ERASED_NAME, "")


def test_the_admin_erases_a_person_after_a_confirmation(client, world):
    client.force_login(world.users["admin_user"])
    url = reverse("admin:core_user_changelist")
    chosen = {"action": "erase_people", "_selected_action": [world.member.pk]}

    confirmation = client.post(url, chosen)
    assert "irréversible" in confirmation.content.decode()
    world.member.refresh_from_db()
    assert world.member.email == EMAIL

    client.post(url, {**chosen, "confirmation": "oui"})
    world.member.refresh_from_db()
    assert world.member.email != EMAIL
    assert not world.member.is_active
