"""The life of the demo poles of Bretagne (fictitious content, see `life_spec`).

Trégor and Morlaix are neighbours: the Trégor SCOP's solar study answers the Morlaix légumerie's
request, across the two poles. The Trégor coordinator is also a member of the Morlaix pole.
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

ENERGIES = "SCIC Énergies citoyennes du Trégor"
TRANSITION = "Association Trégor Transition"
ARMOR = "SCOP Armor Solaire Installations"
BOIS_ENERGIE = "Coopérative Bois-Énergie du Trégor"
ALE = "Agence locale de l’énergie du Trégor"
LE_BIHAN = "Électricité Le Bihan et Fils SARL"
KERBRAT = "Menuiseries Kerbrat SAS"
LTC = "Lannion-Trégor Communauté"
PLEUMEUR = "Commune de Pleumeur-Bodou"
IFET = "Institut de formation Énergies du Trégor"

TREGOR = LifeSpec(
    pole="energies-partagees-tregor",
    animation=Animation(
        every_days=35,
        turnout=0.4,
        workshops=(
            "toitures des bâtiments communaux",
            "rénovation des maisons de bourg",
            "approvisionnement des chaufferies bois",
            "précarité énergétique",
        ),
    ),
    needs=(
        NeedSpec(
            "Ménages en précarité énergétique dans les maisons anciennes",
            "Énergie et habitat",
            "Un ménage sur cinq du Trégor consacre plus de 10 % de ses revenus à l’énergie.",
            "Observatoire régional de l’énergie, 2023.",
            "Propriétaires modestes, retraités des communes rurales",
        ),
        NeedSpec(
            "Toitures publiques inutilisées pour produire de l’électricité",
            "Production renouvelable",
            "Écoles, salles et ateliers municipaux offrent des toitures bien orientées.",
            "Cadastre solaire de l’agglomération.",
            "Communes et habitants souhaitant investir localement",
        ),
        NeedSpec(
            "Bois de bocage non valorisé",
            "Ressources locales",
            "L’entretien des haies produit du bois laissé sur place ou brûlé.",
            affected="Agriculteurs, communes",
            covered_by="Une plateforme bois-énergie départementale, éloignée",
            proposer=2,
        ),
    ),
    topics=(
        TopicSpec(
            "Centrales solaires citoyennes",
            "Financer avec les habitants des centrales sur les toits publics.",
            answers=((1, 3),),
        ),
        TopicSpec(
            "Rénovation accompagnée des maisons anciennes",
            "Un guichet et des artisans formés pour rénover les maisons de bourg.",
            answers=((0, 3),),
            proposer=2,
        ),
        TopicSpec(
            "Une filière bois-énergie de bocage",
            "Des haies entretenues aux chaufferies des communes.",
            answers=((2, 3), (0, 1)),
            proposer=1,
        ),
    ),
    objectives=(
        ("Produire une énergie renouvelable détenue par le territoire", ""),
        ("Réduire la précarité énergétique", "Avec les artisans et les communes."),
    ),
    actions=(
        ActionSpec(
            "Douze centrales solaires sur les toits communaux",
            T.POOL_FUNDING,
            "Financement participatif des habitants au capital de la SCIC.",
            (ENERGIES, ARMOR, LTC, PLEUMEUR),
            objective=0,
            topic=0,
            needs=(1,),
            start=-54,
            budget=640000,
            ess_statute=EssStatute.SCIC,
            outcomes=Outcomes(
                "2", "1", 12, 96000, ((F.REGION, 120000), (F.EUROPE, 150000), (F.SELF, 210000))
            ),
        ),
        ActionSpec(
            "Guichet de rénovation des maisons de bourg",
            T.POOL_SKILLS,
            "Un conseiller de l’agence et un réseau d’artisans formés ensemble.",
            (ALE, LE_BIHAN, KERBRAT, TRANSITION, LTC),
            objective=1,
            topic=1,
            needs=(0,),
            start=-30,
            end=6,
            budget=210000,
            outcomes=Outcomes("3", "4", 2, 410000, ((F.STATE, 80000), (F.LOCAL, 60000))),
        ),
        ActionSpec(
            "Plaquettes de bocage pour les chaufferies communales",
            T.SECTOR,
            "Broyage et séchage du bois de haies pour trois chaufferies.",
            (BOIS_ENERGIE, PLEUMEUR, ENERGIES),
            objective=0,
            topic=2,
            needs=(2,),
            status=S.DONE,
            start=-40,
            end=-16,
            budget=85000,
            ess_statute=EssStatute.COOPERATIVE,
            outcomes=Outcomes("1", "1", 1, 54000, ((F.REGION, 30000),)),
        ),
        ActionSpec(
            "Formation des artisans à la rénovation performante",
            T.TRAINING,
            "",
            (IFET, LE_BIHAN, KERBRAT, ARMOR),
            objective=1,
            needs=(0,),
            status=S.PLANNED,
            start=2,
            end=14,
            budget=40000,
        ),
    ),
    resources=(
        ResourceSpec(
            ARMOR,
            K.OFFER,
            C.SKILLS,
            "Étude de faisabilité en autoconsommation solaire",
            "Visite, relevé des consommations et dimensionnement, offerts aux structures de "
            "l’ESS du nord de la Bretagne.",
            available_from=-3,
            available_until=12,
            author=1,
        ),
        ResourceSpec(
            BOIS_ENERGIE,
            K.OFFER,
            C.EQUIPMENT,
            "Broyeur à plaquettes sur remorque",
            "Prêté avec son opérateur, de novembre à mars.",
        ),
        ResourceSpec(
            TRANSITION,
            K.REQUEST,
            C.PREMISES,
            "Une salle pour les cafés climat du samedi matin",
            "Trente personnes, une fois par mois.",
            author=2,
        ),
        ResourceSpec(
            PLEUMEUR,
            K.OFFER,
            C.PREMISES,
            "Salle polyvalente du bourg",
            "Disponible le samedi matin pour les membres du pôle.",
        ),
    ),
)

LEGUMERIE = "Légumerie solidaire du Léon"
TERRES_LEON = "Coopérative maraîchère Terres de Léon"
EPICERIE = "SCIC Épicerie itinérante du Pays de Morlaix"
CUISINE_SANTE = "Association Cuisine et Santé en Finistère"
TRAITEUR = "SCOP Traiteur des Enclos"
QUEMENER = "Transports Quéméner SAS"
MORLAIX_CO = "Morlaix Communauté"
SAINT_POL = "Commune de Saint-Pol-de-Léon"

MORLAIX = LifeSpec(
    pole="alimentation-pays-de-morlaix",
    animation=Animation(
        every_days=40,
        turnout=0.35,
        workshops=("menus des cantines", "tournée de l’épicerie", "invendus des maraîchers"),
    ),
    needs=(
        NeedSpec(
            "Cantines sans légumes locaux prêts à cuisiner",
            "Alimentation",
            "Les cuisines scolaires n’ont ni le temps ni le personnel pour éplucher.",
            "Enquête auprès de 14 restaurants scolaires.",
            "Enfants des écoles, cuisiniers",
        ),
        NeedSpec(
            "Villages sans commerce alimentaire",
            "Services de proximité",
            "Douze communes n’ont plus d’épicerie.",
            affected="Habitants âgés ou sans voiture",
        ),
        NeedSpec(
            "Légumes déclassés perdus chez les maraîchers",
            "Gaspillage",
            "Calibres hors normes et surplus partent au compost.",
            affected="Maraîchers du Léon",
            covered_by="Banque alimentaire, pour une petite partie",
            proposer=1,
        ),
    ),
    topics=(
        TopicSpec(
            "Légumerie pour la restauration collective",
            "Laver, éplucher et découper les légumes du Léon pour les cantines.",
            answers=((0, 3), (2, 2)),
        ),
        TopicSpec(
            "Épicerie itinérante",
            "Un camion-épicerie dans les communes sans commerce.",
            answers=((1, 3),),
            proposer=2,
        ),
    ),
    objectives=(
        ("Approvisionner la restauration collective en légumes du Léon", ""),
        ("Ramener l’alimentation de qualité dans les villages", ""),
    ),
    actions=(
        ActionSpec(
            "Légumerie solidaire : 14 cantines livrées",
            T.SECTOR,
            "Des légumes du Léon préparés par des salariés en insertion.",
            (LEGUMERIE, TERRES_LEON, TRAITEUR, MORLAIX_CO),
            objective=0,
            topic=0,
            needs=(0, 2),
            start=-26,
            budget=260000,
            outcomes=Outcomes("5", "0", 1, 140000, ((F.DEPARTEMENT, 45000), (F.EUROPE, 70000))),
        ),
        ActionSpec(
            "Tournée de l’épicerie itinérante",
            T.SOCIAL_INNOVATION,
            "",
            (EPICERIE, QUEMENER, SAINT_POL, CUISINE_SANTE),
            objective=1,
            topic=1,
            needs=(1,),
            start=-8,
            end=16,
            budget=90000,
            ess_statute=EssStatute.SCIC,
            outcomes=Outcomes("1.5", "0", 1, 38000, ((F.LOCAL, 20000),)),
        ),
        ActionSpec(
            "Ateliers cuisine avec les légumes déclassés",
            T.TRAINING,
            "",
            (CUISINE_SANTE, LEGUMERIE, TRAITEUR),
            objective=1,
            needs=(2,),
            status=S.PLANNED,
            start=2,
            end=8,
            budget=12000,
        ),
    ),
    resources=(
        ResourceSpec(
            LEGUMERIE,
            K.REQUEST,
            C.SKILLS,
            "Conseil pour réduire la facture énergétique des chambres froides",
            "Trois chambres froides et une laverie : une étude en autoconsommation solaire "
            "nous intéresse.",
            available_until=8,
        ),
        ResourceSpec(
            QUEMENER,
            K.OFFER,
            C.VEHICLE,
            "Camion frigorifique de 12 m³, le lundi et le mercredi",
            "",
        ),
        ResourceSpec(
            EPICERIE,
            K.REQUEST,
            C.VEHICLE,
            "Véhicule frigorifique pour la tournée du mercredi",
            "En attendant l’achat de notre second camion.",
            available_until=5,
        ),
    ),
)

POLES = (TREGOR, MORLAIX)
