"""The life of the demo poles of Occitanie (fictitious content, see `life_spec`).

Pays de Foix is the showcase of a recognised pole (every step done, a dense network, outcomes);
Montpellier is co-constructing but its animation has lapsed (no meeting for five months, few
members taking part); Grand Figeac is still gathering volunteers.
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

RECYCLERIE = "Recyclerie du Pays de Foix"
BARGUILLERE = "Ateliers de la Barguillère"
REPAR = "SCIC Ariège Répar’"
ENTRAIDE = "Entraide Pyrénées Solidarité"
MENUISERIE = "SCOP Menuiserie des Trois Vallées"
ROUMENGOUS = "Transports Roumengous SARL"
CASTAGNE = "Électroménager Castagné SAS"
PYRENE = "Pyrène Construction SAS"
AGGLO_FOIX = "Communauté d’agglomération Foix-Varilhes"
ARIEGE = "Département de l’Ariège"
PYRENEES_METIERS = "Centre de formation Pyrénées Métiers"

FOIX = LifeSpec(
    pole="reemploi-pays-de-foix",
    animation=Animation(
        every_days=30,
        turnout=0.45,
        core=3,
        workshops=(
            "tournées de collecte dans les vallées",
            "réemploi des chutes de chantier",
            "parcours vers les métiers de la réparation",
            "tarifs solidaires de la boutique",
            "groupement d’employeurs",
        ),
    ),
    needs=(
        NeedSpec(
            "Encombrants des communes rurales envoyés en enfouissement",
            "Déchets et réemploi",
            "Les communes des vallées n’ont pas de collecte des encombrants : meubles et "
            "appareils partent à l’enfouissement ou en dépôt sauvage.",
            "Diagnostic déchets de l’agglomération (2021) : 1 200 tonnes d’encombrants enfouies "
            "par an.",
            "Habitants et mairies des 42 communes de l’agglomération",
        ),
        NeedSpec(
            "Emplois pour les personnes durablement éloignées de l’emploi",
            "Insertion",
            "Dans les vallées, les demandeurs d’emploi de longue durée trouvent peu d’emplois "
            "supports pour reprendre pied.",
            "Données France Travail de l’Ariège, 2023.",
            "Demandeurs d’emploi de longue durée, bénéficiaires du RSA",
            covered_by="Chantiers d’insertion du département, pour une partie des besoins",
            proposer=2,
        ),
        NeedSpec(
            "Aucun réparateur d’électroménager au sud de Pamiers",
            "Services de proximité",
            "Un lave-linge en panne est le plus souvent remplacé : aucun artisan ne répare "
            "l’électroménager entre Pamiers et Tarascon.",
            "Enquête auprès de 300 ménages lors de la fête de la réparation.",
            "Ménages modestes des vallées",
            proposer=1,
        ),
        NeedSpec(
            "Chutes de chantier du bâtiment sans filière de réemploi",
            "Déchets et réemploi",
            "Bois, menuiseries et sanitaires déposés des chantiers finissent en benne faute de "
            "lieu pour les trier et les revendre.",
            "Estimation de la fédération du bâtiment : 300 tonnes par an réemployables.",
            "Entreprises du bâtiment, artisans, particuliers qui rénovent",
        ),
        NeedSpec(
            "Mobilier à petit prix pour les ménages relogés",
            "Solidarité",
            "Les familles relogées par les bailleurs sociaux arrivent souvent sans meubles.",
            "Signalements des travailleurs sociaux du Département.",
            "Ménages relogés, jeunes qui quittent l’aide sociale à l’enfance",
            covered_by="Vestiaire et dons ponctuels d’associations caritatives",
            is_public=False,
            proposer=2,
        ),
    ),
    topics=(
        TopicSpec(
            "Une plateforme de collecte partagée",
            "Mutualiser camions, tournées et lieu de tri pour toutes les communes.",
            answers=((0, 3), (3, 2)),
        ),
        TopicSpec(
            "Un atelier de réparation ouvert à tous",
            "Réparer l’électroménager collecté et celui des habitants, et former en réparant.",
            answers=((2, 3), (1, 2)),
            proposer=1,
        ),
        TopicSpec(
            "La boutique solidaire du centre-ville",
            "Revendre à petit prix, avec des tarifs solidaires pour les ménages orientés.",
            answers=((4, 3), (1, 1)),
            proposer=2,
        ),
        TopicSpec(
            "Un parcours vers les métiers de la réparation",
            "Des salariés en insertion aux qualifications de réparateur et de valoriste.",
            answers=((1, 3), (2, 1)),
        ),
    ),
    objectives=(
        (
            "Structurer la filière locale du réemploi",
            "De la collecte à la revente, sur tout le territoire de l’agglomération.",
        ),
        ("Créer des emplois durables pour les personnes éloignées de l’emploi", ""),
        ("Former aux métiers de la réparation", "Avec le centre de formation et le Département."),
    ),
    actions=(
        ActionSpec(
            "Plateforme de collecte mutualisée des encombrants",
            T.POOL_RESOURCES,
            "Deux camions, un quai de tri et des tournées communes dans les 42 communes.",
            (RECYCLERIE, ROUMENGOUS, AGGLO_FOIX, BARGUILLERE),
            objective=0,
            topic=0,
            needs=(0,),
            start=-60,
            budget=310000,
            outcomes=Outcomes(
                "4.5", "2", 2, 185000, ((F.REGION, 60000), (F.DEPARTEMENT, 40000), (F.LOCAL, 25000))
            ),
        ),
        ActionSpec(
            "Atelier Répar’ d’électroménager",
            T.SECTOR,
            "Un atelier de réparation commun aux recycleries, porté par une SCIC créée pour "
            "l’occasion avec un commerçant du territoire.",
            (REPAR, CASTAGNE, RECYCLERIE, ENTRAIDE),
            objective=0,
            topic=1,
            needs=(2, 1),
            status=S.DONE,
            start=-96,
            end=-60,
            budget=180000,
            ess_statute=EssStatute.SCIC,
            outcomes=Outcomes(
                "6", "1", 3, 240000, ((F.STATE, 50000), (F.EUROPE, 35000), (F.FOUNDATION, 20000))
            ),
        ),
        ActionSpec(
            "Réemploi des chutes de chantier",
            T.SECTOR,
            "Les entreprises du bâtiment déposent leurs chutes triées ; la menuiserie et la "
            "recyclerie les revendent aux artisans et aux particuliers.",
            (PYRENE, MENUISERIE, RECYCLERIE, AGGLO_FOIX),
            objective=0,
            topic=0,
            needs=(3,),
            start=-18,
            end=6,
            budget=75000,
            partners="Fédération départementale du bâtiment",
            outcomes=Outcomes("1.5", "0", 1, 32000, ((F.REGION, 20000), (F.SELF, 8000))),
        ),
        ActionSpec(
            "Boutique solidaire Le Comptoir",
            T.JOINT_PURCHASING,
            "Une boutique commune en centre-ville, avec des tarifs solidaires sur orientation "
            "des travailleurs sociaux.",
            (BARGUILLERE, RECYCLERIE, ENTRAIDE, ARIEGE),
            objective=1,
            topic=2,
            needs=(4, 1),
            status=S.DONE,
            start=-48,
            end=-30,
            budget=60000,
            outcomes=Outcomes("3", "2", 1, 95000, ((F.LOCAL, 15000), (F.FOUNDATION, 10000))),
        ),
        ActionSpec(
            "Parcours de formation aux métiers de la réparation",
            T.TRAINING,
            "Un parcours qualifiant de 9 mois pour les salariés en insertion du pôle, avec "
            "stages dans les ateliers des membres.",
            (PYRENEES_METIERS, REPAR, BARGUILLERE, ARIEGE),
            objective=2,
            topic=3,
            needs=(1,),
            start=-4,
            end=20,
            budget=120000,
            outcomes=Outcomes("1", "0", 1, None, ((F.REGION, 45000), (F.DEPARTEMENT, 30000))),
        ),
        ActionSpec(
            "Groupement d’employeurs du réemploi",
            T.POOL_SKILLS,
            "Partager un valoriste, un chauffeur et une comptable entre les structures.",
            (RECYCLERIE, BARGUILLERE, MENUISERIE, ROUMENGOUS),
            objective=1,
            needs=(1,),
            status=S.PLANNED,
            start=3,
            end=27,
            budget=45000,
            ess_statute=EssStatute.GROUPEMENT_EMPLOYEURS,
        ),
    ),
    resources=(
        ResourceSpec(
            ROUMENGOUS,
            K.OFFER,
            C.VEHICLE,
            "Camion de 20 m³ avec hayon, le mardi et le jeudi",
            "Avec chauffeur si besoin ; facturé au coût de revient aux membres.",
            available_from=-2,
        ),
        ResourceSpec(
            RECYCLERIE,
            K.REQUEST,
            C.VEHICLE,
            "Un second camion pour les tournées des vallées",
            "Deux jours par semaine, pour les tournées de Tarascon et de la Barguillère.",
            available_until=6,
        ),
        ResourceSpec(
            RECYCLERIE,
            K.OFFER,
            C.EQUIPMENT,
            "Ordinateurs et écrans collectés, à reconditionner",
            "Environ quarante unités par mois, triées et effacées.",
        ),
        ResourceSpec(
            REPAR,
            K.REQUEST,
            C.SKILLS,
            "Compétences en réparation de cartes électroniques",
            "Pour former deux techniciens à la micro-soudure.",
            available_until=9,
            author=1,
        ),
        ResourceSpec(
            PYRENEES_METIERS,
            K.OFFER,
            C.PREMISES,
            "Salle de formation de 20 places, le vendredi",
            "Vidéoprojecteur et connexion ; gratuite pour les membres.",
        ),
    ),
)

MOSSON = "Association Mosson Connectée"
REBOOT = "SCIC Reboot Occitanie"
CLES = "Les Clés du Numérique"
ECOLE_NUMERIQUE = "École du numérique inclusif"

MONTPELLIER = LifeSpec(
    pole="numerique-solidaire-montpellier",
    animation=Animation(
        every_days=55,
        turnout=0.0,
        core=3,
        lapsed_days=150,
        workshops=(
            "parcours d’accompagnement numérique",
            "prêt de matériel",
            "conseillers numériques itinérants",
        ),
    ),
    needs=(
        NeedSpec(
            "Habitants sans équipement pour leurs démarches en ligne",
            "Inclusion numérique",
            "Près d’un habitant sur cinq des quartiers prioritaires n’a ni ordinateur ni "
            "accompagnement pour ses démarches.",
            "Baromètre du numérique, données de la métropole (2022).",
            "Habitants des quartiers prioritaires de la métropole",
        ),
        NeedSpec(
            "Ordinateurs d’entreprises jetés au lieu d’être reconditionnés",
            "Économie circulaire",
            "Les parcs informatiques renouvelés partent au recyclage matière.",
            "Entretiens avec dix entreprises de la métropole.",
            "Entreprises et administrations du territoire",
            proposer=2,
        ),
        NeedSpec(
            "Formation qualifiante aux métiers du numérique pour les jeunes des quartiers",
            "Formation",
            "Les formations existantes recrutent peu dans les quartiers prioritaires.",
            affected="Jeunes de 16 à 25 ans sans qualification",
            covered_by="Écoles du numérique de la métropole, pour une partie des places",
            proposer=1,
        ),
        NeedSpec(
            "Accompagnement des seniors isolés",
            "Inclusion numérique",
            "Les seniors isolés ne viennent pas dans les lieux de médiation.",
            affected="Personnes âgées vivant seules",
        ),
    ),
    topics=(
        TopicSpec(
            "Un parcours du premier accompagnement à la formation",
            "Enchaîner médiation, prêt de matériel et formation qualifiante.",
            answers=((0, 3), (2, 2)),
            proposer=1,
        ),
        TopicSpec(
            "Une filière de reconditionnement avec les entreprises",
            "Collecter les parcs informatiques des entreprises et les reconditionner sur place.",
            answers=((1, 3), (0, 2)),
            proposer=2,
        ),
        TopicSpec(
            "Des conseillers numériques itinérants",
            "Aller vers les habitants qui ne viennent pas dans les lieux de médiation.",
            answers=((0, 2),),
        ),
    ),
    resources=(
        ResourceSpec(
            REBOOT,
            K.REQUEST,
            C.EQUIPMENT,
            "Ordinateurs portables et fixes à reconditionner",
            "Nous reconditionnons jusqu’à 200 postes par mois pour les familles.",
            author=2,
        ),
        ResourceSpec(
            REBOOT,
            K.OFFER,
            C.SKILLS,
            "Formation au diagnostic électronique et à la micro-soudure",
            "Sessions de deux jours pour les techniciens d’autres structures.",
            available_from=-1,
            available_until=10,
            author=2,
        ),
        ResourceSpec(
            ECOLE_NUMERIQUE,
            K.OFFER,
            C.PREMISES,
            "Salle informatique de 12 postes, le samedi",
            "Accès libre pour des ateliers de médiation.",
        ),
        ResourceSpec(
            MOSSON,
            K.REQUEST,
            C.PREMISES,
            "Un local d’accueil en pied d’immeuble à la Paillade",
            "Pour des permanences de médiation deux demi-journées par semaine.",
            available_until=4,
        ),
    ),
)

FIGEAC = LifeSpec(
    pole="alimentation-grand-figeac",
    animation=Animation(
        every_days=31,
        turnout=0.6,
        core=2,
        workshops=("besoins des cantines", "logistique du froid", "prix d’achat équitables"),
    ),
)

POLES = (FOIX, MONTPELLIER, FIGEAC)
