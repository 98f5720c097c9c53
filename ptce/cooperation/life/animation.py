"""Animation indicators: « L'animation des partenaires est un point central ».

For a pole, at a given moment: events held in the last 3 and 12 months, the share of current
member organisations that attended at least one event in 12 months, the members inactive for
12 months, the days since the last event, and two alerts:
- no event for more than `PTCE_ANIMATION_ALERT_MONTHS` months (setting, default 3) — a pole
  created more recently than that is not alerted for having had no event yet;
- fewer than half of the current members took part in an event in 12 months.

An « event » is any meeting already held (starts_at ≤ now); planned meetings do not count.
The functions here are pure; the database is read by `life.selectors`.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.conf import settings

PARTICIPATION_THRESHOLD = 0.5


def alert_months() -> int:
    return int(getattr(settings, "PTCE_ANIMATION_ALERT_MONTHS", 3))


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and hour `months` calendar months earlier (31 May − 3 months = 28/29 Feb)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


@dataclass(frozen=True)
class Windows:
    """The boundaries every indicator is counted from."""

    now: datetime.datetime
    three_months: datetime.datetime
    twelve_months: datetime.datetime
    alert: datetime.datetime

    @classmethod
    def at(cls, now: datetime.datetime) -> "Windows":
        return cls(
            now=now,
            three_months=months_before(now, 3),
            twelve_months=months_before(now, 12),
            alert=months_before(now, alert_months()),
        )


@dataclass
class AnimationIndicators:
    events_3_months: int
    events_12_months: int
    member_count: int
    active_member_count: int
    last_event_at: datetime.datetime | None
    days_since_last_event: int | None
    lapsed: bool
    low_participation: bool
    inactive_members: list = field(default_factory=list)

    @property
    def participation_share(self) -> float | None:
        """Share (0–1) of current members who attended in 12 months; None without members."""
        if not self.member_count:
            return None
        return self.active_member_count / self.member_count

    @property
    def participation_percent(self) -> int | None:
        share = self.participation_share
        return None if share is None else round(share * 100)

    @property
    def inactive_count(self) -> int:
        return self.member_count - self.active_member_count

    @property
    def has_alert(self) -> bool:
        return self.lapsed or self.low_participation

    @property
    def alerts(self) -> list[str]:
        messages = []
        if self.lapsed:
            months = alert_months()
            if self.last_event_at is None:
                messages.append(f"Aucun événement enregistré depuis plus de {months} mois.")
            else:
                messages.append(
                    f"Aucun événement depuis plus de {months} mois (dernier il y a "
                    f"{self.days_since_last_event} jours)."
                )
        if self.low_participation:
            messages.append(
                f"Moins de la moitié des organisations membres ont participé à un événement en "
                f"12 mois ({self.active_member_count} sur {self.member_count})."
            )
        return messages


def is_lapsed(*, last_event_at, pole_created_at, windows: Windows) -> bool:
    """No event since the alert threshold; a pole younger than the threshold is given time."""
    if last_event_at is not None:
        return last_event_at < windows.alert
    return pole_created_at is None or pole_created_at < windows.alert


def is_low_participation(*, member_count: int, active_member_count: int) -> bool:
    return member_count > 0 and active_member_count < member_count * PARTICIPATION_THRESHOLD


def indicators(
    *,
    windows: Windows,
    events_3_months: int,
    events_12_months: int,
    last_event_at,
    member_count: int,
    active_member_count: int,
    pole_created_at=None,
    inactive_members=(),
) -> AnimationIndicators:
    """Everything the card, the coordinator's page and the instructors' summary show."""
    days = None if last_event_at is None else (windows.now - last_event_at).days
    return AnimationIndicators(
        events_3_months=events_3_months,
        events_12_months=events_12_months,
        member_count=member_count,
        active_member_count=active_member_count,
        last_event_at=last_event_at,
        days_since_last_event=days,
        lapsed=is_lapsed(
            last_event_at=last_event_at, pole_created_at=pole_created_at, windows=windows
        ),
        low_participation=is_low_participation(
            member_count=member_count, active_member_count=active_member_count
        ),
        inactive_members=list(inactive_members),
    )


def from_events(*, now, event_times, attendance: dict, members, pole_created_at=None):
    """The indicators from plain data: `event_times` of the pole's meetings, `attendance`
    mapping a member to the times of the meetings it attended, `members` the current ones."""
    windows = Windows.at(now)
    held = [moment for moment in event_times if moment <= now]
    active = [
        member
        for member in members
        if any(windows.twelve_months < t <= now for t in attendance.get(member, ()))
    ]
    return indicators(
        windows=windows,
        events_3_months=sum(1 for t in held if t > windows.three_months),
        events_12_months=sum(1 for t in held if t > windows.twelve_months),
        last_event_at=max(held, default=None),
        member_count=len(members),
        active_member_count=len(active),
        pole_created_at=pole_created_at,
        inactive_members=[member for member in members if member not in active],
    )
