"""The life of the demo poles of Hauts-de-France, Île-de-France and Grand Est (fictitious).

The bassin minier and Roubaix are neighbours in Hauts-de-France: the Roubaix SCIC's recycled
textile insulation answers a request of the bassin minier's insulation company.
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

BASSIN_MINIER = LifeSpec(
    pole="ecoconstruction-bassin-minier",
    animation=Animation(
        every_days=32,
        turnout=0.45,
        workshops=("rénovation des cités minières", "matériauthèque", "chantiers d’insertion"),
    ),
    needs=(
        NeedSpec(
            "Maisons des cités minières mal isolées",
            "Énergie et habitat",
            "70 000 logements miniers à rénover dans le bassin.",
            "Engagement pour le renouveau du bassin minier.",
            "Locataires des cités, bailleurs",
        ),
        NeedSpec(
            "Jeunes sans emploi dans les quartiers de Lens-Liévin",
            "Insertion",
            "",
            affected="Jeunes de 18 à 30 ans",
            covered_by="Mission locale et écoles de la deuxième chance, en partie",
            proposer=1,
        ),
        NeedSpec(
            "Matériaux de déconstruction mis en décharge",
            "Économie circulaire",
            "",
            affected="Entreprises du bâtiment",
        ),
    ),
    topics=(
        TopicSpec("Rénover les cités avec les habitants", "", answers=((0, 3), (1, 2))),
        TopicSpec("Une matériauthèque de réemploi", "", answers=((2, 3),), proposer=1),
    ),
    objectives=(
        ("Rénover les cités minières en créant des emplois locaux", ""),
        ("Réemployer les matériaux du bassin", ""),
    ),
    actions=(
        ActionSpec(
            "Rénovation thermique de 400 maisons minières",
            T.SECTOR,
            "",
            (
                "Bâtir Ensemble Artois SAS (entreprise d’insertion)",
                "SCOP Menuiseries du Bassin minier",
                "Isolation Nord Artois SAS",
                "Habitat minier solidaire SA d’HLM",
                "Commune de Loos-en-Gohelle",
            ),
            objective=0,
            topic=0,
            needs=(0, 1),
            start=-48,
            budget=1200000,
            outcomes=Outcomes(
                "12", "6", 2, 2400000, ((F.STATE, 300000), (F.REGION, 250000), (F.EUROPE, 400000))
            ),
        ),
        ActionSpec(
            "Matériauthèque du Nord",
            T.POOL_RESOURCES,
            "",
            (
                "SCIC Matériauthèque du Nord",
                "Association Gohelle Éco-construction",
                "Briqueterie de la Gohelle SAS",
                "Communauté d’agglomération de Lens-Liévin",
            ),
            objective=1,
            topic=1,
            needs=(2,),
            start=-60,
            end=-20,
            status=S.DONE,
            ess_statute=EssStatute.SCIC,
            outcomes=Outcomes("3", "0", 1, 180000, ((F.REGION, 80000), (F.LOCAL, 40000))),
        ),
    ),
    resources=(
        ResourceSpec(
            "Isolation Nord Artois SAS",
            K.REQUEST,
            C.EQUIPMENT,
            "Isolants biosourcés ou recyclés pour les chantiers d’insertion",
            "Environ 2 000 m² par an pour les combles des maisons minières.",
            author=2,
        ),
    ),
)

ROUBAIX = LifeSpec(
    pole="textile-circulaire-roubaix",
    animation=Animation(
        every_days=28,
        turnout=0.5,
        workshops=("tri des textiles usagés", "atelier de confection partagé", "marque commune"),
    ),
    needs=(
        NeedSpec(
            "Textiles usagés exportés sans être triés localement",
            "Économie circulaire",
            "",
            affected="Collectivités, habitants",
        ),
        NeedSpec(
            "Savoir-faire textile qui disparaît avec les départs en retraite",
            "Emploi et formation",
            "",
            affected="Filatures, ateliers de confection",
            proposer=2,
        ),
        NeedSpec(
            "Créateurs sans atelier équipé",
            "Entrepreneuriat",
            "",
            affected="Jeunes créateurs de mode",
            covered_by="Pépinière d’entreprises de la métropole, liste d’attente",
        ),
    ),
    topics=(
        TopicSpec("Trier et effilocher à Roubaix", "", answers=((0, 3),), proposer=1),
        TopicSpec("Transmettre les savoir-faire", "", answers=((1, 3),)),
    ),
    resources=(
        ResourceSpec(
            "SCIC Textiles recyclés du Nord",
            K.OFFER,
            C.EQUIPMENT,
            "Isolant en fibres textiles recyclées",
            "Panneaux et rouleaux, livrables dans toute la région.",
            author=1,
        ),
        ResourceSpec(
            "Ateliers de la Fibre solidaire",
            K.OFFER,
            C.PREMISES,
            "Atelier de confection équipé, les après-midi",
            "",
        ),
        ResourceSpec(
            "Collectif Créateurs en circuit court",
            K.REQUEST,
            C.PREMISES,
            "Un atelier équipé pour trois créatrices",
            "",
            available_until=6,
        ),
    ),
)

EST_PARISIEN = LifeSpec(
    pole="alimentation-solidaire-est-parisien",
    animation=Animation(
        every_days=30,
        turnout=0.45,
        workshops=("livraisons à vélo-cargo", "cuisine d’insertion", "épiceries solidaires"),
    ),
    needs=(
        NeedSpec(
            "Familles en précarité alimentaire à Montreuil et Bagnolet",
            "Alimentation",
            "",
            "Diagnostic des centres sociaux, 2022.",
            "Familles, étudiants",
        ),
        NeedSpec(
            "Emplois d’insertion dans la restauration",
            "Insertion",
            "",
            affected="Demandeurs d’emploi de longue durée",
        ),
        NeedSpec(
            "Livraisons en camionnette dans les rues denses",
            "Logistique",
            "",
            affected="Commerces, habitants",
            covered_by="Plateformes de livraison commerciales",
        ),
    ),
    topics=(
        TopicSpec("Une cuisine commune d’insertion", "", answers=((1, 3), (0, 2))),
        TopicSpec("Livrer à vélo-cargo", "", answers=((2, 3),), proposer=1),
    ),
    objectives=(
        ("Une alimentation de qualité accessible à tous", ""),
        ("Des emplois d’insertion dans les métiers de bouche", ""),
    ),
    actions=(
        ActionSpec(
            "Cuisine partagée des Murs-à-Pêches",
            T.POOL_RESOURCES,
            "",
            (
                "Association La Cuisine des Murs-à-Pêches",
                "Traiteur d’insertion Saveurs partagées SAS",
                "SCOP Boulangerie La Fournée montreuilloise",
                "Ville de Montreuil",
            ),
            objective=1,
            topic=0,
            needs=(1, 0),
            start=-20,
            outcomes=Outcomes("4", "1", 1, 160000, ((F.DEPARTEMENT, 50000), (F.FOUNDATION, 30000))),
        ),
        ActionSpec(
            "Livraisons à vélo-cargo des épiceries solidaires",
            T.JOINT_PURCHASING,
            "",
            (
                "SCIC Vélos-cargos de l’Est",
                "Épicerie solidaire Le Panier de Bagnolet",
                "Primeurs de la Croix-de-Chavaux SARL",
            ),
            objective=0,
            topic=1,
            needs=(2,),
            status=S.PLANNED,
            start=1,
            end=13,
            budget=55000,
        ),
    ),
)

DEODATIE = LifeSpec(
    pole="filiere-bois-deodatie",
    animation=Animation(
        every_days=45,
        turnout=0.3,
        workshops=("bois des Vosges dans les écoles", "scolytes et forêts dépérissantes"),
    ),
    needs=(
        NeedSpec(
            "Forêts touchées par les scolytes, bois déclassé",
            "Forêt",
            "",
            affected="Propriétaires forestiers, communes",
        ),
        NeedSpec(
            "Mobilier scolaire importé",
            "Commande publique",
            "",
            affected="Communes, écoles",
        ),
    ),
    topics=(
        TopicSpec("Valoriser le bois scolyté", "", answers=((0, 3),)),
        TopicSpec("Du mobilier scolaire vosgien", "", answers=((1, 3), (0, 1)), proposer=1),
    ),
    objectives=(("Valoriser tout le bois de la Déodatie", ""),),
    actions=(
        ActionSpec(
            "Sciage et séchage du bois scolyté",
            T.SECTOR,
            "",
            (
                "Scierie coopérative du Val de Meurthe",
                "Coopérative forestière des Hautes-Vosges",
                "Exploitation forestière Colin SARL",
                "Communauté d’agglomération de Saint-Dié-des-Vosges",
            ),
            topic=0,
            needs=(0,),
            start=-50,
            ess_statute=EssStatute.COOPERATIVE,
            outcomes=Outcomes("3", "4", 1, 520000, ((F.REGION, 100000), (F.STATE, 60000))),
        ),
        ActionSpec(
            "Mobilier scolaire en hêtre des Vosges",
            T.SOCIAL_INNOVATION,
            "",
            (
                "Bois et Compagnie SAS (entreprise d’insertion)",
                "Meubles vosgiens Gérardin SARL",
                "Menuiserie Schmitt et Fils SAS",
                "Département des Vosges",
            ),
            topic=1,
            needs=(1,),
            start=-30,
            end=-6,
            status=S.DONE,
            outcomes=Outcomes("2", "1", 1, 230000, ((F.DEPARTEMENT, 40000),)),
        ),
    ),
)

POLES = (BASSIN_MINIER, ROUBAIX, EST_PARISIEN, DEODATIE)
