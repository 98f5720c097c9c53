"""The life of an evaluation, as data: its states and the one table of allowed moves.

    brouillon ──open──▶ ouverte ──start_consolidation──▶ consolidation ──validate──▶ validée
                           ▲                                   │
                           └──────────────reopen───────────────┘

- brouillon: the coordinator sets it up (title, period, raters); nobody fills a sheet yet.
- ouverte: raters fill their sheets (online, or on paper entered by the coordinator); invited
  people receive their link when the evaluation opens (or when invited, if it is already open).
- consolidation: sheets are closed; the coordinator records agreed scores, synthesis and plan.
  Reopening lets late raters send their sheet.
- validée: locked for good (`services.ensure_not_locked`); corrections only by a new evaluation.

Each move is a service in `services_workflow` that checks the source state (`WORKFLOW`, the
kernel's engine `ptce.core.workflow`) and the permission, then writes an `EvaluationTransition`
row (who, when, from, to, why).
"""

from ptce.core.workflow import Transition, Workflow

from ..models import EvaluationState

DRAFT = EvaluationState.DRAFT
OPEN = EvaluationState.OPEN
CONSOLIDATION = EvaluationState.CONSOLIDATION
VALIDATED = EvaluationState.VALIDATED

# (from, to) → (name, label of the button)
TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    (DRAFT, OPEN): ("open", "Ouvrir l’évaluation aux évaluateurs"),
    (OPEN, CONSOLIDATION): ("start_consolidation", "Clore les feuilles et consolider"),
    (CONSOLIDATION, OPEN): ("reopen", "Rouvrir les feuilles"),
    (CONSOLIDATION, VALIDATED): ("validate", "Valider et verrouiller l’évaluation"),
}

WORKFLOW = Workflow(
    states=EvaluationState,
    transitions=(
        # Validation locks the evaluation for good: the page asks for confirmation first.
        Transition(name, label, source, target, confirm=target == VALIDATED)
        for (source, target), (name, label) in TRANSITIONS.items()
    ),
    noun="une évaluation",
    final={
        VALIDATED: "Cette évaluation est validée : elle ne peut plus changer d’état. Pour "
        "corriger, ouvrez une nouvelle évaluation."
    },
)

# States in which each kind of write is possible (the lock comes first, see services).
SETUP_STATES = {DRAFT, OPEN}  # title, period, raters
SHEET_STATES = {OPEN}  # online sheets, paper sheets, evidence files
CONSOLIDATION_STATES = {CONSOLIDATION}
