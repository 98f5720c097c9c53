"""The weekly alert of the saved searches: the worker looks every morning; a search is due a
week after what is new is counted from; one email per person; nothing new, nothing sent; a
second run sends nothing; what was sent is not sent again."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from ptce.cooperation.models import MeetingKind, SavedSearch
from ptce.cooperation.searches.alerts import saved_search_alerts_send
from ptce.cooperation.tasks import saved_search_alerts_send as alerts_job
from ptce.poles.models import PersonRole
from tests.cooperation.factories import MeetingFactory, SharedResourceFactory
from tests.poles.factories import PoleFactory, PolePersonFactory
from tests.public.test_map_near import text

pytestmark = pytest.mark.django_db

SAVED = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)


def at(days: float) -> datetime.datetime:
    return SAVED + datetime.timedelta(days=days)


def energy_pole(name: str, **fields):
    pole = PoleFactory(name=name, **fields)
    pole.sectors.set(["energie"])
    return pole


@pytest.fixture
def old_pole(region):
    with freeze_time(at(-30)):
        return energy_pole("Pôle ancien", region=region)


@pytest.fixture
def search(client, outsider, old_pole):
    """The outsider saves « Filière : Énergie » from the directory, with its alert."""
    client.force_login(outsider)
    with freeze_time(SAVED):
        client.post(
            reverse("cooperation:saved_search_create"), {"query": "filiere=energie", "alert": "1"}
        )
    return SavedSearch.objects.get(owner=outsider)


@pytest.fixture
def news(old_pole, region):
    """Three days after: a new energy pole, a public event and a meeting announced in the old
    one, a resource proposed in it, and a new pole of another filière."""
    with freeze_time(at(3)):
        energy_pole("Pôle neuf des énergies", region=region)
        PoleFactory(name="Pôle du bois").sectors.set(["bois"])
        MeetingFactory(
            pole=old_pole,
            kind=MeetingKind.PUBLIC_EVENT,
            title="Forum de l’énergie citoyenne",
            starts_at=at(20),
        )
        MeetingFactory(pole=old_pole, title="Comité de pilotage secret", starts_at=at(20))
        SharedResourceFactory(pole=old_pole, title="Un local partagé")


def send(now, capture):
    with capture(execute=True):
        return saved_search_alerts_send(now=now)


def test_a_week_later_one_email_lists_the_new_poles_and_public_events_of_the_search(
    search, news, outsider, django_capture_on_commit_callbacks
):
    assert send(at(7) + datetime.timedelta(hours=1), django_capture_on_commit_callbacks) == 1

    [message] = mail.outbox
    assert message.to == [outsider.email]
    assert message.subject == "Du nouveau pour vos recherches enregistrées"
    assert "== Filière\u00a0: Énergie ==" in message.body
    assert "Pôle neuf des énergies" in message.body
    assert "Forum de l’énergie citoyenne" in message.body
    assert "Pôle ancien" not in message.body.split("Nouveaux pôles")[1].split("Nouveaux év")[0]
    assert "Pôle du bois" not in message.body
    assert "Comité de pilotage secret" not in message.body  # not a public event
    # A shared resource is read only by the people of the pole: the outsider is not told.
    assert "Un local partagé" not in message.body
    assert "/poles/?filiere=energie" in message.body
    search.refresh_from_db()
    assert search.last_sent_at == at(7) + datetime.timedelta(hours=1)


def test_a_person_of_the_pole_is_told_of_its_new_shared_resources(
    client, search, news, old_pole, outsider, django_capture_on_commit_callbacks
):
    PolePersonFactory(pole=old_pole, user=outsider, role=PersonRole.MEMBER)
    send(at(8), django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert "Offre (Locaux)\xa0: Un local partagé, pôle Pôle ancien" in message.body
    assert f"/poles/{old_pole.slug}/ressources/" in message.body


def test_nothing_is_sent_before_a_week(search, news, django_capture_on_commit_callbacks):
    assert send(at(6.9), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_second_run_the_same_day_sends_nothing(search, news, django_capture_on_commit_callbacks):
    assert send(at(7.1), django_capture_on_commit_callbacks) == 1
    assert send(at(7.2), django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1


def test_nothing_new_sends_nothing_and_writes_nothing(search, django_capture_on_commit_callbacks):
    assert send(at(8), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    search.refresh_from_db()
    assert search.last_sent_at is None
    assert search.alert_from == SAVED


def test_what_was_sent_is_not_sent_again_only_what_came_after(
    search, news, region, django_capture_on_commit_callbacks
):
    send(at(7.1), django_capture_on_commit_callbacks)
    with freeze_time(at(9)):
        energy_pole("Pôle de la semaine suivante", region=region)

    assert send(at(13), django_capture_on_commit_callbacks) == 0  # a week after the last email
    assert send(at(14.2), django_capture_on_commit_callbacks) == 1

    second = mail.outbox[1].body
    assert "Pôle de la semaine suivante" in second
    assert "Pôle neuf des énergies" not in second
    assert "Forum de l’énergie citoyenne" not in second


def test_a_pole_published_before_the_search_then_edited_is_not_new(
    search, old_pole, django_capture_on_commit_callbacks
):
    with freeze_time(at(2)):
        old_pole.summary = "Un résumé revu."
        old_pole.save()
    assert send(at(8), django_capture_on_commit_callbacks) == 0


def test_an_unpublished_pole_is_not_announced(search, region, django_capture_on_commit_callbacks):
    with freeze_time(at(2)):
        energy_pole("Pôle pas encore publié", region=region, is_published=False)
    assert send(at(8), django_capture_on_commit_callbacks) == 0


def test_one_email_per_person_for_all_their_searches(
    client, search, news, outsider, django_capture_on_commit_callbacks
):
    with freeze_time(SAVED):
        client.post(reverse("cooperation:saved_search_create"), {"query": "q=neuf", "alert": "1"})
    send(at(8), django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert "== Filière\u00a0: Énergie ==" in message.body
    assert "== «\xa0neuf\xa0» ==" in message.body


def test_a_search_without_alert_or_of_an_inactive_person_sends_nothing(
    search, news, outsider, django_capture_on_commit_callbacks
):
    outsider.is_active = False
    outsider.save()
    assert send(at(8), django_capture_on_commit_callbacks) == 0
    outsider.is_active = True
    outsider.save()
    SavedSearch.objects.update(alert=False, alert_from=None)
    assert send(at(8), django_capture_on_commit_callbacks) == 0


def test_the_emails_unsubscribe_link_stops_the_alert_without_login(
    client, search, news, django_capture_on_commit_callbacks
):
    send(at(8), django_capture_on_commit_callbacks)
    link = next(
        line.split("\xa0: ", 1)[1]
        for line in mail.outbox[0].body.splitlines()
        if line.startswith("Ne plus recevoir ce courriel")
    )
    client.logout()
    response = client.post(urlsplit(link).path)
    assert "Vous ne recevrez plus de courriel pour cette recherche." in text(response)
    search.refresh_from_db()
    assert not search.alert


def test_the_email_has_a_one_click_list_unsubscribe_header(
    search, news, outsider, django_capture_on_commit_callbacks
):
    send(at(8), django_capture_on_commit_callbacks)
    message = mail.outbox[0].message()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message["List-Unsubscribe"]
    assert link.startswith("<https://") or link.startswith("<http://")
    assert link.endswith(">")
    assert "/mes-recherches/desabonnement/toutes/" in link


def _one_click(link: str, body: str = "List-Unsubscribe=One-Click"):
    """A mail client's RFC 8058 POST: no session, no CSRF token, a form body."""
    client = Client(enforce_csrf_checks=True)
    return client.post(
        urlsplit(link.strip("<>")).path, body, content_type="application/x-www-form-urlencoded"
    )


def test_the_headers_one_click_post_stops_every_alert_without_login_nor_csrf_token(
    client, search, news, django_capture_on_commit_callbacks
):
    client.post(reverse("cooperation:saved_search_create"), {"query": "q=neuf", "alert": "1"})
    send(at(8), django_capture_on_commit_callbacks)
    link = mail.outbox[0].message()["List-Unsubscribe"]

    response = _one_click(link)

    assert response.status_code == 200
    assert "toutes leurs alertes sont arrêtées" in text(response)
    assert not SavedSearch.objects.filter(alert=True).exists()
    assert _one_click(link).status_code == 200  # a second click changes nothing
    opened = Client().get(urlsplit(link.strip("<>")).path)  # nothing left to stop
    assert "toutes leurs alertes sont arrêtées" in text(opened)
    assert "Arrêter toutes mes alertes" not in text(opened)


def test_the_headers_link_opened_shows_a_button_and_changes_nothing(
    search, news, django_capture_on_commit_callbacks
):
    send(at(8), django_capture_on_commit_callbacks)
    link = mail.outbox[0].message()["List-Unsubscribe"]
    response = Client().get(urlsplit(link.strip("<>")).path)
    assert "Arrêter toutes mes alertes" in text(response)
    search.refresh_from_db()
    assert search.alert


def test_a_badly_signed_one_click_link_changes_nothing_and_says_so_in_french(
    search, news, django_capture_on_commit_callbacks
):
    send(at(8), django_capture_on_commit_callbacks)
    link = mail.outbox[0].message()["List-Unsubscribe"].strip("<>")
    forged = link.rstrip("/")[:-3] + "abc/"

    response = _one_click(forged)

    assert response.status_code == 404
    assert "Ce lien de désabonnement n’est pas valide" in text(response)
    assert "rien n’a changé" in text(response)
    search.refresh_from_db()
    assert search.alert


def test_the_alert_job_looks_every_morning_at_7_40_utc():
    runs = alerts_job.task_class().validate_datetime
    assert runs(datetime.datetime(2026, 3, 3, 7, 40))
    assert runs(datetime.datetime(2026, 3, 4, 7, 40))
    assert not runs(datetime.datetime(2026, 3, 4, 8, 40))


@pytest.mark.parametrize("count", [1, 6])
def test_the_alerts_queries_do_not_grow_with_what_is_new(
    search, region, old_pole, count, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with freeze_time(at(3)):
        for index in range(count):
            energy_pole(f"Pôle neuf n° {index}", region=region)
            MeetingFactory(pole=old_pole, kind=MeetingKind.PUBLIC_EVENT, starts_at=at(20))
    cache.clear()
    # The owners, their searches (locked), the filière, the new poles, resources and events,
    # the searches written, and the savepoints: the same whatever is new.
    with django_assert_num_queries(9):
        assert send(at(8), django_capture_on_commit_callbacks) == 1
