import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ptce.awards.models import Agreement, AgreementState, InstalmentState
from tests.awards.factories import (
    GRANTOR_SIRET,
    draft_agreement,
    laureate,
    running_agreement,
    schedule,
)
from tests.editing import reapply, stale_save
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db


def test_the_instructor_creates_the_agreement_prefilled_from_the_decision(
    client_as, pole, strict_templates, settings
):
    settings.PTCE_AWARDS_GRANTOR_SIRET = GRANTOR_SIRET
    application = laureate(pole, Decimal("80000"))
    client = client_as("instructor")
    url = reverse("awards:agreement_create", args=[application.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert 'value="80000' in page.content.decode()

    data = {
        "amount_granted": "80000",
        "purpose": "Soutien au pôle",
        "duration_months": "24",
        "grantor_name": "État",
        "grantor_siret": GRANTOR_SIRET,
        "beneficiary_name": "Porteur",
        "beneficiary_siret": pole.carrier.siret,
    }
    response = client.post(url, data)
    again = client.post(url, data)

    agreement = Agreement.objects.get(application=application)
    assert response.url == reverse("awards:agreement", args=[agreement.pk])
    assert again.url == response.url
    assert Agreement.objects.count() == 1


def test_a_bad_amount_is_refused_in_french_and_nothing_is_written(client_as, pole):
    application = laureate(pole)
    response = client_as("instructor").post(
        reverse("awards:agreement_create", args=[application.pk]),
        {
            "amount_granted": "-5",
            "purpose": "x",
            "duration_months": "24",
            "grantor_name": "État",
            "beneficiary_name": "P",
        },
    )
    assert response.status_code == 400
    assert "supérieure ou égale à 0.01" in response.content.decode()
    assert not Agreement.objects.exists()


def test_the_agreement_page_shows_totals_and_alerts(client_as, pole, strict_templates):
    agreement = running_agreement(pole)
    schedule(agreement, (30000, datetime.date(2025, 3, 1)), condition="rapport intermédiaire reçu")

    page = client_as("instructor").get(reverse("awards:agreement", args=[agreement.pk]))

    content = page.content.decode()
    assert page.status_code == 200
    assert "Reste à verser&nbsp;: 100\u202f000\u202f€" in content
    assert (
        "sa condition n’est pas remplie&nbsp;: «&nbsp;rapport intermédiaire reçu&nbsp;»" in content
    )
    assert "il en faut au moins 2" in content


def test_the_over_schedule_is_refused_on_the_page(client_as, pole):
    agreement = running_agreement(pole, amount=Decimal("10000"))
    response = client_as("instructor").post(
        reverse("awards:instalment_add", args=[agreement.pk]),
        {"amount": "20000", "due_date": "2025-06-01", "condition": ""},
    )
    assert response.status_code == 400
    assert "dépasserait la subvention accordée" in response.content.decode()
    assert not agreement.instalments.exists()


def test_paying_asks_for_confirmation_then_records_the_payment(client_as, pole, strict_templates):
    agreement = running_agreement(pole)
    (instalment,) = schedule(agreement, (30000, datetime.date(2025, 3, 1)))
    client = client_as("instructor")
    for name in ("request", "approve"):
        client.post(
            reverse("awards:instalment_transition", args=[agreement.pk, instalment.pk, name])
        )
    url = reverse("awards:instalment_transition", args=[agreement.pk, instalment.pk, "pay"])

    confirm = client.get(url)
    assert "ne pourra pas être annulé" in confirm.content.decode()
    client.post(url, {"paid_on": "2025-03-05", "paid_amount": "30000"})

    instalment.refresh_from_db()
    assert instalment.state == InstalmentState.PAID
    assert instalment.paid_on == datetime.date(2025, 3, 5)


def test_a_refused_move_says_why_in_french(client_as, pole):
    agreement = draft_agreement(pole)
    response = client_as("instructor").post(
        reverse("awards:agreement_transition", args=[agreement.pk, "sign"])
    )
    assert response.status_code == 400
    assert "Avant d’enregistrer la signature" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.state == AgreementState.DRAFT


def test_the_signed_convention_is_uploaded_and_downloaded_privately(client_as, pole, coordinator):
    agreement = running_agreement(pole)
    client = client_as("instructor")
    client.post(
        reverse("awards:convention_upload", args=[agreement.pk]),
        {"file": SimpleUploadedFile("signee.pdf", b"%PDF-1.4 x", content_type="application/pdf")},
    )
    stored = agreement.files.get(original_name="signee.pdf")

    client.force_login(coordinator)
    response = client.get(reverse("awards:file", args=[agreement.pk, stored.pk]))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_a_stale_edit_gets_the_conflict_page(client, pole, instructor):
    agreement = draft_agreement(pole)
    client.force_login(instructor)
    url = reverse("awards:agreement_edit", args=[agreement.pk])

    conflict = stale_save(
        client, url, theirs={"purpose": "Première version"}, yours={"purpose": "Seconde"}
    )
    reapply(client, url, conflict)

    agreement.refresh_from_db()
    assert agreement.purpose == "Seconde"


def test_the_coordinator_reads_what_is_due_and_paid_but_not_the_draft(
    client_as, pole, strict_templates
):
    running = running_agreement(pole)
    schedule(running, (30000, datetime.date(2025, 3, 1)))
    draft_agreement(pole)

    page = client_as("coordinator").get(reverse("awards:pole_agreements", args=[pole.slug]))

    content = page.content.decode()
    assert page.status_code == 200
    assert "Prochaine échéance" in content
    assert "30\u202f000\u202f€" in content
    assert content.count("<section") == 1


def test_the_follow_up_list_shows_queues_and_costs_a_fixed_number_of_queries(
    client_as, region, django_assert_num_queries, strict_templates
):
    client = client_as("instructor")
    url = reverse("awards:list")
    first = running_agreement(PoleFactory(region=region))
    (instalment,) = schedule(first, (1000, datetime.date(2025, 3, 1)))
    client.post(reverse("awards:instalment_transition", args=[first.pk, instalment.pk, "request"]))
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(3):
        other = running_agreement(PoleFactory(region=region))
        schedule(other, (1000, datetime.date(2025, 3, 1)))

    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(url)

    content = page.content.decode()
    assert "1 versement à approuver" in content
    assert "4 conventions avec des comités de suivi à tenir" in content


def test_the_list_offers_to_create_the_agreement_of_a_laureate_without_one(
    client_as, pole, strict_templates
):
    application = laureate(pole)

    page = client_as("instructor").get(reverse("awards:list"))

    content = page.content.decode()
    assert "1 lauréat sans convention" in content
    assert reverse("awards:agreement_create", args=[application.pk]) in content


def test_an_implausible_date_is_refused_in_french(client_as, pole):
    agreement = draft_agreement(pole)
    url = reverse("awards:agreement_edit", args=[agreement.pk])
    client = client_as("instructor")
    data = {
        "amount_granted": "100000",
        "purpose": "Soutien",
        "duration_months": "24",
        "grantor_name": "État",
        "beneficiary_name": "Porteur",
        "start_date": "9999-01-01",
        "version": str(agreement.version),
    }

    response = client.post(url, data)

    assert response.status_code == 400
    assert "Indiquez une date entre 1900 et 2100." in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.start_date is None
