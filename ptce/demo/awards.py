"""Write the demo's support agreements (`data/awards.yaml`) through the awards' services: each
one walks its path (signature, start, instalments paid, committees, suspension) so its log is
there. An agreement already there is left as it is."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile

from ptce.awards import services, services_schedule
from ptce.awards.models import Agreement
from ptce.awards.selectors import add_months
from ptce.calls.models import Application

from .accounts import NATIONAL_CELL
from .files import read

KINDS = {"conventions": True}
PDF = b"%PDF-1.4\n% convention de demonstration\n"


def load(report, *, poles: dict, users: dict, **_) -> None:
    data = read("awards.yaml")
    by = users[NATIONAL_CELL.email]
    for spec in data["agreements"]:
        application = Application.objects.select_related("pole__carrier", "phase__call").get(
            phase__call__slug=spec["call"], phase__number=spec["phase"], pole=poles[spec["pole"]]
        )
        if Agreement.objects.filter(application=application).exists():
            report.unchanged["conventions"] += 1
            continue
        _write(spec, application, by, data["grantor_siret"])
        report.created["conventions"] += 1


def _write(spec: dict, application, by, grantor_siret: str) -> None:
    start = spec.get("start")
    fields = {"grantor_siret": grantor_siret, "decision_reference": spec["decision_reference"]}
    if start:
        fields |= {
            "start_date": start,
            "end_date": add_months(start, 24) - datetime.timedelta(days=1),
            "signed_on": start - datetime.timedelta(days=10),
            "signatories": "La préfète de région\nLa présidence de la structure porteuse",
        }
    agreement, _ = services.agreement_create(application=application, by=by, **fields)
    for amount, months, condition in spec["instalments"]:
        services_schedule.instalment_schedule(
            agreement=agreement,
            amount=Decimal(amount),
            due_date=add_months(start, months),
            condition=condition,
        )
    for months in spec["committees"]:
        services_schedule.committee_record(
            agreement=agreement,
            date=add_months(start, months),
            attendees="État (DREETS)\nRégion\nPôle\nPartenaires",
            decisions="Point d’étape sur le plan d’action et l’échéancier.",
        )
    if spec["state"] == "brouillon":
        return
    upload = ContentFile(PDF, name="convention-signee.pdf")
    services.convention_upload(agreement=agreement, uploaded_file=upload, by=by)
    services.agreement_move(agreement=agreement, name="sign", by=by)
    services.agreement_move(agreement=agreement, name="start", by=by)
    for instalment in list(agreement.instalments.all())[: spec["paid"]]:
        if instalment.condition:
            services_schedule.instalment_condition_set(instalment=instalment, met=True, by=by)
        for name in ("request", "approve"):
            services_schedule.instalment_move(instalment=instalment, name=name, by=by)
        services_schedule.instalment_move(
            instalment=instalment,
            name="pay",
            by=by,
            paid_on=instalment.due_date + datetime.timedelta(days=20),
            paid_amount=instalment.amount,
        )
    if spec["state"] == "suspendue":
        services.agreement_move(agreement=agreement, name="suspend", by=by, reason=spec["reason"])
