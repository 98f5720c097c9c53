"""Write the demo's support agreements (`data/awards.yaml`) through the awards' services: each
one walks its path (signature, start, instalments paid, committees, suspension) so its log is
there. An agreement already there is left as it is."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile

from ptce.awards import services, services_bouquet, services_reports, services_schedule
from ptce.awards.models import Agreement, ReportQuestion, ServiceDelivery, ServiceItem
from ptce.awards.selectors import add_months
from ptce.calls.models import Application, Call

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
    _follow_up(data, poles, by)


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


def _follow_up(data: dict, poles: dict, by) -> None:
    """The call's report forms and catalogue, then reports and services received; each kept
    as it is when already there (by its key, its label, its kind, its date)."""
    for form in data.get("report_forms", []):
        for position, (key, label, kind, source, required, section) in enumerate(
            form["questions"], start=1
        ):
            ReportQuestion.objects.get_or_create(
                call=_call(form["call"]),
                report_kind=form["kind"],
                key=key,
                defaults={
                    "label": label,
                    "kind": kind,
                    "prefill": source,
                    "required": required,
                    "section": section,
                    "position": position,
                },
            )
    for catalogue in data.get("services_catalogue", []):
        for position, (label, unit) in enumerate(catalogue["items"], start=1):
            ServiceItem.objects.get_or_create(
                call=_call(catalogue["call"]),
                label=label,
                defaults={"unit": unit, "position": position},
            )
    for spec in data.get("reports", []):
        agreement = _agreement(poles[spec["pole"]])
        due = add_months(agreement.start_date, spec["due"])
        report, created = services_reports.report_open(
            agreement=agreement, kind=spec["kind"], due_date=due
        )
        if not created:
            continue
        if spec.get("answers"):
            services_reports.report_save(
                report=report, version=None, answers=spec["answers"], by=by
            )
        for name in {"soumis": ["submit"], "accepte": ["submit", "accept"]}.get(spec["state"], []):
            services_reports.report_move(report=report, name=name, by=by)
    for spec in data.get("deliveries", []):
        agreement = _agreement(poles[spec["pole"]])
        item = ServiceItem.objects.get(
            call_id=agreement.application.phase.call_id, label=spec["item"]
        )
        if ServiceDelivery.objects.filter(
            agreement=agreement, item=item, date=spec["date"]
        ).exists():
            continue
        services_bouquet.delivery_record(
            agreement=agreement,
            item=item,
            quantity=Decimal(spec["quantity"]),
            date=spec["date"],
            note=spec.get("note", ""),
            by=by,
        )


def _call(slug: str) -> Call:
    return Call.objects.get(slug=slug)


def _agreement(pole) -> Agreement:
    return Agreement.objects.select_related("application__phase").get(application__pole=pole)
