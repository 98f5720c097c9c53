"""The models of the calls app, one module per sub-domain; every model is re-exported here, so
`from ptce.calls.models import Application` works and Django registers them all.

- `calls.py`: Call, CallDocument, Phase (window, eligibility rules, support);
- `forms.py`: the phase's form (Section, Question) and scoring grid (ScoringCriterion);
- `applications.py`: Application, its states, its transition log and its files;
- `instruction.py`: annotations, expert opinions, scores, messages;
- `webhooks.py`: the webhook deliveries of state changes.
"""

# isort: off
# Registration order kept as before the split (instruction records first): the order Django
# registers models in (content types, permissions) does not change.
from .instruction import Annotation, Message, Opinion, Score
from .webhooks import WebhookDelivery
from .calls import Call, CallDocument, Phase, RequirementMode, SupportType
from .forms import Question, QuestionKind, ScoringCriterion, Section
from .applications import (
    DECISION_STATES,
    FINAL_STATES,
    Application,
    ApplicationFile,
    ApplicationRegionChange,
    ApplicationState,
    ApplicationTransition,
)
# isort: on

__all__ = [
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
    "Message",
    "Opinion",
    "Phase",
    "Question",
    "QuestionKind",
    "RequirementMode",
    "Score",
    "ScoringCriterion",
    "Section",
    "SupportType",
    "WebhookDelivery",
]
