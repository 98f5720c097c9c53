"""/sante/: the load balancer's and the monitoring's question, answered without a login."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = "/sante/"


class BrokenCache:
    """A cache whose server is gone; its error message holds a secret the answer must not."""

    def set(self, *args, **kwargs):
        raise ConnectionError("redis://:motdepasse-secret@cache.interne:6379")

    def delete(self, *args, **kwargs):
        raise ConnectionError("redis://:motdepasse-secret@cache.interne:6379")


def test_the_address_is_sante():
    assert reverse("core:health") == URL


def test_everything_working_answers_200_to_an_anonymous_visitor(client, settings):
    settings.HUEY = None  # no task queue configured

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert response.json() == {
        "statut": "ok",
        "verifications": {
            "base_de_donnees": {"statut": "ok"},
            "cache": {"statut": "ok"},
            "file_de_taches": {"statut": "non configurée"},
            "stockage": {"statut": "ok"},
        },
    }


def test_the_storage_check_leaves_no_file_behind(client, private_media):
    client.get(URL)

    assert not [path for path in private_media.rglob("*") if path.is_file()]


def test_a_broken_cache_answers_503_naming_the_error_but_not_its_secret(client, monkeypatch):
    monkeypatch.setattr("ptce.core.health.cache", BrokenCache())

    response = client.get(URL)

    assert response.status_code == 503
    body = response.json()
    assert body["statut"] == "erreur"
    assert body["verifications"]["cache"] == {"statut": "erreur", "erreur": "ConnectionError"}
    assert body["verifications"]["base_de_donnees"] == {"statut": "ok"}
    assert "motdepasse" not in response.content.decode()


def test_an_unwritable_private_storage_answers_503(client, settings, tmp_path):
    settings.PTCE_PRIVATE_MEDIA_ROOT = tmp_path / "un-fichier"
    settings.PTCE_PRIVATE_MEDIA_ROOT.write_text("pas un dossier")

    response = client.get(URL)

    assert response.status_code == 503
    assert response.json()["verifications"]["stockage"]["statut"] == "erreur"


def test_a_configured_queue_is_asked_for_its_pending_tasks(client, settings):
    settings.HUEY = {"name": "ptce-sante", "immediate": True}

    response = client.get(URL)

    assert response.status_code == 200
    assert response.json()["verifications"]["file_de_taches"] == {"statut": "ok"}


def test_the_answer_is_read_only(client):
    response = client.post(URL)

    assert response.status_code == 405
    assert response["Allow"] == "GET"
