"""The life of a pole: volunteers joining (`join`), territory needs and topics (step 2), the
action plan and cooperation actions (step 3) (`plan`), pooled resources and animation (`life`).
Every model is re-exported here: `from ptce.cooperation.models import Meeting`."""

from .join import JoinRequest, JoinRequestStatus
from .life import (
    Meeting,
    MeetingAttachment,
    MeetingKind,
    ResourceCategory,
    ResourceKind,
    SharedResource,
)
from .plan import (
    ActionFunding,
    ActionStatus,
    ActionType,
    CooperationAction,
    EssStatute,
    FundingSource,
    StrategicObjective,
    TerritoryNeed,
    Topic,
    TopicNeedLink,
)
from .searches import MAX_SAVED_SEARCHES, SavedSearch

__all__ = [
    "MAX_SAVED_SEARCHES",
    "ActionFunding",
    "ActionStatus",
    "ActionType",
    "CooperationAction",
    "EssStatute",
    "FundingSource",
    "JoinRequest",
    "JoinRequestStatus",
    "Meeting",
    "MeetingAttachment",
    "MeetingKind",
    "ResourceCategory",
    "ResourceKind",
    "SavedSearch",
    "SharedResource",
    "StrategicObjective",
    "Topic",
    "TerritoryNeed",
    "TopicNeedLink",
]
