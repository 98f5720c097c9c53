"""Bad input gets a French page and changes nothing (issue « Nothing lost »: a 3 MB POST got
Django's bare English « Bad Request (400) »)."""

import pytest
from django.urls import reverse

from ptce.poles.models import Pole

pytestmark = pytest.mark.django_db


def test_an_oversized_post_gets_a_french_413_page_and_nothing_is_saved(client_as, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client_as("outsider").post(
        reverse("poles:create"), {"name": "Pôle", "form": "grappe", "summary": "x" * 5000}
    )
    assert response.status_code == 413
    assert "Envoi trop volumineux" in response.content.decode()
    assert not Pole.objects.exists()


def test_too_many_fields_get_the_same_page(client_as, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = {f"champ{i}": "x" for i in range(20)}
    response = client_as("outsider").post(reverse("poles:create"), data)
    assert response.status_code == 413
    assert "Rien n’a été enregistré" in response.content.decode()
