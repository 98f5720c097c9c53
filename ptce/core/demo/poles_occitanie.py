"""Demo poles of Occitanie (fictitious content; local authorities are real public bodies)."""

from datetime import date

from ptce.poles.models import AreaType, PoleForm, Scale, Stage

from .spec import Person, PlaceSpec, PoleSpec, Territory, members_table, paragraphs

# category NAF commune role joined-on flags name (see `spec.members_table`)
FOIX_MEMBERS = members_table("""
asso 38.32Z 09122 fondateur  2014-03-10 rna  Recyclerie du Pays de Foix
asso 88.99B 09122 fondateur  2014-03-10 rna  Ateliers de la Barguillère
scic 95.22Z 09324 fondateur  2014-03-10 -    SCIC Ariège Répar’
asso 88.99B 09225 membre     2016-01-20 rna  Entraide Pyrénées Solidarité
scop 16.23Z 09306 membre     2017-09-05 -    SCOP Menuiserie des Trois Vallées
soc  49.41B 09324 membre     2015-05-12 -    Transports Roumengous SARL
soc  47.54Z 09122 partenaire 2018-02-01 -    Électroménager Castagné SAS
soc  41.20B 09225 partenaire 2019-11-14 -    Pyrène Construction SAS
mutu 65.12Z 09122 financeur  2016-06-01 -    Mutuelle des Vallées ariégeoises
fond 94.99Z 09122 financeur  2020-04-02 -    Fondation Terres d’Ariège
coll 84.11Z 09122 partenaire 2014-06-30 -    Communauté d’agglomération Foix-Varilhes
coll 84.11Z 09122 financeur  2015-02-15 -    Département de l’Ariège
coll 84.11Z 31555 financeur  2022-01-10 -    Région Occitanie / Pyrénées-Méditerranée
form 85.59A 09122 partenaire 2021-09-01 -    Centre de formation Pyrénées Métiers
""")

REEMPLOI_FOIX = PoleSpec(
    slug="reemploi-pays-de-foix",
    name="Pôle Réemploi et Solidarités du Pays de Foix",
    summary=(
        "Recycleries, chantiers d’insertion et artisans du Pays de Foix coopèrent pour collecter, "
        "réparer et revendre les objets du territoire, et créer des emplois durables pour les "
        "personnes qui en sont éloignées."
    ),
    description=paragraphs(
        "Né en 2014 de la rencontre entre la Recyclerie du Pays de Foix, un chantier d’insertion "
        "de la vallée de l’Ariège et quelques artisans réparateurs, le pôle structure une filière "
        "locale du réemploi sur le territoire de l’agglomération Foix-Varilhes. Les structures "
        "mutualisent une plateforme de collecte, un atelier de réparation d’électroménager et une "
        "boutique solidaire en centre-ville.",
        "Le pôle répond à deux besoins que le territoire ne couvrait pas : le traitement des "
        "encombrants des communes rurales, jusque-là envoyés en enfouissement, et l’accès à "
        "l’emploi de personnes durablement éloignées du marché du travail. Une trentaine de "
        "salariés en parcours d’insertion y sont accompagnés chaque année.",
        "Reconnu par l’État en 2022, le pôle travaille désormais à une offre de formation aux "
        "métiers de la réparation, en lien avec l’agglomération, le Département de l’Ariège et "
        "les entreprises du bâtiment qui lui confient leurs chutes de chantier.",
    ),
    form=PoleForm.FILIERE,
    sectors=("reemploi-economie-circulaire", "iae"),
    stage=Stage.RECOGNISED,
    scale=Scale.EPCI,
    area_type=AreaType.RURAL,
    creation_year=2014,
    charter_signed_on=date(2021, 6, 15),
    contact_phone="05 36 49 10 21",
    territory=Territory(epci_of=("09122",)),
    places=(
        PlaceSpec(
            "La Recyclerie du Pays de Foix",
            "Zone artisanale de Peysales, 12 chemin de la Recyclerie",
            "09122",
            is_main=True,
        ),
        PlaceSpec("Atelier Répar’ de Varilhes", "5 avenue de la Gare", "09324"),
        PlaceSpec("Boutique solidaire Le Comptoir", "24 rue des Marchands", "09122"),
    ),
    members=FOIX_MEMBERS,
    coordinator=Person("Hélène", "Fabre"),
    contacts=(
        Person("Julien", "Rouzaud", "SCIC Ariège Répar’"),
        Person("Nadia", "Benali", "Ateliers de la Barguillère"),
    ),
)

# Deliberately no classic enterprise, so that the art. 9 checklist shows a gap. Code Solidaire
# is a commercial company with the ESS quality: it counts as ESS, not as a classic enterprise.
MONTPELLIER_MEMBERS = members_table("""
asso 94.99Z 34172 fondateur  2021-02-01 rna  Association Mosson Connectée
scic 95.11Z 34057 fondateur  2021-02-01 -    SCIC Reboot Occitanie
asso 88.99B 34172 fondateur  2021-02-01 rna  Les Clés du Numérique
scop 70.22Z 34129 membre     2022-03-15 -    CAE Garrigue Numérique
soc  62.01Z 34270 membre     2022-06-01 esus Code Solidaire SAS
mutu 65.12Z 34172 financeur  2022-09-01 -    Mutuelle Languedoc Solidarité
coll 84.11Z 34172 partenaire 2021-06-01 -    Montpellier Méditerranée Métropole
coll 84.11Z 34172 financeur  2022-01-15 -    Département de l’Hérault
coll 84.11Z 31555 financeur  2023-03-01 -    Région Occitanie / Pyrénées-Méditerranée
form 85.59A 34172 partenaire 2021-10-01 -    École du numérique inclusif
rech 72.20Z 34172 partenaire 2023-01-20 -    Laboratoire Usages et Inclusion numérique
""")

NUMERIQUE_MONTPELLIER = PoleSpec(
    slug="numerique-solidaire-montpellier",
    name="Pôle Numérique solidaire de Montpellier",
    summary=(
        "Un tiers-lieu du numérique d’intérêt général à Montpellier : reconditionnement "
        "d’ordinateurs, médiation numérique et formation aux métiers du numérique pour les "
        "habitants des quartiers prioritaires."
    ),
    description=paragraphs(
        "Installé depuis 2021 dans un ancien garage du quartier de la Mosson, le pôle réunit des "
        "associations de médiation numérique, une SCIC de reconditionnement informatique et des "
        "organismes de formation autour d’un même constat : près d’un habitant sur cinq des "
        "quartiers prioritaires de la métropole n’a ni équipement adapté ni accompagnement pour "
        "effectuer ses démarches en ligne.",
        "Les membres mutualisent un atelier de reconditionnement, une équipe de conseillers "
        "numériques itinérants et un service de prêt de matériel. Ils co-construisent avec la "
        "métropole et le Département de l’Hérault un parcours qui va du premier accompagnement "
        "jusqu’à la formation qualifiante.",
        "Le pôle en est à l’étape de co-construction : il lui reste notamment à associer des "
        "entreprises du secteur numérique, qui pourraient fournir du matériel et accueillir des "
        "stagiaires, pour répondre pleinement à la définition de l’article 9 de la loi de 2014.",
    ),
    form=PoleForm.LIEU_URBAIN,
    sectors=("numerique", "education-formation"),
    stage=Stage.CO_CONSTRUCTION,
    scale=Scale.EPCI,
    area_type=AreaType.URBAIN,
    creation_year=2021,
    contact_phone="05 36 49 34 17",
    territory=Territory(epci_of=("34172",)),
    places=(
        PlaceSpec("Le Garage numérique", "7 rue des Ateliers", "34172", is_main=True),
        PlaceSpec("Atelier de reconditionnement Reboot", "45 avenue de l’Europe", "34057"),
    ),
    members=MONTPELLIER_MEMBERS,
    coordinator=Person("Samir", "Haddad"),
    contacts=(
        Person("Claire", "Vidal", "Les Clés du Numérique"),
        Person("Thomas", "Nguyen", "SCIC Reboot Occitanie"),
    ),
)

FIGEAC_MEMBERS = members_table("""
scic 47.11C 46102 fondateur  2024-02-05 -    Épicerie coopérative Le Panier du Célé
asso 94.99Z 46143 fondateur  2024-02-05 rna  Association des producteurs du Ségala-Limargue
coop 01.61Z 12052 membre     2024-03-11 -    CUMA de la Vallée du Lot
asso 10.39A 46102 membre     2024-03-11 rna  Légumerie du Figeacois
soc  49.41A 46102 membre     2024-04-02 -    Transports frigorifiques Delmas SARL
coll 84.11Z 46102 partenaire 2024-02-05 -    Commune de Figeac
coll 84.11Z 12052 partenaire 2024-05-14 -    Commune de Capdenac-Gare
form 85.32Z 46015 partenaire 2024-06-01 -    Centre de formation agricole de la Vallée du Lot
""")

ALIMENTATION_FIGEAC = PoleSpec(
    slug="alimentation-grand-figeac",
    name="Pôle Alimentation et Circuits courts du Grand Figeac",
    summary=(
        "Des producteurs, une épicerie coopérative et des cuisines collectives du Grand Figeac se "
        "réunissent pour approvisionner la restauration scolaire en produits locaux."
    ),
    description=paragraphs(
        "Le projet est né en 2024 d’un constat partagé par les cantines du territoire : moins de "
        "15 % des produits servis viennent du Lot et de l’Aveyron voisin, alors que les "
        "exploitations en maraîchage et en élevage ne trouvent pas de débouchés réguliers.",
        "Les volontaires — une épicerie coopérative, une association de producteurs, une "
        "légumerie en projet, deux communes et une entreprise de transport frigorifique — se "
        "réunissent chaque mois pour formaliser leur coopération. La fiche du pôle sera publiée "
        "à la fin de la première étape.",
    ),
    form=PoleForm.GRAPPE,
    sectors=("alimentation", "agriculture"),
    stage=Stage.VOLUNTEERS,
    scale=Scale.BASSIN_DE_VIE,
    area_type=AreaType.RURAL,
    creation_year=2024,
    is_published=False,
    territory=Territory(communes=("46102", "12052", "46015", "46143")),
    places=(
        PlaceSpec(
            "Épicerie coopérative Le Panier du Célé", "3 place Carnot", "46102", is_main=True
        ),
    ),
    members=FIGEAC_MEMBERS,
    coordinator=Person("Marion", "Delpech"),
    contacts=(
        Person("Bastien", "Lacoste", "CUMA de la Vallée du Lot"),
        Person("Sophie", "Marty", "Légumerie du Figeacois"),
    ),
)

POLES = (REEMPLOI_FOIX, NUMERIQUE_MONTPELLIER, ALIMENTATION_FIGEAC)
