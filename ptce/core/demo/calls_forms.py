"""The application forms and scoring grids of the demo's calls (see `calls_content.py`)."""

from dataclasses import dataclass

from ptce.calls.models import QuestionKind as K


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    label: str
    kind: str
    required: bool = False
    help_text: str = ""
    choices: tuple[str, ...] = ()
    prefill: str = ""
    children: tuple["QuestionSpec", ...] = ()


RECOGNITION_FORM = (
    (
        "Le pôle et son territoire",
        (
            QuestionSpec(
                "presentation",
                "Présentez le pôle, sa gouvernance et sa structure porteuse",
                K.LONG_TEXT,
                required=True,
                prefill="description",
            ),
            QuestionSpec("territoire", "Territoire couvert", K.LONG_TEXT, prefill="departements"),
            QuestionSpec("siege", "Commune du lieu principal", K.COMMUNE, required=True),
            QuestionSpec(
                "membres", "Membres et leurs catégories", K.LONG_TEXT, prefill="membres_par_famille"
            ),
            QuestionSpec(
                "conformite",
                "Conformité à l’article 9",
                K.LONG_TEXT,
                prefill="conformite_article_9",
            ),
        ),
    ),
    (
        "La coopération",
        (
            QuestionSpec(
                "besoins",
                "Quels besoins non traités du territoire le pôle adresse-t-il ?",
                K.LONG_TEXT,
                required=True,
            ),
            QuestionSpec("plan", "Plan d’action", K.LONG_TEXT, prefill="plan_actions"),
            QuestionSpec(
                "ecarts", "Dernière évaluation ECARTS", K.LONG_TEXT, prefill="ecarts_notes"
            ),
            QuestionSpec(
                "animation",
                "Animation du pôle",
                K.LONG_TEXT,
                prefill="animation_evenements_12_mois",
            ),
            QuestionSpec(
                "priorites",
                "Vos priorités d’accompagnement",
                K.MULTIPLE_CHOICE,
                required=True,
                choices=(
                    "Gouvernance et animation",
                    "Modèle économique",
                    "Évaluation de l’impact",
                    "Mise en réseau",
                ),
            ),
            QuestionSpec("charte", "Le pôle a-t-il signé la charte des PTCE ?", K.YES_NO),
            QuestionSpec(
                "partenaires",
                "Partenaires financiers",
                K.REPEATED,
                children=(
                    QuestionSpec("nom", "Nom du partenaire", K.SHORT_TEXT, required=True),
                    QuestionSpec("montant", "Montant apporté (€)", K.AMOUNT),
                ),
            ),
            QuestionSpec("lettre", "Lettre de soutien d’une collectivité", K.FILE),
        ),
    ),
)
FINANCIAL_FORM = (
    (
        "Le projet financé",
        (
            QuestionSpec("projet", "Décrivez le projet de développement", K.LONG_TEXT, True),
            QuestionSpec("montant", "Montant demandé (€)", K.AMOUNT, True),
            QuestionSpec("demarrage", "Date de démarrage", K.DATE, True),
            QuestionSpec("emplois", "Emplois créés ou consolidés visés", K.NUMBER),
            QuestionSpec(
                "type",
                "Nature principale des dépenses",
                K.CHOICE,
                True,
                choices=("Animation", "Investissement", "Études", "Formation"),
            ),
            QuestionSpec("plan", "Plan d’action", K.LONG_TEXT, prefill="plan_actions"),
        ),
    ),
)
RECOGNITION_GRID = (
    ("Ancrage territorial et réponse à des besoins non traités", 3, 5),
    ("Diversité des membres (ESS, entreprises, collectivités, recherche)", 2, 5),
    ("Gouvernance partagée et animation", 2, 5),
    ("Maturité du plan d’action", 1, 5),
)
FINANCIAL_GRID = (
    ("Impact attendu sur l’emploi et l’activité", 3, 5),
    ("Solidité du plan de financement", 2, 5),
    ("Capacité de mise en œuvre", 1, 5),
)
