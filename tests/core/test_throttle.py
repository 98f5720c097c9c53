"""The lockout and the throttles behind the documented reverse proxy (issue « Trust »,
finding 5: django-axes keyed on REMOTE_ADDR, so behind a proxy one person's five wrong
passwords locked everyone out; password reset had no rate limit)."""

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from pytest_django.asserts import assertContains

from ptce.cooperation.models import JoinRequest
from ptce.core.throttle import client_ip
from ptce.poles.models import Pole
from tests.conftest import PASSWORD
from tests.cooperation.join.test_join import join_url, valid_data

PROXY = "10.0.0.2"  # the reverse proxy: every request reaches the application from it


def through_proxy(address: str) -> dict:
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": address}


@pytest.mark.parametrize(
    ("count", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "192.0.2.1"}, "192.0.2.1"),
        (0, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.1"}, PROXY),
        (1, through_proxy("192.0.2.1"), "192.0.2.1"),
        # Whatever the client writes on the left proves nothing: the proxy's entry counts.
        (1, through_proxy("198.51.100.9, 192.0.2.1"), "192.0.2.1"),
        (2, through_proxy("198.51.100.9, 192.0.2.1, 10.0.0.3"), "192.0.2.1"),
        (1, {"REMOTE_ADDR": PROXY}, PROXY),
    ],
)
def test_the_client_address_is_read_behind_the_trusted_proxies(settings, count, meta, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(RequestFactory().get("/", **meta)) == expected


@pytest.mark.django_db
def test_one_person_locked_out_behind_the_proxy_does_not_lock_out_another(
    client, outsider, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    login = reverse("core:login")
    for _ in range(3):
        client.post(
            login, {"username": outsider.email, "password": "mauvais"}, **through_proxy("192.0.2.1")
        )
    locked = client.post(
        login, {"username": outsider.email, "password": PASSWORD}, **through_proxy("192.0.2.1")
    )
    assert locked.status_code == 429

    elsewhere = client.post(
        login, {"username": outsider.email, "password": PASSWORD}, **through_proxy("192.0.2.77")
    )
    assert elsewhere.status_code == 302
    assert client.session["_auth_user_id"] == str(outsider.pk)


@pytest.mark.django_db
def test_password_reset_is_rate_limited_per_client_and_sends_nothing_over_the_limit(
    client, outsider, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.PTCE_RATE_PASSWORD_RESET = "2/h"
    url = reverse("core:password_reset")
    for _ in range(2):
        client.post(url, {"email": outsider.email}, **through_proxy("192.0.2.1"))
    assert len(mail.outbox) == 2

    response = client.post(url, {"email": outsider.email}, **through_proxy("192.0.2.1"))

    assertContains(response, "Trop de demandes", status_code=429)
    assert len(mail.outbox) == 2
    client.post(url, {"email": outsider.email}, **through_proxy("192.0.2.8"))
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_join_requests_are_rate_limited_per_client(client, pole, coordinator, settings):
    settings.PTCE_RATE_JOIN_REQUEST = "1/h"
    client.post(join_url(pole), valid_data())
    response = client.post(
        join_url(pole), valid_data(organisation_name="Autre", siret="", rna="W311234567")
    )
    assertContains(response, "Trop de demandes", status_code=429)
    assert JoinRequest.objects.count() == 1


@pytest.mark.django_db
def test_pole_creation_is_rate_limited_per_client(client_as, settings):
    settings.PTCE_RATE_POLE_CREATE = "1/h"
    client = client_as("outsider")
    data = {"name": "Pôle des Coteaux", "summary": "", "form": "grappe"}
    client.post(reverse("poles:create"), data)
    response = client.post(reverse("poles:create"), {**data, "name": "Pôle des Vallons"})
    assertContains(response, "Trop de demandes", status_code=429)
    assert list(Pole.objects.values_list("name", flat=True)) == ["Pôle des Coteaux"]
