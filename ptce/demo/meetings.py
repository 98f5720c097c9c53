"""The meetings and events of a demo pole over the last 18 months, computed from its `Animation`
(`data/life/`) with the words of `data/meetings.yaml`.

Deterministic: the same pole on the same day gives the same meetings (titles, dates, attendees),
so that a rerun writes nothing. Titles never depend on the date (they are numbered from the
oldest), so a rerun on a later day moves the meetings instead of adding new ones.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.utils import timezone

from ptce.cooperation.models import MeetingKind
from ptce.poles.models import MembershipRole

from .files import read
from .spec import PoleSpec
from .spec_life import Animation

_TEXTS = read("meetings.yaml")
HISTORY_DAYS = 548  # 18 months
ASSEMBLY_BOOST = 1.6  # a plenary assembly draws more members than a usual meeting
# The kinds of meetings, in the order they come round (oldest first), their hours, agendas,
# minutes, what a repeated title gets (« Atelier : tri (2e séance) »), and the workshops of a
# pole that names none.
CYCLE: list[str] = _TEXTS["cycle"]
HOURS = {kind: datetime.time.fromisoformat(hour) for kind, hour in _TEXTS["hours"].items()}
AGENDAS: dict[str, str] = _TEXTS["agendas"]
MINUTES: dict[str, str] = _TEXTS["minutes"]
SUFFIXES: dict[str, str] = _TEXTS["suffixes"]
DEFAULT_WORKSHOPS: list[str] = _TEXTS["default_workshops"]


@dataclass(frozen=True)
class PlannedMeeting:
    fields: dict
    attendees: list

    @property
    def title(self) -> str:
        return self.fields["title"]


def chance(*parts) -> float:
    """A stable number in [0, 1) for these parts."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32


def _ordinal(n: int) -> str:
    """Feminine ordinal: 1re, 2e… (séance, visite, édition)."""
    return "1re" if n == 1 else f"{n}e"


def _days_ago(slug: str, animation: Animation) -> list[int]:
    """How many days ago each past meeting was held, the most recent first."""
    first = animation.lapsed_days or 3 + int(chance(slug, "first") * 7)
    days, n = [], 0
    while first <= HISTORY_DAYS:
        days.append(first)
        n += 1
        first += animation.every_days + int(chance(slug, "gap", n) * 9) - 4
    return days


def _moment(day: datetime.date, kind: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, HOURS[kind]))


def meeting_plan(spec: PoleSpec, animation: Animation, members: dict, now) -> list:
    """The pole's past meetings (oldest first), then its next steering committee when its
    animation is alive. `members`: the pole's current memberships by organisation name."""
    today = timezone.localdate(now)
    past = sorted(_days_ago(spec.slug, animation), reverse=True)
    ordered = [members[m.org.name] for m in spec.members if m.org.name in members]
    core = ordered[: animation.core]
    place = next((p for p in spec.places if p.is_main), spec.places[0]).name
    subjects = animation.workshops or DEFAULT_WORKSHOPS
    visited = [m for m in ordered if m.role != MembershipRole.FUNDER]
    seen: dict[tuple[str, str], int] = {}
    counts = dict.fromkeys(HOURS, 0)
    plan = []
    for index, days in enumerate(past):
        kind = CYCLE[index % len(CYCLE)]
        counts[kind] += 1
        day = today - datetime.timedelta(days=days)
        title, where, subject = _title(kind, counts[kind], subjects, visited, place, seen)
        attendees = [
            m
            for m in ordered
            if (m.joined_on is None or m.joined_on <= day)
            and (m in core or _attends(spec.slug, index, m, kind, animation))
        ]
        fields = {
            "kind": kind,
            "title": title,
            "starts_at": _moment(day, kind),
            "place": where,
            "agenda": AGENDAS[kind].format(subject=subject),
            "minutes": f"{len(attendees)} organisations présentes. "
            + MINUTES[kind].format(subject=subject),
        }
        plan.append(PlannedMeeting(fields, attendees))
    if not animation.lapsed_days:
        kind = MeetingKind.STEERING
        day = today + datetime.timedelta(days=9 + int(chance(spec.slug, "next") * 7))
        fields = {
            "kind": kind,
            "title": f"Comité de pilotage n° {counts[kind] + 1}",
            "starts_at": _moment(day, kind),
            "place": place,
            "agenda": AGENDAS[kind],
            "minutes": "",
        }
        plan.append(PlannedMeeting(fields, []))
    return plan


def _attends(slug: str, index: int, membership, kind: str, animation: Animation) -> bool:
    """Financers come only to plenary assemblies, which draw more members than the other
    meetings; the others come with the pole's usual turnout."""
    if membership.role == MembershipRole.FUNDER and kind != MeetingKind.ASSEMBLY:
        return False
    turnout = animation.turnout * (ASSEMBLY_BOOST if kind == MeetingKind.ASSEMBLY else 1)
    return chance(slug, index, membership.organisation.name) < turnout


def _title(kind, number, subjects, visited, place, seen) -> tuple[str, str, str]:
    """(title, place, subject) of the `number`-th meeting of this kind; titles never repeat."""
    if kind == MeetingKind.STEERING:
        return f"Comité de pilotage n° {number}", place, ""
    if kind == MeetingKind.ASSEMBLY:
        return f"Assemblée plénière n° {number}", place, ""
    if kind == MeetingKind.WORKSHOP:
        subject = subjects[(number - 1) % len(subjects)]
        base, where = f"Atelier : {subject}", place
    elif kind == MeetingKind.VISIT:
        host = visited[(number * 3) % len(visited)].organisation.name
        subject, base, where = "", f"Visite chez {host}", host
    else:
        subject, base, where = "", "Journée portes ouvertes", place
    seen[(kind, base)] = seen.get((kind, base), 0) + 1
    repeat = seen[(kind, base)]
    if repeat == 1:
        return base, where, subject
    suffix = SUFFIXES[kind]
    return f"{base} ({_ordinal(repeat)} {suffix})", where, subject
