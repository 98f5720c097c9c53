"""The demo's ECARTS evaluations (fictitious), on the default référentiel (`ecarts-generique`).

Validated evaluations for 13 published poles, two for five of them (so that the evolution
shows), the radar published for about half; then one evaluation still open (Pays de Foix: the
member account julien.rouzaud@demo.ptce.fr has a sheet to fill) and one in consolidation
(Trégor: its coordinator, whose account `demo_load` prints, has to consolidate it).

`scores` is what the group tends to think, criterion by criterion (A to I); each rater's sheet
varies around it (see `evaluations_sheets`). Evaluations are listed oldest first for each pole.
"""

from dataclasses import dataclass
from datetime import date

from ptce.assessments.models import EvaluationMode, EvaluationState

SELF, PEER, EXTERNAL = EvaluationMode.SELF, EvaluationMode.PEER, EvaluationMode.EXTERNAL
VALIDATED, OPEN, CONSOLIDATION = (
    EvaluationState.VALIDATED,
    EvaluationState.OPEN,
    EvaluationState.CONSOLIDATION,
)


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
    held_on: date | None = None
    mode: str = SELF
    members: int = 3
    externals: tuple[str, ...] = ()
    paper: tuple[str, ...] = ()
    intro: str = ""
    is_public: bool = False
    state: str = VALIDATED
    unsent_members: tuple[int, ...] = ()
    unsent_externals: tuple[int, ...] = ()


E = EvaluationSpec
FOIX, TREGOR = "reemploi-pays-de-foix", "energies-partagees-tregor"

EVALUATIONS: tuple[EvaluationSpec, ...] = (
    E(
        FOIX,
        "Première auto-évaluation ECARTS",
        "333423222",
        date(2024, 3, 14),
        members=2,
        externals=("Martine Castel (France Active Occitanie)",),
        paper=("Jeanne Py (Commune de Varilhes)",),
        intro="Première évaluation du pôle, conduite pendant la préparation du dossier de "
        "reconnaissance.",
    ),
    E(
        FOIX,
        "Deuxième auto-évaluation ECARTS",
        "444434333",
        date(2025, 10, 9),
        externals=(
            "Martine Castel (France Active Occitanie)",
            "Paul Dedieu (Fondation Terres d’Ariège)",
        ),
        intro="Dix-huit mois après la reconnaissance, le pôle a nettement progressé.",
        is_public=True,
    ),
    E(
        TREGOR,
        "Auto-évaluation ECARTS 2023",
        "344434333",
        date(2023, 11, 23),
        externals=("Soizic Le Meur (Réseau breton des PTCE)",),
        intro="Évaluation conduite lors de l’assemblée plénière d’automne.",
    ),
    E(
        TREGOR,
        "Évaluation croisée ECARTS 2025",
        "455444443",
        date(2025, 6, 19),
        mode=PEER,
        externals=(
            "Céline Guillet (Pôle Réemploi solidaire des Pays de la Loire)",
            "Erwan Cariou (Pôle Alimentation durable du Pays de Morlaix)",
        ),
        intro="Regards croisés avec deux pôles pairs de l’Ouest.",
        is_public=True,
    ),
    E(
        "reemploi-pays-de-la-loire",
        "Auto-évaluation ECARTS 2024",
        "344333423",
        date(2024, 2, 8),
        externals=("Hervé Cottin (Chambre régionale de l’ESS)",),
        intro="Première évaluation à l’échelle des cinq départements.",
    ),
    E(
        "reemploi-pays-de-la-loire",
        "Auto-évaluation ECARTS 2025",
        "444444434",
        date(2025, 12, 4),
        externals=("Hervé Cottin (Chambre régionale de l’ESS)",),
        paper=("Yves Garnier (Ressourcerie du Pays de Laval)",),
        intro="Le réseau a gagné en cohérence depuis l’ouverture de la plateforme de Rezé.",
        is_public=True,
    ),
    E(
        "bois-ecoconstruction-creuse",
        "Auto-évaluation ECARTS 2023",
        "434343332",
        date(2023, 5, 25),
        members=2,
        externals=("Agnès Périgord (Conseil de développement de la Creuse)",),
    ),
    E(
        "bois-ecoconstruction-creuse",
        "Évaluation croisée avec la Déodatie",
        "545444443",
        date(2025, 9, 18),
        mode=PEER,
        externals=(
            "Stéphane Grandjean (Pôle Filière bois de la Déodatie)",
            "Caroline Mathieu (Scierie coopérative du Val de Meurthe)",
        ),
        intro="Deux pôles de la filière bois se sont évalués l’un l’autre.",
        is_public=True,
    ),
    E(
        "vallee-drome-transition",
        "Auto-évaluation ECARTS 2024",
        "544444333",
        date(2024, 6, 13),
        externals=("Lucien Achard (Réseau des fermes-écoles)",),
    ),
    E(
        "vallee-drome-transition",
        "Évaluation externe ECARTS 2026",
        "554545444",
        date(2026, 3, 12),
        mode=EXTERNAL,
        externals=(
            "Lucien Achard (Réseau des fermes-écoles)",
            "Sabine Rey (Université Grenoble Alpes)",
            "Marc Olivier (DREETS Auvergne-Rhône-Alpes)",
        ),
        intro="Un des pôles les plus anciens, évalué par trois regards extérieurs.",
        is_public=True,
    ),
    E(
        "numerique-solidaire-montpellier",
        "Première auto-évaluation ECARTS",
        "332322221",
        date(2025, 5, 22),
        externals=("Nicolas Ferrand (Hub France Connectée Occitanie)",),
        intro="Une première évaluation lucide, au moment où le pôle cherche son second souffle.",
    ),
    E(
        "alimentation-pays-de-morlaix",
        "Auto-évaluation ECARTS 2025",
        "433343322",
        date(2025, 11, 20),
        members=4,
        externals=("Soizic Le Meur (Réseau breton des PTCE)",),
        intro="Évaluation préparée avant le dépôt du dossier de reconnaissance.",
        is_public=True,
    ),
    E(
        "autonomie-solidarites-niortais",
        "Auto-évaluation ECARTS 2026",
        "333433232",
        date(2026, 2, 5),
        externals=("Claire Bouju (Gérontopôle Nouvelle-Aquitaine)",),
    ),
    E(
        "tourisme-culture-haute-provence",
        "Première auto-évaluation ECARTS",
        "342332222",
        date(2025, 3, 27),
        externals=("Damien Reboul (Agence de développement touristique 04)",),
        intro="Un jeune pôle, qui mesure le chemin à parcourir.",
        is_public=True,
    ),
    E(
        "agriculture-solidaire-sud-reunion",
        "Auto-évaluation ECARTS 2025",
        "443333322",
        date(2025, 9, 4),
        members=2,
        externals=("Laurence Técher (CRESS Réunion)",),
        paper=("Alix Hoareau (Association Manger local 974)", "Johnny Grondin (planteur)"),
        intro="Atelier d’évaluation tenu à Pierrefonds, avec des feuilles papier.",
        is_public=True,
    ),
    E(
        "ecoconstruction-bassin-minier",
        "Auto-évaluation ECARTS 2024",
        "444444433",
        date(2024, 10, 10),
        externals=("Géraldine Wallart (Mission bassin minier)",),
        is_public=True,
    ),
    E(
        "alimentation-solidaire-est-parisien",
        "Auto-évaluation ECARTS 2025",
        "433434322",
        date(2025, 6, 26),
        externals=("Fanny Lebon (Fondation Alimentation pour tous)",),
    ),
    E(
        "filiere-bois-deodatie",
        "Auto-évaluation ECARTS 2024",
        "434333322",
        date(2024, 4, 18),
        externals=("Alain Thiriet (Fibois Grand Est)",),
    ),
    # Still being filled: the member account of the Pays de Foix has a sheet to fill.
    E(
        FOIX,
        "Troisième auto-évaluation ECARTS",
        "444444343",
        externals=("Martine Castel (France Active Occitanie)",),
        paper=("Louis Cazals (Commune de Foix)",),
        state=OPEN,
        unsent_members=(1,),
        unsent_externals=(0,),
    ),
    # Sheets closed: the Trégor coordinator has to consolidate.
    E(
        TREGOR,
        "Évaluation ECARTS 2026 : regard extérieur",
        "455454443",
        mode=EXTERNAL,
        externals=(
            "Soizic Le Meur (Réseau breton des PTCE)",
            "Arnaud Pichon (Banque des Territoires, Bretagne)",
        ),
        state=CONSOLIDATION,
    ),
)
