import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ptce.awards import services, services_schedule
from ptce.awards.models import Agreement, AgreementState, InstalmentState
from ptce.calls.models import ApplicationState
from tests.awards.factories import (
    GRANTOR_SIRET,
    draft_agreement,
    laureate,
    paid,
    pdf,
    running_agreement,
    schedule,
    signed_agreement,
)
from tests.calls.factories.instruction import application_in

pytestmark = pytest.mark.django_db


def test_an_agreement_is_created_from_the_decision_with_the_amount_granted(pole, instructor):
    application = laureate(pole, Decimal("80000"))

    agreement, created = services.agreement_create(application=application, by=instructor)

    assert created
    assert agreement.state == AgreementState.DRAFT
    assert agreement.amount_granted == Decimal("80000")
    assert agreement.beneficiary_name == pole.carrier.name
    assert agreement.beneficiary_siret == pole.carrier.siret


def test_creating_twice_gives_the_one_agreement(pole, instructor):
    application = laureate(pole)

    first, _ = services.agreement_create(application=application, by=instructor)
    second, created = services.agreement_create(
        application=application, by=instructor, amount_granted=Decimal("5")
    )

    assert not created
    assert second.pk == first.pk
    assert Agreement.objects.filter(application=application).count() == 1
    assert second.amount_granted == Decimal("100000")


def test_an_application_not_laureate_has_no_agreement(pole, instructor):
    application = application_in(pole, ApplicationState.REJECTED)

    with pytest.raises(ValidationError, match="Seule une candidature lauréate"):
        services.agreement_create(application=application, by=instructor)
    assert not Agreement.objects.exists()


def test_a_bouquet_of_services_is_support_without_a_grant(pole, instructor):
    application = laureate(pole, amount=None)

    agreement, _ = services.agreement_create(application=application, by=instructor)

    assert agreement.amount_granted is None
    assert agreement.services == "Bouquet de services"


def test_an_implausible_grant_is_refused_in_french(pole, instructor):
    application = laureate(pole)

    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            application=application, by=instructor, amount_granted=Decimal("99999999")
        )
    assert "amount_granted" in error.value.message_dict
    assert not Agreement.objects.exists()


def test_signing_asks_for_the_signed_convention_and_dates(pole, instructor):
    agreement = draft_agreement(pole, by=instructor)

    with pytest.raises(ValidationError) as error:
        services.agreement_move(agreement=agreement, name="sign", by=instructor)

    message = " ".join(error.value.messages)
    assert "la convention signée" in message
    assert "la date de signature" in message
    agreement.refresh_from_db()
    assert agreement.state == AgreementState.DRAFT
    assert not agreement.transitions.exists()


def test_the_agreement_lives_its_workflow_with_a_log_row_per_move(pole, instructor):
    agreement = signed_agreement(pole, by=instructor)
    services.agreement_move(agreement=agreement, name="start", by=instructor)
    services.agreement_move(
        agreement=agreement, name="suspend", by=instructor, reason="Rapport non remis"
    )
    services.agreement_move(agreement=agreement, name="resume", by=instructor)
    services.agreement_move(agreement=agreement, name="close", by=instructor)

    agreement.refresh_from_db()
    assert agreement.state == AgreementState.CLOSED
    moves = [(t.from_state, t.to_state, t.by) for t in agreement.transitions.all()]
    assert moves == [
        ("brouillon", "signee", instructor),
        ("signee", "en_cours", instructor),
        ("en_cours", "suspendue", instructor),
        ("suspendue", "en_cours", instructor),
        ("en_cours", "cloturee", instructor),
    ]
    assert agreement.transitions.get(to_state="suspendue").reason == "Rapport non remis"


def test_suspending_without_a_reason_is_refused(pole, instructor):
    agreement = running_agreement(pole, by=instructor)

    with pytest.raises(ValidationError, match="Indiquez le motif"):
        services.agreement_move(agreement=agreement, name="suspend", by=instructor)


def test_a_closed_agreement_refuses_every_move_in_french(pole, instructor):
    agreement = running_agreement(pole, by=instructor)
    services.agreement_move(agreement=agreement, name="close", by=instructor)

    with pytest.raises(ValidationError, match="clôturée : elle ne peut plus changer d’état"):
        services.agreement_move(agreement=agreement, name="resume", by=instructor)


def test_a_move_from_the_wrong_state_names_where_it_is_possible(pole, instructor):
    agreement = draft_agreement(pole, by=instructor)

    with pytest.raises(ValidationError) as refused:
        services.agreement_move(agreement=agreement, name="close", by=instructor)
    assert "n’est possible que pour une convention «\xa0En cours\xa0»" in refused.value.messages[0]


def test_the_schedule_may_not_exceed_the_amount_granted(pole, instructor):
    agreement = running_agreement(pole, by=instructor, amount=Decimal("100000"))
    schedule(agreement, (60000, datetime.date(2025, 3, 1)), (30000, datetime.date(2026, 3, 1)))

    with pytest.raises(ValidationError) as error:
        schedule(agreement, (20000, datetime.date(2026, 9, 1)))

    message = " ".join(error.value.message_dict["amount"])
    assert "dépasserait la subvention accordée" in message
    assert "il reste 10\u202f000\u202f€" in message
    assert agreement.instalments.count() == 2


def test_a_bouquet_of_services_has_no_instalment(pole, instructor):
    agreement = draft_agreement(pole, by=instructor, amount=None, services="Deux formations")

    with pytest.raises(ValidationError, match="bouquet de services"):
        schedule(agreement, (1000, datetime.date(2025, 3, 1)))


def test_an_instalment_is_requested_approved_and_paid_with_its_log(pole, instructor):
    agreement = running_agreement(pole, by=instructor)
    (instalment,) = schedule(agreement, (50000, datetime.date(2025, 3, 1)))

    instalment = paid(instalment, on=datetime.date(2025, 3, 10), by=instructor)

    assert instalment.state == InstalmentState.PAID
    assert instalment.paid_on == datetime.date(2025, 3, 10)
    assert instalment.paid_amount == Decimal("50000")
    assert [t.to_state for t in instalment.transitions.all()] == ["demande", "approuve", "verse"]


def test_an_instalment_whose_condition_is_not_met_is_not_approved(pole, instructor):
    agreement = running_agreement(pole, by=instructor)
    (instalment,) = schedule(
        agreement, (50000, datetime.date(2025, 3, 1)), condition="rapport intermédiaire reçu"
    )
    services_schedule.instalment_move(instalment=instalment, name="request", by=instructor)

    with pytest.raises(ValidationError) as refused:
        services_schedule.instalment_move(instalment=instalment, name="approve", by=instructor)
    assert "«\xa0rapport intermédiaire reçu\xa0»" in refused.value.messages[0]

    services_schedule.instalment_condition_set(instalment=instalment, met=True)
    approved = services_schedule.instalment_move(
        instalment=instalment, name="approve", by=instructor
    )
    assert approved.state == InstalmentState.APPROVED


def test_no_instalment_moves_while_the_agreement_is_suspended(pole, instructor):
    agreement = running_agreement(pole, by=instructor)
    (instalment,) = schedule(agreement, (50000, datetime.date(2025, 3, 1)))
    services.agreement_move(agreement=agreement, name="suspend", by=instructor, reason="Audit")

    with pytest.raises(ValidationError, match="aucun versement n’avance"):
        services_schedule.instalment_move(instalment=instalment, name="request", by=instructor)


def test_paying_more_than_the_instalment_is_refused(pole, instructor):
    agreement = running_agreement(pole, by=instructor)
    (instalment,) = schedule(agreement, (50000, datetime.date(2025, 3, 1)))
    for name in ("request", "approve"):
        services_schedule.instalment_move(instalment=instalment, name=name, by=instructor)

    with pytest.raises(ValidationError, match="ne peut dépasser le montant prévu"):
        services_schedule.instalment_move(
            instalment=instalment,
            name="pay",
            by=instructor,
            paid_on=datetime.date(2025, 3, 1),
            paid_amount=Decimal("60000"),
        )
    instalment.refresh_from_db()
    assert instalment.state == InstalmentState.APPROVED


def test_a_suspended_instalment_keeps_its_reason_and_resumes(pole, instructor):
    agreement = running_agreement(pole, by=instructor)
    (instalment,) = schedule(agreement, (50000, datetime.date(2025, 3, 1)))

    suspended = services_schedule.instalment_move(
        instalment=instalment, name="suspend", by=instructor, reason="Pièces manquantes"
    )
    resumed = services_schedule.instalment_move(instalment=suspended, name="resume", by=instructor)

    assert suspended.state_reason == "Pièces manquantes"
    assert resumed.state == InstalmentState.PLANNED


def test_a_committee_is_recorded_with_its_minutes(pole, instructor, private_media):
    agreement = running_agreement(pole, by=instructor)

    committee = services_schedule.committee_record(
        agreement=agreement,
        date=datetime.date(2025, 6, 1),
        attendees="État\nRégion\nPôle",
        decisions="Versement du second acompte",
        minutes=pdf("compte-rendu.pdf"),
        by=instructor,
    )

    assert committee.minutes.get().original_name == "compte-rendu.pdf"


def test_the_grantor_siret_is_checked(pole, instructor):
    application = laureate(pole)

    with pytest.raises(ValidationError) as error:
        services.agreement_create(application=application, by=instructor, grantor_siret="123")
    assert "grantor_siret" in error.value.message_dict


def test_the_grantor_comes_from_the_settings(pole, instructor, settings):
    settings.PTCE_AWARDS_GRANTOR_SIRET = GRANTOR_SIRET
    agreement, _ = services.agreement_create(application=laureate(pole), by=instructor)
    assert agreement.grantor_siret == GRANTOR_SIRET
