"""Reads: an agreement's totals and alerts, the instructors' follow-up list with its queues and
totals per région and per call, the agreements of a pole.

Alerts are computed from rows already loaded (instalments and committees are prefetched), so a
list costs a fixed number of queries whatever its length. `today` may be given (tests, a
report at a date); it defaults to the local date.
"""

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet, Sum
from django.utils import timezone

from ptce.calls.models import Application, ApplicationState
from ptce.core.access import user_scope

from .models import (
    PUBLIC_STATES,
    Agreement,
    AgreementFile,
    AgreementState,
    Committee,
    Instalment,
    InstalmentState,
    Report,
    ReportState,
    ServiceDelivery,
)

# The decree: a monitoring committee at least twice a year.
COMMITTEES_PER_YEAR = 2
LIVE_STATES = (AgreementState.SIGNED, AgreementState.RUNNING, AgreementState.SUSPENDED)
OPEN_INSTALMENT_STATES = (InstalmentState.PLANNED, InstalmentState.REQUESTED)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@dataclass(frozen=True)
class Totals:
    granted: Decimal | None
    scheduled: Decimal
    paid: Decimal

    @property
    def remaining(self) -> Decimal | None:
        return None if self.granted is None else self.granted - self.paid

    @property
    def unscheduled(self) -> Decimal | None:
        return None if self.granted is None else self.granted - self.scheduled


def totals(agreement: Agreement) -> Totals:
    instalments = list(agreement.instalments.all())
    return Totals(
        granted=agreement.amount_granted,
        scheduled=sum((i.amount for i in instalments), Decimal(0)),
        paid=sum((i.paid_amount or Decimal(0) for i in instalments), Decimal(0)),
    )


def unmet_due_instalments(agreement: Agreement, today: datetime.date | None = None) -> list:
    """Instalments due (not yet approved) whose condition is not met: the alert."""
    today = today or timezone.localdate()
    return [
        i
        for i in agreement.instalments.all()
        if i.state in OPEN_INSTALMENT_STATES
        and i.due_date <= today
        and i.condition
        and not i.condition_met
    ]


@dataclass(frozen=True)
class CommitteeGap:
    start: datetime.date
    end: datetime.date
    count: int
    needed: int


def committee_gaps(agreement: Agreement, today: datetime.date | None = None) -> list[CommitteeGap]:
    """The 12-month periods of a live agreement, from its start, begun by `today`, with fewer
    committees held or planned than the decree's two (a last period shorter than six months
    needs one). A period not yet begun raises nothing: its committees may still be planned."""
    if agreement.state not in LIVE_STATES or agreement.start_date is None:
        return []
    today = today or timezone.localdate()
    end = agreement.end_date or add_months(agreement.start_date, agreement.duration_months)
    dates = [c.date for c in agreement.committees.all()]
    gaps, start = [], agreement.start_date
    while start < end and start <= today:
        stop = min(add_months(start, 12), end)
        needed = COMMITTEES_PER_YEAR if stop >= add_months(start, 6) else 1
        count = sum(start <= day < stop for day in dates)
        if count < needed:
            gaps.append(CommitteeGap(start, stop, count, needed))
        start = stop
    return gaps


def late_reports(agreement: Agreement, today: datetime.date | None = None) -> list:
    """Reports past their deadline and not yet submitted (or given back and not resubmitted):
    the alert."""
    today = today or timezone.localdate()
    return [
        r
        for r in agreement.reports.all()
        if r.state in (ReportState.DRAFT, ReportState.CHANGES) and r.due_date < today
    ]


def next_instalment(agreement: Agreement):
    return next((i for i in agreement.instalments.all() if i.state != InstalmentState.PAID), None)


@dataclass
class AgreementView:
    """An agreement with what its pages show: totals, alerts, the next instalment."""

    agreement: Agreement
    totals: Totals
    unmet: list
    gaps: list
    next_instalment: Instalment | None
    to_approve: list = field(default_factory=list)
    late_reports: list = field(default_factory=list)
    to_review: list = field(default_factory=list)

    @property
    def has_alert(self) -> bool:
        return bool(self.unmet or self.gaps or self.late_reports)


def view_of(agreement: Agreement, today: datetime.date | None = None) -> AgreementView:
    return AgreementView(
        agreement=agreement,
        totals=totals(agreement),
        unmet=unmet_due_instalments(agreement, today),
        gaps=committee_gaps(agreement, today),
        next_instalment=next_instalment(agreement),
        to_approve=[i for i in agreement.instalments.all() if i.state == InstalmentState.REQUESTED],
        late_reports=late_reports(agreement, today),
        to_review=[r for r in agreement.reports.all() if r.state == ReportState.SUBMITTED],
    )


def with_schedule(agreements: QuerySet[Agreement]) -> QuerySet[Agreement]:
    return agreements.select_related(
        "application__phase__call", "application__pole", "application__region"
    ).prefetch_related(
        Prefetch("instalments", queryset=Instalment.objects.order_by("due_date", "pk")),
        Prefetch("committees", queryset=Committee.objects.order_by("date", "pk")),
        Prefetch("reports", queryset=Report.objects.order_by("due_date", "pk")),
    )


def agreement_detail(pk: int) -> Agreement:
    """One agreement with its schedule, files and log (a fixed number of queries)."""
    return (
        with_schedule(Agreement.objects.all())
        .prefetch_related(
            Prefetch("files", queryset=AgreementFile.objects.select_related("committee")),
            "transitions__by",
            "instalments__transitions__by",
        )
        .get(pk=pk)
    )


def can_follow_up(user) -> bool:
    scope = user_scope(user)
    return scope.is_admin or scope.is_instructor


def follow_up_scope(user) -> QuerySet[Agreement]:
    """The agreements an instructor follows: their régions' (the national cell: all)."""
    scope = user_scope(user)
    if not can_follow_up(user):
        return Agreement.objects.none()
    if scope.is_admin or scope.is_national:
        return Agreement.objects.all()
    return Agreement.objects.filter(application__region__in=scope.region_ids)


def laureates_without_agreement(user) -> QuerySet[Application]:
    """The laureate applications of the user's régions that have no agreement yet."""
    scope = user_scope(user)
    applications = Application.objects.filter(
        state=ApplicationState.LAUREATE, agreements__isnull=True
    ).select_related("pole", "phase__call")
    if not can_follow_up(user):
        return applications.none()
    if scope.is_admin or scope.is_national:
        return applications
    return applications.filter(region__in=scope.region_ids)


def filtered(agreements: QuerySet[Agreement], *, state="", call=None, region=None):
    if state:
        agreements = agreements.filter(state=state)
    if call is not None:
        agreements = agreements.filter(application__phase__call=call)
    if region is not None:
        agreements = agreements.filter(application__region=region)
    return agreements


def follow_up_rows(agreements: QuerySet[Agreement], today=None) -> list[AgreementView]:
    return [view_of(a, today) for a in with_schedule(agreements).order_by("-created_at", "-pk")]


def money_by(agreements: QuerySet[Agreement], key: str) -> list[dict]:
    """Granted and paid per région (`key="application__region__name"`) or per call
    (`"application__phase__call__name"`): two grouped queries."""
    granted = {
        row[key]: row["total"] or Decimal(0)
        for row in agreements.order_by().values(key).annotate(total=Sum("amount_granted"))
    }
    paid = {
        row[f"agreement__{key}"]: row["total"] or Decimal(0)
        for row in Instalment.objects.filter(agreement__in=agreements, state=InstalmentState.PAID)
        .order_by()
        .values(f"agreement__{key}")
        .annotate(total=Sum("paid_amount"))
    }
    return [
        {
            "name": name or "—",
            "granted": amount,
            "paid": paid.get(name, Decimal(0)),
            "remaining": amount - paid.get(name, Decimal(0)),
        }
        for name, amount in sorted(granted.items(), key=lambda item: item[0] or "")
    ]


def pole_agreements(pole, today=None) -> list[AgreementView]:
    """A pole's agreements past the draft, for its coordinators (a draft is the State's)."""
    agreements = Agreement.objects.filter(application__pole=pole).exclude(
        state=AgreementState.DRAFT
    )
    return [
        view_of(a, today)
        for a in with_schedule(agreements)
        .prefetch_related(
            Prefetch("files", queryset=AgreementFile.objects.select_related("committee")),
            Prefetch(
                "deliveries",
                queryset=ServiceDelivery.objects.select_related("item").order_by("date", "pk"),
            ),
        )
        .order_by("-created_at", "-pk")
    ]


def public_agreements() -> QuerySet[Agreement]:
    return (
        Agreement.objects.filter(state__in=PUBLIC_STATES)
        .filter(signed_on__isnull=False)
        .select_related("application__phase__call")
        .prefetch_related(Prefetch("instalments", queryset=Instalment.objects.order_by("due_date")))
        .order_by("signed_on", "pk")
    )


def money_by_year_and_region(region_code: str | None = None) -> list[dict]:
    """Amounts granted (by year of signature) and paid (by year of payment) per région, for
    « Le PTCE en chiffres »: public agreements only, two grouped queries. Rows by year, then
    région: {"year", "region", "granted", "paid"} (euros as floats)."""
    agreements = Agreement.objects.filter(state__in=PUBLIC_STATES, signed_on__isnull=False)
    if region_code:
        agreements = agreements.filter(application__region__code=region_code)
    table: dict[tuple, dict] = {}

    def row(year, region):
        key = (year, region or "Région non renseignée")
        return table.setdefault(
            key, {"year": key[0], "region": key[1], "granted": 0.0, "paid": 0.0}
        )

    for line in (
        agreements.order_by()
        .values("signed_on__year", "application__region__name")
        .annotate(total=Sum("amount_granted"))
    ):
        row(line["signed_on__year"], line["application__region__name"])["granted"] = float(
            line["total"] or 0
        )
    for line in (
        Instalment.objects.filter(agreement__in=agreements, state=InstalmentState.PAID)
        .order_by()
        .values("paid_on__year", "agreement__application__region__name")
        .annotate(total=Sum("paid_amount"))
    ):
        row(line["paid_on__year"], line["agreement__application__region__name"])["paid"] = float(
            line["total"] or 0
        )
    return [table[key] for key in sorted(table)]
