"""The demo's State calls: AMI 2021 (107 laureates nationally, a « bouquet de services »), AMI
2022 (phase 1 permanent until the end of 2023, phase 2 financial support) and a call open
today, so that a demo coordinator can file an application from start to finish.

Each application is the path it took through the transition table, with the days between
steps; the loader checks every step against `ptce.calls.workflow`.
"""

import datetime
from dataclasses import dataclass, field

from ptce.calls.models import SupportType

from .calls_forms import (
    FINANCIAL_FORM,
    FINANCIAL_GRID,
    RECOGNITION_FORM,
    RECOGNITION_GRID,
    QuestionSpec,
)

D = datetime.date


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
    sections: tuple[tuple[str, tuple[QuestionSpec, ...]], ...] = ()
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
    answers: dict = field(default_factory=dict)


CALLS = (
    CallSpec(
        "ami-ptce-2021",
        "AMI PTCE 2021",
        2021,
        "Reconnaissance des pôles et bouquet de services d’accompagnement.",
        "Lancé en mai 2021 pour relancer la dynamique des PTCE : les lauréats bénéficient d’un "
        "accompagnement renforcé à travers un bouquet de services.",
        (
            PhaseSpec(
                1,
                "Reconnaissance et bouquet de services",
                "Reconnaissance par l’État et accompagnement renforcé.",
                True,
                SupportType.SERVICES,
                "Diagnostic, formation des animateurs, mise en réseau nationale.",
                D(2021, 5, 10),
                D(2021, 7, 16),
                sections=RECOGNITION_FORM,
                criteria=RECOGNITION_GRID,
            ),
        ),
    ),
    CallSpec(
        "ami-ptce-2022",
        "AMI PTCE 2022",
        2022,
        "Phase 1 permanente jusqu’à fin 2023 ; phase 2 de soutien financier.",
        "La phase 1 (reconnaissance et accompagnement) est permanente et ouverte jusqu’à fin "
        "2023 : les dossiers sont instruits au fil de l’eau. La phase 2 apporte un soutien "
        "financier de l’État aux pôles reconnus.",
        (
            PhaseSpec(
                1,
                "Reconnaissance et accompagnement",
                "Dépôt au fil de l’eau, instruction à l’arrivée.",
                True,
                SupportType.SERVICES,
                "Accompagnement par la cellule nationale et les DREETS.",
                D(2022, 3, 1),
                D(2023, 12, 31),
                is_permanent=True,
                sections=RECOGNITION_FORM,
                criteria=RECOGNITION_GRID,
            ),
            PhaseSpec(
                2,
                "Soutien financier",
                "Pour les pôles reconnus par l’État.",
                False,
                SupportType.FINANCIAL,
                "Subvention de fonctionnement sur deux ans.",
                D(2022, 3, 1),
                D(2022, 6, 30),
                amount_per_laureate=100_000,
                total_budget=1_600_000,
                minimum_stage=4,
                sections=FINANCIAL_FORM,
                criteria=FINANCIAL_GRID,
            ),
        ),
    ),
    CallSpec(
        "ami-ptce-2026",
        "AMI PTCE 2026 — reconnaissance au fil de l’eau",
        2026,
        "Reconnaissance des pôles, dépôt permanent jusqu’à mi-2027.",
        "Appel permanent : chaque dossier est instruit à son arrivée par la DREETS de la "
        "région du pôle, puis décidé par la cellule nationale.",
        (
            PhaseSpec(
                1,
                "Reconnaissance et accompagnement",
                "Dépôt au fil de l’eau, instruction à l’arrivée.",
                True,
                SupportType.SERVICES,
                "Accompagnement par la cellule nationale et les DREETS.",
                D(2026, 1, 5),
                D(2027, 6, 30),
                is_permanent=True,
                requires_compliance=False,
                sections=RECOGNITION_FORM,
                criteria=RECOGNITION_GRID,
            ),
        ),
    ),
)

DECIDE = "Avis favorable de la DREETS et de la cellule nationale."
REJECT = (
    "Le partenariat avec les collectivités reste à construire ; une nouvelle candidature est "
    "possible."
)


def _won(call, pole, started, support, amount=None, phase=1):
    return ApplicationSpec(
        call,
        phase,
        pole,
        started,
        (("submit", 12, ""), ("start", 9, ""), ("decide_laureate", 48, DECIDE)),
        proposal=("laureate", "Projet solide, ancré dans le territoire."),
        scores=(5, 4, 4, 4) if phase == 1 else (4, 4, 5),
        support_granted=support,
        amount_granted=amount,
    )


SERVICES = "Bouquet de services : diagnostic, formation des animateurs, mise en réseau."
APPLICATIONS = (
    *(
        _won("ami-ptce-2021", pole, D(2021, 5, 20) + datetime.timedelta(days=3 * i), SERVICES)
        for i, pole in enumerate(
            (
                "ecoconstruction-bassin-minier",
                "filiere-bois-deodatie",
                "bois-ecoconstruction-creuse",
                "reemploi-pays-de-foix",
                "energies-partagees-tregor",
                "reemploi-pays-de-la-loire",
                "vallee-drome-transition",
            )
        )
    ),
    ApplicationSpec(
        "ami-ptce-2021",
        1,
        "textile-circulaire-roubaix",
        D(2021, 6, 1),
        (("submit", 20, ""), ("start", 10, ""), ("decide_rejected", 55, REJECT)),
        proposal=("non_retenue", "Collectivités absentes de la gouvernance."),
        scores=(3, 2, 2, 2),
    ),
    ApplicationSpec(
        "ami-ptce-2021",
        1,
        "tourisme-culture-haute-provence",
        D(2021, 6, 10),
        (
            ("submit", 25, ""),
            ("start", 7, ""),
            ("request_complement", 14, "Merci de joindre la liste des membres signataires."),
            ("resubmit", 30, ""),
            ("start", 3, ""),
            ("decide_closed", 40, "Le pôle a choisi de candidater à l’appel suivant."),
        ),
    ),
    ApplicationSpec(
        "ami-ptce-2021",
        1,
        "autonomie-solidarites-niortais",
        D(2021, 6, 14),
        (("submit", 18, ""), ("withdraw", 15, "Nous reviendrons avec un plan d’action finalisé.")),
    ),
    *(
        _won("ami-ptce-2022", pole, D(2022, 3, 15) + datetime.timedelta(days=5 * i), "", amount, 2)
        for i, (pole, amount) in enumerate(
            (
                ("reemploi-pays-de-foix", 100_000),
                ("energies-partagees-tregor", 100_000),
                ("vallee-drome-transition", 80_000),
            )
        )
    ),
    ApplicationSpec(
        "ami-ptce-2022",
        2,
        "filiere-bois-deodatie",
        D(2022, 3, 20),
        (("submit", 30, ""), ("start", 5, ""), ("decide_rejected", 60, REJECT)),
        proposal=("non_retenue", "Plan de financement incomplet."),
        scores=(3, 2, 3),
    ),
    ApplicationSpec(
        "ami-ptce-2022",
        1,
        "alimentation-pays-de-morlaix",
        D(2023, 9, 4),
        (("submit", 10, ""), ("start", 6, "")),
        proposal=("laureate", "Forte mobilisation des producteurs et de l’agglomération."),
        opinions=(
            (
                "Claire Morvan",
                "Le modèle économique de l’épicerie coopérative est-il soutenable ?",
                True,
                "Oui, sous réserve d’un second point de vente d’ici deux ans.",
            ),
        ),
        scores=(5, 4, 3, 4),
        annotations=("Visite sur place prévue avec la DDETS du Finistère.",),
        messages=(
            (True, "Pouvez-vous préciser le calendrier de la légumerie partagée ?"),
            (False, "Ouverture prévue au printemps, le bâtiment est réservé."),
        ),
    ),
    ApplicationSpec(
        "ami-ptce-2022",
        1,
        "alimentation-solidaire-est-parisien",
        D(2023, 10, 2),
        (("submit", 8, ""), ("start", 12, "")),
        annotations=("Dossier complet ; avis d’expert à demander sur la logistique.",),
    ),
    ApplicationSpec(
        "ami-ptce-2022",
        1,
        "agriculture-solidaire-sud-reunion",
        D(2023, 10, 20),
        (
            ("submit", 9, ""),
            ("start", 4, ""),
            (
                "request_complement",
                10,
                "Merci de joindre la délibération de la communauté d’agglomération.",
            ),
        ),
        messages=((True, "La délibération peut être transmise en pièce jointe."),),
    ),
    ApplicationSpec(
        "ami-ptce-2022",
        1,
        "autonomie-solidarites-niortais",
        D(2023, 11, 6),
        (("submit", 14, ""),),
    ),
    ApplicationSpec(
        "ami-ptce-2022",
        1,
        "textile-circulaire-roubaix",
        D(2022, 9, 12),
        (("submit", 21, ""), ("start", 6, ""), ("decide_rejected", 70, REJECT)),
        proposal=("non_retenue", "Gouvernance encore portée par une seule structure."),
        scores=(3, 2, 2, 3),
    ),
    ApplicationSpec("ami-ptce-2026", 1, "numerique-solidaire-montpellier", D(2026, 10, 1)),
    ApplicationSpec(
        "ami-ptce-2026",
        1,
        "mobilites-rurales-bocage",
        D(2026, 9, 14),
        (("submit", 21, ""),),
    ),
)
