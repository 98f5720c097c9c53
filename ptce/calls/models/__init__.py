"""The models of the calls app, one module per sub-domain; every model is re-exported here, so
`from ptce.calls.models import Application` works and Django registers them all.

- `calls.py`: Call, CallDocument, Phase (window, eligibility rules, support);
- `forms.py`: the phase's form (Section, Question) and scoring grid (ScoringCriterion);
- `applications.py`: Application, its states, its transition log and its files;
- `instruction.py`: annotations, expert opinions, scores, messages;
- `webhooks.py`: the webhook deliveries of state changes;
- `follows.py`: the files an instructor follows;
- `saved_filters.py`: an instructor's saved filters of the list.
- `letters.py`: the decision letter kept in an application's file.
- `revisions.py`: the frozen revisions of a phase's form.
"""

from .applications import (
    DECISION_STATES,
    FINAL_STATES,
    Application,
    ApplicationFile,
    ApplicationRegionChange,
    ApplicationState,
    ApplicationTransition,
)
from .calls import Call, CallDocument, Phase, RequirementMode, SupportType
from .follows import ApplicationFollow  # noqa: E402
from .forms import Question, QuestionKind, ScoringCriterion, Section
from .instruction import Annotation, Message, Opinion, ProposalRecord, Score
from .letters import DecisionLetter
from .revisions import FormRevision
from .saved_filters import MAX_SAVED_FILTERS, SavedFilter
from .webhooks import WebhookDelivery

__all__ = [
    "ApplicationFollow",
    "DECISION_STATES",
    "FINAL_STATES",
    "Annotation",
    "Application",
    "ApplicationFile",
    "ApplicationRegionChange",
    "ApplicationState",
    "ApplicationTransition",
    "Call",
    "CallDocument",
    "DecisionLetter",
    "FormRevision",
    "Message",
    "Opinion",
    "Phase",
    "ProposalRecord",
    "MAX_SAVED_FILTERS",
    "SavedFilter",
    "Question",
    "QuestionKind",
    "RequirementMode",
    "Score",
    "ScoringCriterion",
    "Section",
    "SupportType",
    "WebhookDelivery",
]
