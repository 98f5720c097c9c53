"""The one-time token of creation forms (`ptce/core/once.py`)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ptce.cooperation.models import TerritoryNeed
from ptce.core.models import SubmittedForm
from ptce.core.once import purge
from tests.concurrency import once_token
from tests.cooperation.factories import TerritoryNeedFactory

pytestmark = pytest.mark.django_db


def test_each_load_of_a_creation_form_carries_a_new_token(client_as, pole, member):
    client = client_as("member")
    address = reverse("cooperation:need_add", args=[pole.slug])
    assert once_token(client.get(address)) != once_token(client.get(address))


def test_an_edit_form_carries_no_token(client_as, pole, coordinator):
    need = TerritoryNeedFactory(pole=pole)
    response = client_as("coordinator").get(
        reverse("cooperation:need_edit", args=[pole.slug, need.pk])
    )
    assert 'name="once"' not in response.text


def test_a_form_refused_then_corrected_with_the_same_token_is_created(client_as, pole, member):
    client = client_as("member")
    address = reverse("cooperation:need_add", args=[pole.slug])
    token = once_token(client.get(address))
    refused = client.post(address, {"title": "", "once": token})
    assert refused.status_code == 200
    assert once_token(refused) == token  # shown again with the token of the first attempt
    assert client.post(address, {"title": "Mobilité", "once": token}).status_code == 302
    assert TerritoryNeed.objects.filter(pole=pole).count() == 1


def test_a_form_sent_without_token_is_not_checked(client_as, pole, member):
    client = client_as("member")
    address = reverse("cooperation:need_add", args=[pole.slug])
    assert client.post(address, {"title": "Mobilité"}).status_code == 302
    assert not SubmittedForm.objects.exists()


def test_old_tokens_are_purged_and_recent_ones_kept():
    old = SubmittedForm.objects.create(token="ancien", url="/a/")
    SubmittedForm.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))
    SubmittedForm.objects.create(token="recent", url="/b/")
    assert purge() == 1
    assert list(SubmittedForm.objects.values_list("token", flat=True)) == ["recent"]


def test_the_purge_command_says_how_many_tokens_it_deleted():
    old = SubmittedForm.objects.create(token="ancien")
    SubmittedForm.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))
    out = StringIO()
    call_command("once_purge", stdout=out)
    assert out.getvalue().strip() == "1 jeton(s) supprimé(s)."
