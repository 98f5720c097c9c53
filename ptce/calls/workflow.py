"""The life of an application, as data: its states and the one table of allowed moves.

    brouillon ─submit─▶ déposée ─start─▶ en instruction ─request_complement─▶ complément demandé
                           ▲                   │                                   │
                           └────────────resubmit (the applicant completes)─────────┘
    en instruction ─decide_laureate / decide_rejected / decide_closed─▶ lauréate / non retenue /
    classée sans suite (the national cell decides, after the région's proposal)
    brouillon, déposée, en instruction, complément demandé ─withdraw─▶ retirée (the applicant)

`WORKFLOW` is the table in the kernel's engine (`ptce.core.workflow`). Each move is performed
by `moves.move`, which checks who may make it (`actor`),
reads the state again under lock, writes an `ApplicationTransition` row (who, when, from, to,
motivation) and notifies the other side after the transaction commits.
"""

from ptce.core.workflow import Transition, Workflow

from .models import ApplicationState as S

# Who may make a move (`Transition.actor`): the applicant, an instructor of the région or the
# national cell.
APPLICANT, INSTRUCTOR, NATIONAL = "porteur", "instructeur", "cellule_nationale"

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

_DECIDED = "Cette candidature est « {} » : la décision est prise, elle ne peut plus changer d’état."
WORKFLOW = Workflow(
    states=S,
    transitions=TRANSITIONS,
    noun="une candidature",
    final={
        S.WITHDRAWN: "Cette candidature a été retirée : elle ne peut plus changer d’état.",
        **{state: _DECIDED.format(S(state).label) for state in (S.LAUREATE, S.REJECTED, S.CLOSED)},
    },
)
