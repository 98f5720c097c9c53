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

Each move is a service in `services_workflow` that checks the source state and the permission,
then writes an `EvaluationTransition` row (who, when, from, to, why).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from ..models import EvaluationState

DRAFT = EvaluationState.DRAFT
OPEN = EvaluationState.OPEN
CONSOLIDATION = EvaluationState.CONSOLIDATION
VALIDATED = EvaluationState.VALIDATED


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    source: str
    target: str

    @property
    def needs_confirmation(self) -> bool:
        return self.target == VALIDATED


# (from, to) → (name, label of the button)
TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    (DRAFT, OPEN): ("open", "Ouvrir l’évaluation aux évaluateurs"),
    (OPEN, CONSOLIDATION): ("start_consolidation", "Clore les feuilles et consolider"),
    (CONSOLIDATION, OPEN): ("reopen", "Rouvrir les feuilles"),
    (CONSOLIDATION, VALIDATED): ("validate", "Valider et verrouiller l’évaluation"),
}

# States in which each kind of write is possible (the lock comes first, see services).
SETUP_STATES = {DRAFT, OPEN}  # title, period, raters
SHEET_STATES = {OPEN}  # online sheets, paper sheets, evidence files
CONSOLIDATION_STATES = {CONSOLIDATION}


def transitions_from(state: str) -> list[Transition]:
    return [
        Transition(name, label, source, target)
        for (source, target), (name, label) in TRANSITIONS.items()
        if source == state
    ]


def get_transition(source: str, target: str) -> Transition:
    """The allowed move, or ValidationError in French saying why not."""
    if (source, target) not in TRANSITIONS:
        labels = dict(EvaluationState.choices)
        if target not in labels:
            raise ValidationError("État demandé inconnu.")
        if source == VALIDATED:
            raise ValidationError(
                "Cette évaluation est validée : elle ne peut plus changer d’état. Pour corriger, "
                "ouvrez une nouvelle évaluation."
            )
        raise ValidationError(
            f"Une évaluation « {labels[source]} » ne peut pas passer à l’état « {labels[target]} »."
        )
    name, label = TRANSITIONS[(source, target)]
    return Transition(name, label, source, target)


def check_move(current: str, name: str) -> Transition:
    """The move called `name` from the `current` state, or ValidationError in French (each
    service checks its own source state: « reopen » is not « open »)."""
    by_name = {n: (source, target) for (source, target), (n, _) in TRANSITIONS.items()}
    source, target = by_name[name]
    if current != source:
        get_transition(current, target)  # refuses with the general message, if it applies
        labels = dict(EvaluationState.choices)
        raise ValidationError(
            f"Cette action n’est possible que pour une évaluation « {labels[source]} » ; "
            f"celle-ci est « {labels[current]} », elle ne peut pas passer par là."
        )
    return get_transition(source, target)
