"""The life of the demo poles of Provence-Alpes-Côte d'Azur and La Réunion (fictitious).

Haute-Provence is co-constructing (needs, topics, the matrix, no action plan yet); the Sud
Réunion pole has its plan, but no action yet answers a recorded need (step 3 in progress).
"""

from ptce.cooperation.models import ActionStatus as S
from ptce.cooperation.models import ActionType as T
from ptce.cooperation.models import FundingSource as F
from ptce.cooperation.models import ResourceCategory as C
from ptce.cooperation.models import ResourceKind as K

from .life_spec import (
    ActionSpec,
    Animation,
    LifeSpec,
    NeedSpec,
    Outcomes,
    ResourceSpec,
    TopicSpec,
)

HAUTE_PROVENCE = LifeSpec(
    pole="tourisme-culture-haute-provence",
    animation=Animation(
        every_days=36,
        turnout=0.4,
        workshops=("logement des saisonniers", "résidences d’artistes", "centrale de réservation"),
    ),
    needs=(
        NeedSpec(
            "Saisonniers sans logement abordable",
            "Emploi saisonnier",
            "Les employeurs renoncent à recruter faute de logement.",
            "Enquête du Département auprès de 120 employeurs (2023).",
            "Saisonniers, hébergeurs, festivals",
        ),
        NeedSpec(
            "Villages désertés hors saison",
            "Attractivité",
            "",
            affected="Commerces et habitants des villages",
        ),
        NeedSpec(
            "Emplois culturels et touristiques précaires",
            "Emploi",
            "",
            affected="Techniciens, guides, animateurs",
            covered_by="Groupement d’employeurs en création",
            proposer=2,
        ),
        NeedSpec(
            "Sites touristiques inaccessibles sans voiture",
            "Mobilité",
            "",
            affected="Visiteurs sans voiture",
        ),
    ),
    topics=(
        TopicSpec("Partager les salariés entre saisons", "", answers=((2, 3), (0, 1))),
        TopicSpec("Résidences d’artistes hors saison", "", answers=((1, 3),), proposer=2),
        TopicSpec("Une centrale de réservation coopérative", "", answers=((1, 2),), proposer=1),
    ),
    resources=(
        ResourceSpec(
            "Gîtes de la Montagne de Lure SARL",
            K.OFFER,
            C.PREMISES,
            "Cinq chambres libres d’octobre à avril",
            "Pour loger des artistes en résidence ou des saisonniers d’hiver.",
        ),
        ResourceSpec(
            "Festival des Nuits de Lure",
            K.REQUEST,
            C.PREMISES,
            "Hébergement de deux artistes en résidence en février",
            "",
            author=2,
            available_until=4,
        ),
    ),
)

REUNION = LifeSpec(
    pole="agriculture-solidaire-sud-reunion",
    animation=Animation(
        every_days=40,
        turnout=0.35,
        workshops=("cantines de la CIVIS", "défrichage des Hauts", "prix des fruits péi"),
    ),
    needs=(
        NeedSpec(
            "Cantines approvisionnées en fruits et légumes importés",
            "Alimentation",
            "",
            "Données de la restauration scolaire de la CIVIS.",
            "Enfants des écoles, planteurs",
        ),
        NeedSpec(
            "Terres en friche dans les Hauts du Sud",
            "Foncier agricole",
            "",
            affected="Jeunes planteurs, communes",
        ),
        NeedSpec(
            "Jeunes sans qualification attirés par le maraîchage",
            "Formation",
            "",
            affected="Jeunes de 18 à 25 ans",
            covered_by="Centre de formation agricole, places limitées",
        ),
    ),
    topics=(
        TopicSpec("Livrer les cantines en produits péi", "", answers=((0, 3),)),
        TopicSpec("Remettre les friches en culture", "", answers=((1, 3), (2, 2)), proposer=1),
    ),
    objectives=(
        ("Nourrir les écoles du Sud avec des produits péi", ""),
        ("Installer des jeunes planteurs sur les friches", ""),
    ),
    actions=(
        ActionSpec(
            "Plateforme logistique des cantines",
            T.JOINT_PURCHASING,
            "",
            (
                "SCIC Atelier de transformation Péi",
                "SCOP Transport frigorifique du Sud",
                "Coopérative des planteurs des Hauts du Sud",
                "Communauté intercommunale des villes solidaires (CIVIS)",
            ),
            objective=0,
            topic=0,
            start=-30,
            outcomes=Outcomes("4", "2", 1, 310000, ((F.EUROPE, 180000), (F.REGION, 70000))),
        ),
        ActionSpec(
            "Défrichage et installation sur les friches du Tampon",
            T.SOCIAL_INNOVATION,
            "",
            (
                "Chantier d’insertion Jardins de Petite-Île",
                "Commune du Tampon",
                "Coopérative des planteurs des Hauts du Sud",
            ),
            objective=1,
            topic=1,
            status=S.PLANNED,
            start=2,
            end=26,
            budget=210000,
        ),
    ),
)

POLES = (HAUTE_PROVENCE, REUNION)
