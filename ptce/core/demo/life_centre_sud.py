"""The life of the demo poles of Nouvelle-Aquitaine and Auvergne-Rhône-Alpes (fictitious).

Creuse and Niort are neighbours in Nouvelle-Aquitaine: the Creuse pole's skills in small wooden
housing answer the Niort pole's request for inclusive housing design.
"""

from ptce.cooperation.models import ActionStatus as S
from ptce.cooperation.models import ActionType as T
from ptce.cooperation.models import EssStatute
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

CREUSE = LifeSpec(
    pole="bois-ecoconstruction-creuse",
    animation=Animation(
        every_days=42,
        turnout=0.35,
        workshops=("bois local dans la commande publique", "isolants biosourcés", "apprentis"),
    ),
    needs=(
        NeedSpec(
            "Bois creusois scié et transformé hors du département",
            "Filière bois",
            "Les grumes du plateau partent en Auvergne ou en Espagne pour être sciées.",
            "Interprofession forêt-bois, 2021.",
            "Scieries, charpentiers, communes forestières",
        ),
        NeedSpec(
            "Logements vacants et dégradés dans les bourgs",
            "Habitat",
            "Un logement sur six est vacant dans les bourgs de la Creuse.",
            affected="Communes, jeunes ménages qui s’installent",
        ),
        NeedSpec(
            "Manque de charpentiers et de menuisiers qualifiés",
            "Emploi et formation",
            "",
            affected="Entreprises du bâtiment",
            covered_by="Le centre de formation de Felletin, pour la formation initiale",
            proposer=1,
        ),
    ),
    topics=(
        TopicSpec("Une marque « Bois local Creuse »", "", answers=((0, 3),)),
        TopicSpec(
            "Réhabiliter les maisons de bourg en bois local",
            "",
            answers=((1, 3), (0, 2), (2, 1)),
            proposer=1,
        ),
    ),
    objectives=(
        ("Transformer le bois creusois en Creuse", ""),
        ("Rénover les bourgs avec des matériaux biosourcés", ""),
    ),
    actions=(
        ActionSpec(
            "SCIC Bois Local Limousin : achat et sciage en commun",
            T.SECTOR,
            "",
            (
                "SCIC Bois Local Limousin",
                "Scierie Lavergne et Fils SAS",
                "SCOP Charpentes du Plateau",
                "Commune de Felletin",
            ),
            objective=0,
            topic=0,
            needs=(0,),
            start=-120,
            ess_statute=EssStatute.SCIC,
            outcomes=Outcomes("7", "5", 2, 890000, ((F.REGION, 180000), (F.EUROPE, 240000))),
        ),
        ActionSpec(
            "Maisons de bourg rénovées en bois et isolants biosourcés",
            T.SOCIAL_INNOVATION,
            "",
            (
                "Coopérative des Éco-bâtisseurs creusois",
                "Isolants biosourcés du Limousin SAS",
                "Communauté de communes Creuse Grand Sud",
                "Fondation pour l’habitat rural creusois",
            ),
            objective=1,
            topic=1,
            needs=(1,),
            start=-20,
            end=10,
            budget=380000,
            outcomes=Outcomes("2", "3", 1, 260000, ((F.FOUNDATION, 60000), (F.STATE, 90000))),
        ),
        ActionSpec(
            "Chantiers-écoles pour les apprentis charpentiers",
            T.TRAINING,
            "",
            (
                "Centre de formation aux métiers du bois de Felletin",
                "SCOP Charpentes du Plateau",
                "Menuiserie Aubussonnaise SARL",
            ),
            objective=1,
            needs=(2,),
            start=-10,
            outcomes=Outcomes("0", "0", 1, None, ((F.REGION, 25000),)),
        ),
    ),
    resources=(
        ResourceSpec(
            "SCIC Bois Local Limousin",
            K.OFFER,
            C.SKILLS,
            "Conception de petits logements en bois local",
            "Notre bureau d’études accompagne les projets d’habitat de la région.",
            author=0,
        ),
    ),
)

NIORT = LifeSpec(
    pole="autonomie-solidarites-niortais",
    animation=Animation(
        every_days=38,
        turnout=0.4,
        workshops=("habitat inclusif", "transport accompagné", "aidants familiaux"),
    ),
    needs=(
        NeedSpec(
            "Personnes âgées isolées dans des logements inadaptés",
            "Autonomie",
            "",
            "Diagnostic du centre communal d’action sociale de Niort.",
            "Personnes âgées vivant seules",
        ),
        NeedSpec(
            "Rendez-vous médicaux manqués faute de transport",
            "Mobilité",
            "",
            affected="Personnes âgées et handicapées",
            covered_by="Transport à la demande de l’agglomération, pour les trajets simples",
            proposer=2,
        ),
        NeedSpec(
            "Épuisement des aidants familiaux",
            "Santé",
            "",
            affected="Aidants familiaux",
            proposer=1,
        ),
    ),
    topics=(
        TopicSpec("Habitat inclusif et domotique", "", answers=((0, 3),)),
        TopicSpec("Transport accompagné", "", answers=((1, 3), (2, 1)), proposer=2),
    ),
    objectives=(
        ("Bien vieillir chez soi dans le Niortais", ""),
        ("Soutenir les aidants", ""),
    ),
    actions=(
        ActionSpec(
            "Colocation seniors de la rue de Ribray",
            T.SOCIAL_INNOVATION,
            "",
            (
                "SCIC Habiter ensemble en Niortais",
                "Deux-Sèvres Habitat Solidaire SA",
                "Domotique Sèvre niortaise SAS",
                "Ville de Niort",
            ),
            objective=0,
            topic=0,
            needs=(0,),
            start=-14,
            end=10,
            budget=240000,
            ess_statute=EssStatute.SCIC,
            outcomes=Outcomes("2", "0", 1, None, ((F.DEPARTEMENT, 60000), (F.FOUNDATION, 40000))),
        ),
        ActionSpec(
            "Transport accompagné vers les soins",
            T.POOL_RESOURCES,
            "",
            (
                "SCOP Transports accompagnés des Deux-Sèvres",
                "Aide et Présence à domicile du Marais poitevin",
                "Mutuelle Solidarité Sèvre et Marais",
            ),
            objective=0,
            topic=1,
            needs=(1,),
            status=S.PLANNED,
            start=1,
            end=13,
            budget=70000,
        ),
    ),
    resources=(
        ResourceSpec(
            "SCIC Habiter ensemble en Niortais",
            K.REQUEST,
            C.SKILLS,
            "Conception d’habitats inclusifs adaptés en bois",
            "Pour deux projets de colocation seniors en 2027.",
            available_until=12,
        ),
    ),
)

DROME = LifeSpec(
    pole="vallee-drome-transition",
    animation=Animation(
        every_days=30,
        turnout=0.5,
        workshops=("installation des nouveaux paysans", "paniers des entreprises", "semences"),
    ),
    needs=(
        NeedSpec(
            "Terres agricoles sans repreneur",
            "Installation agricole",
            "Un agriculteur sur deux partira à la retraite d’ici dix ans.",
            "Chambre d’agriculture de la Drôme.",
            "Cédants, porteurs de projets agricoles",
        ),
        NeedSpec(
            "Légumes bio vendus hors de la vallée faute d’outil de transformation",
            "Alimentation",
            "",
            affected="Maraîchers et arboriculteurs",
        ),
        NeedSpec(
            "Salariés de la vallée sans accès aux produits locaux",
            "Alimentation",
            "",
            affected="Salariés des entreprises de la vallée",
            covered_by="Marchés de plein vent, aux horaires de travail",
        ),
    ),
    topics=(
        TopicSpec("Installer de nouveaux paysans", "", answers=((0, 3),)),
        TopicSpec("Transformer et vendre ensemble", "", answers=((1, 3), (2, 2)), proposer=2),
    ),
    objectives=(
        ("Installer une nouvelle génération de paysans", ""),
        ("Transformer et distribuer localement", ""),
    ),
    actions=(
        ActionSpec(
            "Ferme-école : deux ans d’installation accompagnée",
            T.TRAINING,
            "",
            (
                "Association Ferme-école de la Vallée",
                "Association Terres paysannes de la Drôme",
                "Commune de Saillans",
                "Coopérative des producteurs bio du Diois",
            ),
            objective=0,
            topic=0,
            needs=(0,),
            start=-150,
            outcomes=Outcomes("14", "0", 14, None, ((F.REGION, 90000), (F.EUROPE, 120000))),
        ),
        ActionSpec(
            "Halle de transformation partagée",
            T.POOL_RESOURCES,
            "",
            (
                "SCIC Halle de transformation du Crestois",
                "SCOP Plantes et Parfums de la Drôme",
                "Coopérative des producteurs bio du Diois",
                "Communauté de communes Crestois et Pays de Saillans",
            ),
            objective=1,
            topic=1,
            needs=(1,),
            start=-100,
            ess_statute=EssStatute.SCIC,
            outcomes=Outcomes("6", "2", 3, 420000, ((F.REGION, 150000), (F.DEPARTEMENT, 60000))),
        ),
        ActionSpec(
            "Paniers livrés aux entreprises de la vallée",
            T.JOINT_PURCHASING,
            "",
            (
                "Magasin de producteurs La Clé des Champs SAS",
                "Coopérative des producteurs bio du Diois",
                "Brasserie artisanale du Vercors Sud SARL",
            ),
            objective=1,
            needs=(2,),
            start=-24,
            outcomes=Outcomes("1", "0", 1, 110000, ((F.SELF, 15000),)),
        ),
    ),
    resources=(
        ResourceSpec(
            "SCIC Halle de transformation du Crestois",
            K.OFFER,
            C.EQUIPMENT,
            "Autoclave et ligne d’embouteillage, les lundis",
            "",
            author=2,
        ),
        ResourceSpec(
            "Pépinières du Vallon SAS",
            K.REQUEST,
            C.EQUIPMENT,
            "Chambre froide pour les plants au printemps",
            "",
            available_from=3,
            available_until=6,
        ),
    ),
)

POLES = (CREUSE, NIORT, DROME)
