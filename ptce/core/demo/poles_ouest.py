"""Demo poles of Bretagne, Pays de la Loire and Normandie (fictitious content)."""

from datetime import date

from ptce.poles.models import AreaType, PoleForm, Scale, Stage

from .spec import Person, PlaceSpec, PoleSpec, Territory, members_table, paragraphs

# category NAF commune role joined-on flags name (see `spec.members_table`)
TREGOR_MEMBERS = members_table("""
scic 35.11Z 22113 fondateur  2012-04-02 -    SCIC Énergies citoyennes du Trégor
asso 94.99Z 22113 fondateur  2012-04-02 rna  Association Trégor Transition
scop 43.21A 22198 fondateur  2012-04-02 -    SCOP Armor Solaire Installations
coop 02.20Z 22194 membre     2017-10-09 -    Coopérative Bois-Énergie du Trégor
asso 71.12B 22113 membre     2013-01-15 rna  Agence locale de l’énergie du Trégor
soc  43.21A 22168 membre     2014-05-20 -    Électricité Le Bihan et Fils SARL
soc  16.23Z 22362 membre     2015-09-07 -    Menuiseries Kerbrat SAS
soc  43.91B 22113 partenaire 2018-03-12 -    Couverture Trégoroise SARL
coop 64.19Z 35238 financeur  2016-06-01 -    Caisse solidaire de Bretagne
mutu 65.12Z 22278 partenaire 2019-02-18 -    Mutuelle des Pays d’Armor
coll 84.11Z 22113 fondateur  2012-04-02 -    Lannion-Trégor Communauté
coll 84.11Z 22198 membre     2013-06-10 -    Commune de Pleumeur-Bodou
coll 84.11Z 22362 membre     2016-09-15 -    Commune de Tréguier
coll 84.11Z 35238 financeur  2016-01-01 -    Région Bretagne
form 85.59A 22113 partenaire 2014-09-01 -    Institut de formation Énergies du Trégor
rech 72.19Z 22113 partenaire 2020-10-05 -    Laboratoire Systèmes énergétiques côtiers
""")

ENERGIES_TREGOR = PoleSpec(
    slug="energies-partagees-tregor",
    name="Pôle Énergies partagées du Trégor",
    summary=(
        "Citoyens, collectivités et artisans du Trégor produisent ensemble une électricité "
        "renouvelable locale, rénovent les logements et forment les installateurs de demain."
    ),
    description=paragraphs(
        "Le pôle est né en 2012 autour de la première centrale photovoltaïque citoyenne du "
        "Trégor, financée par plus de 400 habitants réunis dans la SCIC Énergies citoyennes du "
        "Trégor. Il rassemble aujourd’hui des coopératives, des artisans du bâtiment, des "
        "communes et Lannion-Trégor Communauté dans une stratégie commune : produire localement, "
        "consommer moins et garder sur le territoire la valeur créée.",
        "Les membres mutualisent une ingénierie de projet (études de toitures, montage "
        "financier, concertation), un service d’accompagnement à la rénovation énergétique des "
        "ménages modestes et un plateau technique de formation aux métiers du solaire, adossé à "
        "un organisme de formation du territoire.",
        "Reconnu par l’État et signataire de la charte des PTCE, le pôle a contribué à "
        "l’installation de 38 centrales collectives et à la création d’une vingtaine d’emplois "
        "non délocalisables. Il porte désormais un projet de réseau de chaleur alimenté par le "
        "bois des haies bocagères du territoire.",
    ),
    form=PoleForm.FILIERE,
    sectors=("energie", "environnement"),
    stage=Stage.RECOGNISED,
    scale=Scale.EPCI,
    area_type=AreaType.MIXTE,
    creation_year=2012,
    charter_signed_on=date(2019, 11, 20),
    contact_phone="02 61 91 22 13",
    territory=Territory(epci_of=("22113",)),
    places=(
        PlaceSpec(
            "Maison des énergies du Trégor", "12 rue des Coopérateurs", "22113", is_main=True
        ),
        PlaceSpec("Plateau technique solaire", "ZA de Bel Air, 3 allée des Artisans", "22198"),
        PlaceSpec(
            "Centrale citoyenne de Tréguier",
            "Toiture de la halle des sports, rue du Stade",
            "22362",
            is_public_access=False,
        ),
    ),
    members=TREGOR_MEMBERS,
    coordinator=Person("Gwenaëlle", "Le Goff", "SCIC Énergies citoyennes du Trégor"),
    contacts=(
        Person("Yann", "Le Bras", "SCOP Armor Solaire Installations"),
        Person("Maëlle", "Guégan", "Association Trégor Transition"),
    ),
)

MORLAIX_MEMBERS = members_table("""
asso 10.39A 29259 fondateur  2017-05-15 rna  Légumerie solidaire du Léon
coop 01.13Z 29259 fondateur  2017-05-15 -    Coopérative maraîchère Terres de Léon
scic 47.81Z 29151 fondateur  2017-05-15 -    SCIC Épicerie itinérante du Pays de Morlaix
asso 94.99Z 29151 membre     2018-01-22 rna  Association Cuisine et Santé en Finistère
scop 56.21Z 29105 membre     2019-03-04 -    SCOP Traiteur des Enclos
soc  56.10A 29151 membre     2018-06-11 -    Crêperie Le Viaduc SARL
soc  49.41A 29254 membre     2019-09-16 -    Transports Quéméner SAS
soc  10.72Z 29188 partenaire 2020-02-03 -    Biscuiterie de la Baie de Morlaix SAS
coll 84.11Z 29151 partenaire 2017-09-01 -    Morlaix Communauté
coll 84.11Z 29259 membre     2018-04-10 -    Commune de Saint-Pol-de-Léon
coll 84.11Z 29232 financeur  2019-01-07 -    Département du Finistère
coll 84.11Z 35238 financeur  2021-01-04 -    Région Bretagne
scic 35.11Z 22113 partenaire 2023-02-14 -    SCIC Énergies citoyennes du Trégor
""")

ALIMENTATION_MORLAIX = PoleSpec(
    slug="alimentation-pays-de-morlaix",
    name="Pôle Alimentation durable du Pays de Morlaix",
    summary=(
        "Maraîchers, légumerie d’insertion, restaurateurs et collectivités du Pays de Morlaix "
        "coopèrent pour une alimentation locale, de qualité et accessible à tous."
    ),
    description=paragraphs(
        "Le pôle réunit depuis 2017 les acteurs de la chaîne alimentaire du Pays de Morlaix, de "
        "la ceinture légumière du Léon jusqu’aux cuisines centrales. Au cœur du dispositif, une "
        "légumerie d’insertion transforme chaque semaine plusieurs tonnes de légumes déclassés "
        "en produits prêts à cuisiner pour la restauration collective.",
        "La coopération porte sur trois chantiers : la logistique mutualisée entre producteurs, "
        "la formation des cuisiniers à la cuisine de produits bruts et l’accès des ménages "
        "modestes à une alimentation de qualité, grâce à une épicerie solidaire itinérante qui "
        "dessert les communes rurales.",
        "Signataire de la charte des PTCE, le pôle a arrêté son plan d’action et prépare sa "
        "candidature à la reconnaissance par l’État.",
    ),
    form=PoleForm.GRAPPE,
    sectors=("alimentation", "agriculture", "iae"),
    stage=Stage.ACTION_PLAN,
    scale=Scale.BASSIN_DE_VIE,
    area_type=AreaType.MIXTE,
    creation_year=2017,
    charter_signed_on=date(2022, 3, 8),
    contact_phone="02 61 91 29 15",
    territory=Territory(communes=("29151", "29254", "29259", "29105", "29188")),
    places=(
        PlaceSpec(
            "Légumerie solidaire du Léon",
            "Zone de Kerranou, 4 rue des Maraîchers",
            "29259",
            is_main=True,
        ),
        PlaceSpec("Halle des producteurs de Morlaix", "6 place des Halles", "29151"),
    ),
    members=MORLAIX_MEMBERS,
    coordinator=Person("Erwan", "Cariou", "Légumerie solidaire du Léon"),
    contacts=(
        Person("Anne", "Kerleroux", "Coopérative maraîchère Terres de Léon"),
        Person("Loïc", "Tanguy", "SCOP Traiteur des Enclos"),
        # The coordinator of the Trégor pole takes part here for her SCIC.
        Person(
            "Gwenaëlle",
            "Le Goff",
            "SCIC Énergies citoyennes du Trégor",
            email="coordination.energies-partagees-tregor@demo.ptce.fr",
        ),
    ),
)

PAYS_DE_LA_LOIRE_MEMBERS = members_table("""
asso 94.99Z 44109 fondateur  2012-10-01 rna  Réseau des ressourceries ligériennes
asso 38.32Z 44184 fondateur  2012-10-01 rna  Ressourcerie de l’Estuaire
asso 47.79Z 49007 fondateur  2012-10-01 rna  Ressourcerie angevine Le Grenier
asso 47.79Z 72181 fondateur  2012-10-01 rna  Recyclerie mancelle
asso 38.32Z 53130 membre     2013-05-13 rna  Ressourcerie du Pays de Laval
scic 38.32Z 85191 membre     2014-02-03 -    SCIC Réemploi Vendée
scop 52.10B 44143 membre     2016-09-19 -    SCOP Logistique solidaire de l’Ouest
coop 43.11Z 44109 membre     2018-01-22 -    Coopérative Bâti-Réemploi Atlantique
soc  43.11Z 44143 membre     2017-03-06 -    Démolition Rabaud SAS
soc  47.59A 49007 partenaire 2019-06-03 -    Meubles Ligériens SAS
soc  49.41B 53130 partenaire 2016-11-14 -    Transports Guillou SAS
mutu 65.12Z 44109 partenaire 2018-05-28 -    Mutuelle Atlantique Solidarités
fond 94.99Z 44109 financeur  2020-01-13 -    Fondation Économie circulaire de l’Ouest
coll 84.11Z 44109 partenaire 2013-09-02 -    Nantes Métropole
coll 84.11Z 49007 partenaire 2015-04-01 -    Angers Loire Métropole
coll 84.11Z 72181 partenaire 2017-10-02 -    Le Mans Métropole
coll 84.11Z 44109 financeur  2013-01-07 -    Région Pays de la Loire
coll 84.11Z 85191 financeur  2016-02-01 -    Département de la Vendée
form 85.59A 49007 partenaire 2014-09-15 -    Organisme de formation Métiers du réemploi Ouest
rech 72.20Z 44109 partenaire 2019-09-02 -    Laboratoire Économie circulaire et Territoires
""")

REEMPLOI_PAYS_DE_LA_LOIRE = PoleSpec(
    slug="reemploi-pays-de-la-loire",
    name="Pôle régional Réemploi des Pays de la Loire",
    summary=(
        "Un réseau régional de ressourceries, de recycleries et d’entreprises qui mutualisent "
        "logistique, formation et débouchés pour faire du réemploi une filière économique à part "
        "entière."
    ),
    description=paragraphs(
        "Le pôle est né en 2012 du rapprochement de ressourceries des cinq départements des Pays "
        "de la Loire qui, chacune sur son territoire, se heurtaient aux mêmes difficultés : "
        "trouver des débouchés pour les objets et matériaux collectés, former leurs salariés en "
        "insertion et peser face aux grands opérateurs des déchets.",
        "Ses membres partagent aujourd’hui une plateforme logistique à Rezé, un catalogue commun "
        "de formations aux métiers du réemploi et une boutique en ligne. Des entreprises du "
        "bâtiment et de l’ameublement leur confient leurs invendus et leurs matériaux de "
        "déconstruction ; les collectivités leur ouvrent les déchèteries.",
        "Reconnu par l’État et signataire de la charte des PTCE, le pôle anime à l’échelle "
        "régionale une communauté d’une cinquantaine de structures et contribue à l’observation "
        "du réemploi avec un laboratoire universitaire.",
    ),
    form=PoleForm.GRAPPE,
    sectors=("reemploi-economie-circulaire", "iae"),
    stage=Stage.RECOGNISED,
    scale=Scale.REGION,
    area_type=AreaType.MIXTE,
    creation_year=2012,
    charter_signed_on=date(2019, 12, 3),
    contact_phone="02 61 91 44 10",
    territory=Territory(departements=("44", "49", "53", "72", "85")),
    places=(
        PlaceSpec(
            "Plateforme logistique régionale du réemploi",
            "Zone de la Trocardière, 22 rue des Coopératives",
            "44143",
            is_main=True,
        ),
        PlaceSpec("Ressourcerie de l’Estuaire", "40 boulevard de la Libération", "44184"),
        PlaceSpec("Ressourcerie Le Grenier", "11 rue des Ateliers", "49007"),
    ),
    members=PAYS_DE_LA_LOIRE_MEMBERS,
    coordinator=Person("Céline", "Guillet", "Réseau des ressourceries ligériennes"),
    contacts=(
        Person("Florian", "Mercier", "Ressourcerie de l’Estuaire"),
        Person("Émilie", "Bouchet", "Démolition Rabaud SAS"),
    ),
)

# Deliberately no classic enterprise yet: the pole is still gathering its volunteers (two
# companies have asked to join, see `life_ouest.BOCAGE`).
BOCAGE_MEMBERS = members_table("""
asso 94.99Z 50502 fondateur  2024-01-22 rna  Association Bocage Mobilités
asso 45.20A 50502 fondateur  2024-01-22 rna  Garage solidaire du Saint-Lois
asso 85.53Z 50147 fondateur  2024-01-22 rna  Auto-école sociale En Route
scic 77.21Z 50639 membre     2024-03-04 -    SCIC Deux-Roues du Bocage
mutu 65.12Z 14118 financeur  2024-06-10 -    Mutuelle normande de Solidarité
coll 84.11Z 50502 partenaire 2024-02-12 -    Saint-Lô Agglo
coll 84.11Z 50393 membre     2024-04-15 -    Commune de Percy-en-Normandie
form 85.59A 50502 partenaire 2024-05-06 -    Centre de formation Conduite et Mobilité de la Manche
""")

MOBILITES_BOCAGE = PoleSpec(
    slug="mobilites-rurales-bocage",
    name="Pôle Mobilités rurales du Bocage saint-lois",
    summary=(
        "Garage solidaire, auto-école sociale et associations de mobilité du bocage de Saint-Lô "
        "s’unissent pour que personne ne renonce à un emploi faute de pouvoir se déplacer."
    ),
    description=paragraphs(
        "Dans le bocage de la Manche, un demandeur d’emploi sur quatre déclare avoir renoncé à "
        "un entretien ou à une formation faute de moyen de transport. Les volontaires réunis "
        "depuis 2024 — un garage solidaire, une auto-école sociale, une coopérative de location "
        "de deux-roues, l’agglomération et une commune — veulent bâtir ensemble une plateforme "
        "de mobilité.",
        "Le pôle en est à sa première étape : réunir les volontaires. Il cherche encore des "
        "entreprises du territoire, garages ou transporteurs, prêtes à s’associer à la "
        "démarche : sa fiche est publiée parmi les pôles émergents pour que les volontaires "
        "puissent le trouver et demander à le rejoindre.",
    ),
    form=PoleForm.LIEU_RURAL,
    sectors=("mobilite", "iae"),
    stage=Stage.VOLUNTEERS,
    scale=Scale.BASSIN_DE_VIE,
    area_type=AreaType.RURAL,
    creation_year=2024,
    territory=Territory(communes=("50502", "50639", "50393", "50147")),
    places=(
        PlaceSpec("Garage solidaire du Saint-Lois", "14 rue de l’Industrie", "50502", is_main=True),
    ),
    members=BOCAGE_MEMBERS,
    coordinator=Person("Thierry", "Lecoq", "Association Bocage Mobilités"),
    contacts=(
        Person("Aline", "Hamel", "Garage solidaire du Saint-Lois"),
        Person("Benoît", "Lemonnier", "SCIC Deux-Roues du Bocage"),
    ),
)

POLES = (ENERGIES_TREGOR, ALIMENTATION_MORLAIX, REEMPLOI_PAYS_DE_LA_LOIRE, MOBILITES_BOCAGE)
