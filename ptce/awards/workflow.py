"""The lives of an agreement and of an instalment, as data (the kernel's engine).

    brouillon ─sign─▶ signée ─start─▶ en cours ─close─▶ clôturée
                        │               ▲   │
                        └─suspend──▶ suspendue ◀─suspend
                                        └─resume─▶ en cours
    brouillon, signée, en cours, suspendue ─terminate (reason)─▶ résiliée

    prévu ─request─▶ demandé ─approve─▶ approuvé ─pay (date, amount)─▶ versé
    prévu, demandé, approuvé ─suspend (reason)─▶ suspendu ─resume─▶ prévu

Every move is made by the instruction (the région's instructors, the national cell); the
services lock the row, check the move on the state read under the lock and log it.
"""

from ptce.core.workflow import Transition, Workflow

from .models import AgreementState as A
from .models import InstalmentState as I
from .models import ReportState as R

AGREEMENT_TRANSITIONS = (
    Transition("sign", "Enregistrer la signature", A.DRAFT, A.SIGNED, confirm=True),
    Transition("start", "Démarrer la convention", A.SIGNED, A.RUNNING),
    Transition("close", "Clôturer la convention", A.RUNNING, A.CLOSED, confirm=True),
    *(
        Transition("suspend", "Suspendre la convention", source, A.SUSPENDED, "", True)
        for source in (A.SIGNED, A.RUNNING)
    ),
    Transition("resume", "Reprendre la convention", A.SUSPENDED, A.RUNNING),
    *(
        Transition("terminate", "Résilier la convention", source, A.TERMINATED, "", True, True)
        for source in (A.DRAFT, A.SIGNED, A.RUNNING, A.SUSPENDED)
    ),
)

AGREEMENT_WORKFLOW = Workflow(
    states=A,
    transitions=AGREEMENT_TRANSITIONS,
    noun="une convention",
    final={
        A.CLOSED: "Cette convention est clôturée : elle ne peut plus changer d’état.",
        A.TERMINATED: "Cette convention est résiliée : elle ne peut plus changer d’état.",
    },
)

# The schedule may change until the agreement is over.
SCHEDULE_STATES = {A.DRAFT, A.SIGNED, A.RUNNING, A.SUSPENDED}
# Money moves only while the agreement is live (not suspended).
PAYABLE_STATES = {A.SIGNED, A.RUNNING}

INSTALMENT_TRANSITIONS = (
    Transition("request", "Enregistrer la demande", I.PLANNED, I.REQUESTED),
    Transition("approve", "Approuver le versement", I.REQUESTED, I.APPROVED),
    Transition("pay", "Enregistrer le paiement", I.APPROVED, I.PAID, confirm=True),
    *(
        Transition("suspend", "Suspendre le versement", source, I.SUSPENDED, "", True)
        for source in (I.PLANNED, I.REQUESTED, I.APPROVED)
    ),
    Transition("resume", "Reprendre le versement", I.SUSPENDED, I.PLANNED),
)

INSTALMENT_WORKFLOW = Workflow(
    states=I,
    transitions=INSTALMENT_TRANSITIONS,
    noun="un versement",
    final={I.PAID: "Ce versement est versé : il ne peut plus changer d’état."},
)


# A report: the coordinator writes and submits it; the région's instructor accepts it or asks
# for changes (with a comment), which gives it back to the coordinator.
#
#     brouillon ─submit─▶ soumis ─accept─▶ accepté
#                  ▲        └─request_changes (comment)─▶ à modifier ─submit─┘
REPORT_TRANSITIONS = (
    Transition("submit", "Soumettre le rapport", R.DRAFT, R.SUBMITTED, "coordination", False, True),
    Transition(
        "submit", "Soumettre le rapport", R.CHANGES, R.SUBMITTED, "coordination", False, True
    ),
    Transition(
        "accept", "Accepter le rapport", R.SUBMITTED, R.ACCEPTED, "instruction", False, True
    ),
    Transition(
        "request_changes", "Demander des modifications", R.SUBMITTED, R.CHANGES, "instruction", True
    ),
)

REPORT_WORKFLOW = Workflow(
    states=R,
    transitions=REPORT_TRANSITIONS,
    noun="un rapport",
    final={R.ACCEPTED: "Ce rapport est accepté : il ne peut plus changer."},
)
