"""The life of an application, as data: its states and the one table of allowed moves.

    brouillon ─submit─▶ déposée ─start─▶ en instruction ─request_complement─▶ complément demandé
                           ▲                   │                                   │
                           └────────────resubmit (the applicant completes)─────────┘
    en instruction ─decide_laureate / decide_rejected / decide_closed─▶ lauréate / non retenue /
    classée sans suite (the national cell decides, after the région's proposal)
    brouillon, déposée, en instruction, complément demandé ─withdraw─▶ retirée (the applicant)

Each move is performed by `moves.move`, which checks who may make it (`actor`),
reads the state again under lock, writes an `ApplicationTransition` row (who, when, from, to,
motivation) and notifies the other side after the transaction commits.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from .models import ApplicationState as S

APPLICANT, INSTRUCTOR, NATIONAL = "porteur", "instructeur", "cellule_nationale"


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    source: str
    target: str
    actor: str  # who may make the move: APPLICANT, INSTRUCTOR (of the région) or NATIONAL
    needs_motivation: bool = False


TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", "Déposer la candidature", S.DRAFT, S.SUBMITTED, APPLICANT),
    Transition("resubmit", "Déposer le complément", S.COMPLEMENT, S.SUBMITTED, APPLICANT),
    Transition("start", "Commencer l’instruction", S.SUBMITTED, S.INSTRUCTION, INSTRUCTOR),
    Transition(
        "request_complement",
        "Demander un complément",
        S.INSTRUCTION,
        S.COMPLEMENT,
        INSTRUCTOR,
        needs_motivation=True,
    ),
    Transition("decide_laureate", "Déclarer lauréate", S.INSTRUCTION, S.LAUREATE, NATIONAL, True),
    Transition("decide_rejected", "Ne pas retenir", S.INSTRUCTION, S.REJECTED, NATIONAL, True),
    Transition("decide_closed", "Classer sans suite", S.INSTRUCTION, S.CLOSED, NATIONAL, True),
    *(
        Transition("withdraw", "Retirer la candidature", source, S.WITHDRAWN, APPLICANT)
        for source in (S.DRAFT, S.SUBMITTED, S.INSTRUCTION, S.COMPLEMENT)
    ),
)

# The applicant may change answers only in these states.
EDITABLE_STATES = {S.DRAFT, S.COMPLEMENT}
# The instruction works (annotations, opinions, scores, proposal) in these states.
INSTRUCTION_STATES = {S.SUBMITTED, S.INSTRUCTION, S.COMPLEMENT}
PENDING_STATES = {S.SUBMITTED, S.INSTRUCTION, S.COMPLEMENT}


def transitions_from(state: str, actor: str | None = None) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == state and (actor is None or t.actor == actor)]


def check_move(current: str, name: str) -> Transition:
    """The move called `name` from the `current` state, or ValidationError in French."""
    labels = dict(S.choices)
    names = {t.name for t in TRANSITIONS}
    if name not in names:
        raise ValidationError("Action inconnue.")
    for transition in TRANSITIONS:
        if transition.name == name and transition.source == current:
            return transition
    if current == S.WITHDRAWN:
        raise ValidationError("Cette candidature a été retirée : elle ne peut plus changer d’état.")
    if current in (S.LAUREATE, S.REJECTED, S.CLOSED):
        raise ValidationError(
            f"Cette candidature est « {labels[current]} » : la décision est prise, elle ne peut "
            "plus changer d’état."
        )
    sources = [labels[t.source] for t in TRANSITIONS if t.name == name]
    raise ValidationError(
        f"Cette action n’est possible que pour une candidature « {' », « '.join(sources)} » ; "
        f"celle-ci est « {labels[current]} »."
    )
