"""The call's bouquet of services, built by the national cell in the call editor: added once
whatever the clicks, one label per call, edits versioned, a delivered service kept."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ptce.awards.editor_bouquet import service_item_create
from ptce.awards.models import ServiceDelivery, ServiceItem
from ptce.core.confirm import FIELD, VALUE
from tests.awards.factories import running_agreement
from tests.calls.factories import CallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cell(client_as):
    return client_as("national_instructor")


def _create_url(call):
    return reverse("awards:editor_service_create", args=[call.pk])


def test_the_call_page_leads_to_its_bouquet(cell):
    call = CallFactory()
    page = cell.get(reverse("calls:editor_call", args=[call.pk])).content.decode()
    assert reverse("awards:editor_services", args=[call.pk]) in page


def test_a_double_submitted_service_is_added_once_at_the_end(cell):
    call = CallFactory()
    service_item_create(call=call, label="Formation", unit="session")
    token = cell.get(_create_url(call)).context["form"]["once"].initial
    data = {"label": "Journée d’accompagnement", "unit": "journée", "once": token}
    first = cell.post(_create_url(call), data)
    second = cell.post(_create_url(call), data)
    assert first.url == second.url == reverse("awards:editor_services", args=[call.pk])
    item = ServiceItem.objects.get(label="Journée d’accompagnement")
    assert item.position == 1
    page = cell.get(first.url).content.decode()
    assert page.index(">Formation<") < page.index(">Journée d’accompagnement<")
    assert "2 services" in page


def test_a_second_service_of_the_same_label_is_refused_with_a_link(cell):
    call = CallFactory()
    existing = service_item_create(call=call, label="Formation", unit="session")
    response = cell.post(_create_url(call), {"label": "Formation", "unit": "séance"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Le bouquet de cet appel a déjà le service « Formation »." in page
    assert reverse("awards:editor_service", args=[existing.pk]) in page
    assert ServiceItem.objects.count() == 1


def test_a_stale_service_edit_shows_the_conflict(cell):
    item = service_item_create(call=CallFactory(), label="Formation", unit="session")
    url = reverse("awards:editor_service", args=[item.pk])
    data = {"unit": "session", "position": 0, "version": item.version}
    assert cell.post(url, {**data, "label": "Formation collective"}).status_code == 302
    response = cell.post(url, {**data, "label": "Formation individuelle"})
    assert response.status_code == 409
    item.refresh_from_db()
    assert item.label == "Formation collective"


def test_deleting_a_service_is_confirmed(cell):
    item = service_item_create(call=CallFactory(), label="Formation", unit="session")
    url = reverse("awards:editor_service_delete", args=[item.pk])
    assert "Supprimer le service&nbsp;?" in cell.post(url).content.decode()
    assert ServiceItem.objects.exists()
    cell.post(url, {FIELD: VALUE})
    assert not ServiceItem.objects.exists()


def test_a_delivered_service_cannot_be_deleted(cell, pole):
    agreement = running_agreement(pole, amount=None, services="Bouquet de services")
    item = service_item_create(call=agreement.application.phase.call, label="Journée")
    ServiceDelivery.objects.create(
        agreement=agreement, item=item, quantity=2, date=datetime.date(2025, 4, 1)
    )
    url = reverse("awards:editor_service_delete", args=[item.pk])
    response = cell.post(url, {FIELD: VALUE}, follow=True)
    assert "a été délivré 1 fois à des lauréats\xa0: il ne peut pas être supprimé" in (
        response.content.decode()
    )
    assert ServiceItem.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("role", ["instructor", "coordinator", "outsider"])
def test_only_the_national_cell_builds_the_bouquet(client_as, role):
    call = CallFactory()
    item = service_item_create(call=call, label="Formation", unit="session")
    client = client_as(role)
    assert client.get(reverse("awards:editor_services", args=[call.pk])).status_code == 403
    assert client.post(_create_url(call), {"label": "X", "unit": "j"}).status_code == 403
    delete = reverse("awards:editor_service_delete", args=[item.pk])
    assert client.post(delete, {FIELD: VALUE}).status_code == 403
    assert list(ServiceItem.objects.values_list("label", flat=True)) == ["Formation"]


def test_the_bouquet_page_reads_a_fixed_number_of_queries(
    cell, django_assert_num_queries, strict_templates
):
    call = CallFactory()
    service_item_create(call=call, label="Formation", unit="session")
    url = reverse("awards:editor_services", args=[call.pk])
    with CaptureQueriesContext(connection) as first:
        assert cell.get(url).status_code == 200
    for n in range(3):
        service_item_create(call=call, label=f"Atelier {n}", unit="séance")
    with django_assert_num_queries(len(first)):
        assert "4 services" in cell.get(url).content.decode()
