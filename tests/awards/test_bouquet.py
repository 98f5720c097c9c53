import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ptce.awards import services_bouquet
from ptce.awards.models import ServiceDelivery, ServiceItem
from tests.awards.factories import running_agreement
from tests.calls.factories import CallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase1(pole):
    agreement = running_agreement(pole, amount=None, services="Bouquet de services")
    call = agreement.application.phase.call
    days = ServiceItem.objects.create(call=call, label="Journées d’accompagnement")
    ServiceItem.objects.create(call=call, label="Formation", unit="session")
    return agreement, days


def test_the_instructor_records_the_services_received_and_the_coordinator_reads_them(
    phase1, client, instructor, coordinator, pole, strict_templates
):
    agreement, days = phase1
    client.force_login(instructor)
    url = reverse("awards:delivery_add", args=[agreement.pk])
    page = client.get(url)
    token = page.context["delivery_form"]["once"].value()
    data = {"item": days.pk, "quantity": "2", "date": "2025-04-01", "once": token}

    first = client.post(url, data)
    again = client.post(url, data)  # a double click

    assert first.status_code == 302
    assert again.status_code == 302
    assert ServiceDelivery.objects.count() == 1
    client.force_login(coordinator)
    space = client.get(reverse("awards:pole_agreements", args=[pole.slug])).content.decode()
    assert "Journées d’accompagnement, 2 journées" in space
    assert services_bouquet.received(agreement) == [
        {"label": "Journées d’accompagnement", "unit": "journée", "total": Decimal("2.00")}
    ]


def test_a_service_of_another_call_or_a_bad_quantity_is_refused(phase1):
    agreement, days = phase1
    elsewhere = ServiceItem.objects.create(call=CallFactory(), label="Échanges entre pairs")

    with pytest.raises(ValidationError, match="pas au catalogue"):
        services_bouquet.delivery_record(
            agreement=agreement, item=elsewhere, quantity=Decimal(1), date=datetime.date(2025, 4, 1)
        )
    with pytest.raises(ValidationError):
        services_bouquet.delivery_record(
            agreement=agreement, item=days, quantity=Decimal(0), date=datetime.date(2025, 4, 1)
        )
    assert not ServiceDelivery.objects.exists()
