"""The shapes of the life of the demo poles: territory needs, topics and the matrix, the action
plan, shared resources, meetings and join requests (content in `life_*.py`, writing in
`life.py`).

Dates are given relative to the day the demo is loaded (in months or days), so that the
animation indicators, the availabilities of resources and the calendar of actions stay
meaningful whatever the day `demo_load` runs. Organisations are named as in the poles' member
tables; people by their index in `accounts.pole_people` (0 is the coordinator).
"""

from dataclasses import dataclass, field

from ptce.cooperation.models import ActionStatus


@dataclass(frozen=True)
class NeedSpec:
    """A territory need; without `covered_by` it is a « besoin non traité »."""

    title: str
    theme: str
    description: str
    source: str = ""
    affected: str = ""
    covered_by: str = ""
    is_public: bool = True
    proposer: int = 0


@dataclass(frozen=True)
class TopicSpec:
    """A topic to co-construct, and the needs it answers: (need index, strength 1–3)."""

    title: str
    description: str
    answers: tuple[tuple[int, int], ...] = ()
    proposer: int = 0


@dataclass(frozen=True)
class Outcomes:
    jobs_created: str = "0"
    jobs_kept: str = "0"
    activities: int = 0
    turnover: int | None = None
    fundings: tuple[tuple[str, int], ...] = ()  # (FundingSource, euros)


@dataclass(frozen=True)
class ActionSpec:
    """A cooperation action; the first of `participants` leads it. `start` and `end` are months
    from the day of loading (negative: in the past)."""

    title: str
    action_type: str
    description: str
    participants: tuple[str, ...]
    objective: int | None = 0
    topic: int | None = None
    needs: tuple[int, ...] = ()
    status: str = ActionStatus.RUNNING
    start: int = -12
    end: int | None = None
    budget: int | None = None
    ess_statute: str = ""
    partners: str = ""
    outcomes: Outcomes = field(default_factory=Outcomes)
    in_plan: bool = True


@dataclass(frozen=True)
class ResourceSpec:
    """An offer or a request; availability in months from the day of loading."""

    org: str
    kind: str
    category: str
    title: str
    description: str
    available_from: int | None = None
    available_until: int | None = None
    author: int = 0


@dataclass(frozen=True)
class Animation:
    """How the pole meets, over the last 18 months.

    Meetings come every `every_days` days (the most recent `lapsed_days` ago); the first
    `core` members attend all of them, the others each with the chance `turnout` (financers
    only come to plenary assemblies). `workshops` are the subjects of the workshops."""

    every_days: int
    turnout: float
    core: int = 3
    lapsed_days: int = 0
    workshops: tuple[str, ...] = ()


@dataclass(frozen=True)
class JoinSpec:
    """A volunteer's request to join (pending unless `declined_reason`)."""

    organisation: str
    category: str
    commune: str
    contact_name: str
    contact_email: str
    contribution: str
    needs: str = ""
    declined_reason: str = ""
    days_ago: int = 10


@dataclass(frozen=True)
class LifeSpec:
    pole: str  # the pole's slug
    animation: Animation
    needs: tuple[NeedSpec, ...] = ()
    topics: tuple[TopicSpec, ...] = ()
    objectives: tuple[tuple[str, str], ...] = ()  # (title, description)
    actions: tuple[ActionSpec, ...] = ()
    resources: tuple[ResourceSpec, ...] = ()
    join_requests: tuple[JoinSpec, ...] = ()
