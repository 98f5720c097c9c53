"""The shapes of the life of the demo poles (`data/life/`), of their ECARTS evaluations
(`data/evaluations.yaml`) and of the State calls (`data/calls.yaml`).

Life: territory needs, topics and the matrix, the action plan, shared resources, meetings and
join requests. Dates are given relative to the day the demo is loaded (in months or days), so
that the animation indicators, the availabilities of resources and the calendar of actions stay
meaningful whatever the day `demo_load` runs. Organisations are named as in the poles' member
tables; people by their index in `accounts.pole_people` (0 is the coordinator).
"""

import datetime
from dataclasses import dataclass, field

from ptce.assessments.models import EvaluationMode, EvaluationState
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


@dataclass(frozen=True)
class EvaluationSpec:
    """`members`: how many people of the pole rate (the coordinator first, then its contacts);
    `externals`: « Prénom Nom (organisation) » invited by e-mail; `paper`: participants of a
    workshop whose paper sheet the coordinator typed in. `held_on` is the day of the
    consolidation workshop (None for the open and the consolidating one, which are dated from
    the day of loading). `unsent_members` / `unsent_externals`: indexes of raters who have not
    sent their sheet yet (open evaluation only; an unsent external has a draft)."""

    pole: str
    title: str
    scores: str
    held_on: datetime.date | None = None
    mode: str = EvaluationMode.SELF
    members: int = 3
    externals: tuple[str, ...] = ()
    paper: tuple[str, ...] = ()
    intro: str = ""
    is_public: bool = False
    state: str = EvaluationState.VALIDATED
    unsent_members: tuple[int, ...] = ()
    unsent_externals: tuple[int, ...] = ()


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    label: str
    kind: str
    required: bool = False
    help_text: str = ""
    choices: tuple[str, ...] = ()
    prefill: str = ""
    children: tuple["QuestionSpec", ...] = ()


@dataclass(frozen=True)
class SectionSpec:
    title: str
    questions: tuple[QuestionSpec, ...]


@dataclass(frozen=True)
class PhaseSpec:
    number: int
    name: str
    description: str
    is_recognition: bool
    support_type: str
    support_description: str
    opens_on: datetime.date
    closes_on: datetime.date
    is_permanent: bool = False
    amount_per_laureate: int | None = None
    total_budget: int | None = None
    requires_compliance: bool = True
    minimum_stage: int | None = None
    sections: tuple[SectionSpec, ...] = ()
    criteria: tuple[tuple[str, int, int], ...] = ()  # label, weight, max score


@dataclass(frozen=True)
class CallSpec:
    slug: str
    name: str
    year: int
    summary: str
    description: str
    phases: tuple[PhaseSpec, ...]


@dataclass(frozen=True)
class ApplicationSpec:
    call: str
    phase: int
    pole: str
    started: datetime.date
    # (move name, days after the previous step, motivation)
    path: tuple[tuple[str, int, str], ...] = ()
    proposal: tuple[str, str] | None = None  # (state, motivation)
    opinions: tuple[tuple[str, str, bool, str], ...] = ()  # name, question, confidential, answer
    scores: tuple[int, ...] = ()
    annotations: tuple[str, ...] = ()
    messages: tuple[tuple[bool, str], ...] = ()  # (from instruction, body)
    support_granted: str = ""
    amount_granted: int | None = None
