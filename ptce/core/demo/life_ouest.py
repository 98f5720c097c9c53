"""The life of the demo poles of Pays de la Loire and Normandie (fictitious content).

The Bocage saint-lois pole is still gathering volunteers: it is listed among the emerging poles
and has join requests to answer.
"""

from ptce.cooperation.models import ActionStatus as S
from ptce.cooperation.models import ActionType as T
from ptce.cooperation.models import EssStatute
from ptce.cooperation.models import FundingSource as F
from ptce.cooperation.models import ResourceCategory as C
from ptce.cooperation.models import ResourceKind as K
from ptce.organisations.models import LegalCategory

from .life_spec import (
    ActionSpec,
    Animation,
    JoinSpec,
    LifeSpec,
    NeedSpec,
    Outcomes,
    ResourceSpec,
    TopicSpec,
)

RESSOURCERIES = "Réseau des ressourceries ligériennes"
ESTUAIRE = "Ressourcerie de l’Estuaire"
GRENIER = "Ressourcerie angevine Le Grenier"
MANCELLE = "Recyclerie mancelle"
REEMPLOI_VENDEE = "SCIC Réemploi Vendée"
LOGISTIQUE = "SCOP Logistique solidaire de l’Ouest"
BATI = "Coopérative Bâti-Réemploi Atlantique"
RABAUD = "Démolition Rabaud SAS"
MEUBLES = "Meubles Ligériens SAS"
NANTES = "Nantes Métropole"

PAYS_DE_LA_LOIRE = LifeSpec(
    pole="reemploi-pays-de-la-loire",
    animation=Animation(
        every_days=45,
        turnout=0.3,
        core=4,
        workshops=("matériaux du bâtiment", "logistique régionale", "vente en ligne"),
    ),
    needs=(
        NeedSpec(
            "Matériaux de démolition réemployables mis en décharge",
            "Déchets et réemploi",
            "Portes, briques et charpentes partent en décharge faute de filière.",
            "Étude régionale sur les déchets du bâtiment, 2022.",
            "Entreprises de démolition, maîtres d’ouvrage publics",
        ),
        NeedSpec(
            "Transports à vide entre ressourceries",
            "Logistique",
            "Chaque ressourcerie fait ses propres trajets, souvent à moitié vides.",
            affected="Ressourceries du réseau",
        ),
        NeedSpec(
            "Meubles d’occasion peu visibles du grand public",
            "Commercialisation",
            "Les ventes restent locales et confidentielles.",
            affected="Ressourceries, acheteurs",
            covered_by="Plateformes de vente entre particuliers",
        ),
    ),
    topics=(
        TopicSpec(
            "Une plateforme régionale des matériaux de réemploi",
            "",
            answers=((0, 3),),
        ),
        TopicSpec(
            "Une logistique mutualisée entre ressourceries",
            "",
            answers=((1, 3), (2, 1)),
            proposer=1,
        ),
    ),
    objectives=(
        ("Créer la filière régionale du réemploi des matériaux", ""),
        ("Mutualiser la logistique et la vente", ""),
    ),
    actions=(
        ActionSpec(
            "Plateforme Bâti-Réemploi de Rezé",
            T.SECTOR,
            "Dépose soignée, stockage et revente des matériaux de démolition.",
            (BATI, RABAUD, ESTUAIRE, NANTES),
            objective=0,
            topic=0,
            needs=(0,),
            start=-70,
            budget=520000,
            ess_statute=EssStatute.COOPERATIVE,
            outcomes=Outcomes(
                "8", "3", 2, 620000, ((F.REGION, 150000), (F.EUROPE, 200000), (F.LOCAL, 80000))
            ),
        ),
        ActionSpec(
            "Navette logistique des ressourceries",
            T.POOL_RESOURCES,
            "Une tournée hebdomadaire entre Nantes, Angers, Laval et Le Mans.",
            (LOGISTIQUE, ESTUAIRE, GRENIER, MANCELLE, REEMPLOI_VENDEE),
            objective=1,
            topic=1,
            needs=(1,),
            start=-36,
            budget=150000,
            outcomes=Outcomes("2", "1", 1, 88000, ((F.REGION, 50000), (F.SELF, 30000))),
        ),
        ActionSpec(
            "Boutique en ligne commune",
            T.JOINT_PURCHASING,
            "",
            (RESSOURCERIES, GRENIER, MEUBLES, REEMPLOI_VENDEE),
            objective=1,
            needs=(2,),
            status=S.DONE,
            start=-30,
            end=-12,
            budget=45000,
            outcomes=Outcomes("1", "0", 1, 76000, ((F.FOUNDATION, 25000),)),
        ),
    ),
    resources=(
        ResourceSpec(
            LOGISTIQUE,
            K.OFFER,
            C.VEHICLE,
            "Places libres dans la navette du jeudi",
            "Environ 10 m³ disponibles au retour du Mans.",
        ),
        ResourceSpec(
            MANCELLE,
            K.REQUEST,
            C.VEHICLE,
            "Transport de mobilier vers Angers",
            "Une fois par mois.",
            available_until=6,
        ),
    ),
)

BOCAGE = LifeSpec(
    pole="mobilites-rurales-bocage",
    animation=Animation(
        every_days=33,
        turnout=0.5,
        core=3,
        workshops=("recensement des besoins de mobilité", "location de deux-roues"),
    ),
    join_requests=(
        JoinSpec(
            "Garage Lemarié SARL",
            LegalCategory.SOCIETE_COMMERCIALE,
            "50639",
            "Patrick Lemarié",
            "patrick.lemarie@garage-lemarie.demo.ptce.fr",
            "Un atelier et un mécanicien pour réparer à prix coûtant les véhicules des "
            "personnes en insertion ; deux véhicules de courtoisie à prêter.",
            "Des apprentis et un contact avec les prescripteurs de l’emploi.",
            days_ago=12,
        ),
        JoinSpec(
            "Taxis et Transports du Bocage SAS",
            LegalCategory.SOCIETE_COMMERCIALE,
            "50502",
            "Sylvie Marie",
            "sylvie.marie@taxis-bocage.demo.ptce.fr",
            "Du transport à la demande vers les zones d’activité, aux heures où les bus ne "
            "passent pas.",
            "Mieux remplir nos véhicules en heures creuses.",
            days_ago=4,
        ),
        JoinSpec(
            "Location Auto Express SAS",
            LegalCategory.SOCIETE_COMMERCIALE,
            "14118",
            "Marc Durand",
            "marc.durand@location-express.demo.ptce.fr",
            "Des remises sur nos locations.",
            declined_reason=(
                "Votre agence est à Caen, hors du territoire du pôle, et votre proposition "
                "est commerciale : le pôle réunit des acteurs du bocage saint-lois qui "
                "coopèrent. Nous restons heureux de vous orienter vers un pôle de votre "
                "territoire."
            ),
            days_ago=40,
        ),
    ),
)

POLES = (PAYS_DE_LA_LOIRE, BOCAGE)
