"""Agreements at each stage, built through the services (so the logs are there too)."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from ptce.awards import services, services_schedule
from ptce.calls.models import ApplicationState
from tests.calls.factories.instruction import application_in
from tests.organisations.factories import OrganisationFactory, valid_siret

GRANTOR_SIRET = valid_siret(9001)
START = datetime.date(2025, 1, 1)


def pdf(name="convention.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 convention", content_type="application/pdf")


def laureate(pole, amount=Decimal("100000"), **fields):
    if pole.carrier is None:
        pole.carrier = OrganisationFactory(name=f"Porteur de {pole.name}")
        pole.save(update_fields=["carrier"])
    return application_in(
        pole,
        ApplicationState.LAUREATE,
        amount_granted=amount,
        support_granted="Subvention sur deux ans" if amount else "Bouquet de services",
        **fields,
    )


def draft_agreement(pole, *, by=None, amount=Decimal("100000"), **fields):
    application = laureate(pole, amount)
    fields.setdefault("grantor_siret", GRANTOR_SIRET)
    agreement, _ = services.agreement_create(application=application, by=by, **fields)
    return agreement


def signed_agreement(pole, *, by=None, amount=Decimal("100000"), start=START, **fields):
    agreement = draft_agreement(
        pole,
        by=by,
        amount=amount,
        start_date=start,
        end_date=datetime.date(start.year + 2, start.month, start.day) - datetime.timedelta(1),
        signed_on=start,
        **fields,
    )
    services.convention_upload(agreement=agreement, uploaded_file=pdf(), by=by)
    return services.agreement_move(agreement=agreement, name="sign", by=by)


def running_agreement(pole, **kwargs):
    agreement = signed_agreement(pole, **kwargs)
    return services.agreement_move(agreement=agreement, name="start", by=kwargs.get("by"))


def schedule(agreement, *amounts_and_dates, condition=""):
    return [
        services_schedule.instalment_schedule(
            agreement=agreement, amount=Decimal(amount), due_date=due, condition=condition
        )
        for amount, due in amounts_and_dates
    ]


def paid(instalment, *, on=None, amount=None, by=None):
    for name in ("request", "approve"):
        instalment = services_schedule.instalment_move(instalment=instalment, name=name, by=by)
    return services_schedule.instalment_move(
        instalment=instalment,
        name="pay",
        by=by,
        paid_on=on or instalment.due_date,
        paid_amount=amount or instalment.amount,
    )


def report_questions(call, kind="intermediaire"):
    """A report form: a prefilled count of members, the ECARTS evolution, a required text."""
    from ptce.awards.models import ReportQuestion

    return [
        ReportQuestion.objects.create(
            call=call, report_kind=kind, position=1, section="Le pôle", key="membres",
            label="Nombre de membres", kind="nombre", prefill="nombre_membres",
        ),
        ReportQuestion.objects.create(
            call=call, report_kind=kind, position=2, section="Le pôle", key="ecarts",
            label="Évolution ECARTS", kind="texte_long", prefill="ecarts_evolution",
        ),
        ReportQuestion.objects.create(
            call=call, report_kind=kind, position=3, section="Bilan", key="bilan",
            label="Bilan de la période", kind="texte_long", required=True,
        ),
    ]  # fmt: skip
