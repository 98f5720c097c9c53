"""Demo poles of Hauts-de-France, Île-de-France and Grand Est (fictitious content)."""

from datetime import date

from ptce.poles.models import AreaType, PoleForm, Scale, Stage

from .spec import Person, PlaceSpec, PoleSpec, Territory, members_table, paragraphs

# category NAF commune role joined-on flags name (see `spec.members_table`)
BASSIN_MINIER_MEMBERS = members_table("""
asso 94.99Z 62528 fondateur  2013-04-08 rna  Association Gohelle Éco-construction
soc  43.39Z 62498 fondateur  2013-04-08 esus Bâtir Ensemble Artois SAS (entreprise d’insertion)
scop 43.32A 62510 membre     2014-09-22 -    SCOP Menuiseries du Bassin minier
scic 47.79Z 62528 membre     2019-02-11 -    SCIC Matériauthèque du Nord
asso 81.21Z 62510 membre     2015-01-19 rna  Régie de quartier de Liévin
soc  43.22B 62498 membre     2014-03-17 -    Chauffage Dewitte SARL
soc  43.29A 62119 membre     2016-06-06 -    Isolation Nord Artois SAS
soc  23.32Z 62528 partenaire 2018-10-01 -    Briqueterie de la Gohelle SAS
soc  68.20A 62498 partenaire 2015-06-15 -    Habitat minier solidaire SA d’HLM
mutu 65.12Z 62498 partenaire 2017-03-20 -    Mutuelle du Pays minier
coll 84.11Z 62498 fondateur  2013-04-08 -    Communauté d’agglomération de Lens-Liévin
coll 84.11Z 62528 fondateur  2013-04-08 -    Commune de Loos-en-Gohelle
coll 84.11Z 62041 financeur  2014-01-06 -    Département du Pas-de-Calais
coll 84.11Z 59350 financeur  2016-05-02 -    Région Hauts-de-France
form 85.59A 62498 partenaire 2013-09-02 -    Centre de formation Bâtiment durable Artois
rech 72.19Z 62119 partenaire 2020-11-09 -    Laboratoire Génie civil et Matériaux du Nord
""")

ECOCONSTRUCTION_BASSIN_MINIER = PoleSpec(
    slug="ecoconstruction-bassin-minier",
    name="Pôle Éco-construction et Transition du Bassin minier",
    summary=(
        "Sur un ancien carreau de fosse de Loos-en-Gohelle, entreprises d’insertion, artisans et "
        "bailleurs rénovent les cités minières et forment les habitants aux métiers de "
        "l’éco-construction."
    ),
    description=paragraphs(
        "Le pôle s’est constitué en 2013 sur un ancien site minier de Loos-en-Gohelle, devenu "
        "une vitrine de la transition écologique du bassin minier. Il réunit des entreprises "
        "d’insertion du bâtiment, des artisans, un bailleur social, des organismes de formation "
        "et l’agglomération de Lens-Liévin autour de la rénovation énergétique des cités "
        "minières.",
        "Les membres partagent un plateau technique de formation, une matériauthèque de "
        "matériaux biosourcés et de réemploi, et un groupement d’entreprises qui répond aux "
        "marchés de rénovation en intégrant des clauses d’insertion. Plus de 120 personnes en "
        "parcours d’insertion ont été formées depuis la création du pôle.",
        "Reconnu par l’État, le pôle développe désormais une filière de réemploi des matériaux "
        "de déconstruction, avec un laboratoire de recherche régional.",
    ),
    form=PoleForm.FILIERE,
    sectors=("habitat", "energie", "iae"),
    stage=Stage.RECOGNISED,
    scale=Scale.EPCI,
    area_type=AreaType.URBAIN,
    creation_year=2013,
    charter_signed_on=date(2021, 10, 12),
    contact_phone="03 53 01 62 52",
    territory=Territory(epci_of=("62528",)),
    places=(
        PlaceSpec(
            "Halle de l’éco-construction", "Carreau de fosse, rue de la Fosse 7", "62528", True
        ),
        PlaceSpec("Matériauthèque de Lens", "30 rue du Chevalement", "62498"),
    ),
    members=BASSIN_MINIER_MEMBERS,
    coordinator=Person("François", "Delattre"),
    contacts=(
        Person("Sandrine", "Lefebvre", "SCOP Menuiseries du Bassin minier"),
        Person("Mehdi", "Bensaïd", "Chauffage Dewitte SARL"),
    ),
)

# Deliberately no local authority yet, so that the art. 9 checklist shows a gap.
ROUBAIX_MEMBERS = members_table("""
asso 88.99B 59512 fondateur  2022-01-17 rna  Association Fil Rouge Roubaix
asso 13.92Z 59599 fondateur  2022-01-17 rna  Ateliers de la Fibre solidaire
scic 38.32Z 59650 fondateur  2022-01-17 -    SCIC Textiles recyclés du Nord
scop 14.13Z 59512 membre     2022-09-05 -    SCOP Confection du Pile
asso 74.10Z 59512 membre     2022-05-09 rna  Collectif Créateurs en circuit court
soc  13.10Z 59599 membre     2022-06-13 -    Filature Vandamme SAS
soc  13.20Z 59650 membre     2023-02-06 -    Tissages du Nord SAS
soc  13.99Z 59512 partenaire 2023-04-17 -    Broderies Lemaire SARL
fond 94.99Z 59350 financeur  2023-09-01 -    Fondation Mode responsable
univ 85.42Z 59512 partenaire 2022-10-03 -    École supérieure Design et Mode durable
rech 72.19Z 59599 partenaire 2023-06-12 -    Centre de recherche Textiles innovants
""")

TEXTILE_ROUBAIX = PoleSpec(
    slug="textile-circulaire-roubaix",
    name="Pôle Textile circulaire de Roubaix",
    summary=(
        "Dans une ancienne filature de Roubaix, ateliers d’insertion, créateurs et industriels "
        "du textile recyclent les vêtements usagés et relocalisent la confection."
    ),
    description=paragraphs(
        "Roubaix a été l’une des capitales mondiales de la laine ; ses friches industrielles "
        "accueillent aujourd’hui une nouvelle génération d’ateliers. Créé en 2022 dans une "
        "ancienne filature, le pôle réunit des ateliers de tri et de confection en insertion, "
        "des créateurs, des PME du textile et une école de mode autour d’un objectif : faire des "
        "vêtements usagés de la métropole une matière première locale.",
        "Les membres mutualisent une chaîne de tri, de découpe et d’effilochage, ainsi qu’un "
        "atelier de confection partagé que les marques locales peuvent réserver pour de petites "
        "séries. Un programme commun forme aux métiers de la couture et de la réparation des "
        "personnes éloignées de l’emploi.",
        "À l’étape de co-construction, le pôle n’associe pas encore de collectivité à sa "
        "gouvernance : les échanges avec la ville et la métropole sont engagés.",
    ),
    form=PoleForm.LIEU_URBAIN,
    sectors=("textile", "reemploi-economie-circulaire"),
    stage=Stage.CO_CONSTRUCTION,
    scale=Scale.BASSIN_DE_VIE,
    area_type=AreaType.URBAIN,
    creation_year=2022,
    contact_phone="03 53 01 59 51",
    territory=Territory(communes=("59512", "59599", "59650")),
    places=(
        PlaceSpec("La Filature solidaire", "85 rue de l’Espérance", "59512", is_main=True),
        PlaceSpec("Centre de tri textile de Wattrelos", "10 rue du Tissage", "59650"),
    ),
    members=ROUBAIX_MEMBERS,
    coordinator=Person("Aurélie", "Vandenberghe"),
    contacts=(
        Person("Rachid", "Amrani", "SCIC Textiles recyclés du Nord"),
        Person("Justine", "Leroy", "Filature Vandamme SAS"),
    ),
)

EST_PARISIEN_MEMBERS = members_table("""
asso 88.99B 93048 fondateur  2019-03-11 rna  Association La Cuisine des Murs-à-Pêches
soc  56.21Z 93048 fondateur  2019-03-11 esus Traiteur d’insertion Saveurs partagées SAS
asso 47.11B 93006 fondateur  2019-03-11 rna  Épicerie solidaire Le Panier de Bagnolet
scic 53.20Z 93048 membre     2020-05-18 -    SCIC Vélos-cargos de l’Est
scop 10.71C 93048 membre     2020-10-05 -    SCOP Boulangerie La Fournée montreuilloise
coop 01.13Z 93063 membre     2021-04-12 -    Coopérative des maraîchers franciliens
soc  56.10A 93006 membre     2019-11-04 -    Restaurant Le Comptoir des Saveurs SARL
soc  47.21Z 93048 partenaire 2020-02-17 -    Primeurs de la Croix-de-Chavaux SARL
fond 94.99Z 75056 financeur  2021-06-01 -    Fondation Alimentation pour tous
mutu 65.12Z 75056 partenaire 2022-01-10 -    Mutuelle francilienne des Solidarités
coll 84.11Z 93048 partenaire 2019-06-03 -    Ville de Montreuil
coll 84.11Z 93006 partenaire 2020-09-14 -    Ville de Bagnolet
coll 84.11Z 93008 financeur  2021-01-11 -    Département de la Seine-Saint-Denis
form 85.59A 93063 partenaire 2020-01-20 -    Cuisine et Insertion Île-de-France (formation)
""")

ALIMENTATION_EST_PARISIEN = PoleSpec(
    slug="alimentation-solidaire-est-parisien",
    name="Pôle Alimentation solidaire de l’Est parisien",
    summary=(
        "Une cuisine partagée, une épicerie solidaire et un traiteur d’insertion à Montreuil : "
        "le pôle rend l’alimentation durable accessible aux habitants de l’Est parisien et crée "
        "des emplois locaux."
    ),
    description=paragraphs(
        "Le pôle est né en 2019 dans une ancienne usine de Montreuil réhabilitée en cuisine "
        "partagée. Il réunit un traiteur d’insertion, une épicerie solidaire, des associations "
        "d’aide alimentaire, des restaurateurs et des maraîchers d’Île-de-France autour d’une "
        "question simple : comment bien manger quand on a peu de moyens ?",
        "Les membres mutualisent la cuisine professionnelle, une chambre froide et une flotte "
        "de vélos-cargos pour les livraisons, et animent ensemble des ateliers de cuisine dans "
        "les quartiers prioritaires de Montreuil, Bagnolet et Romainville. Les invendus des "
        "commerces partenaires sont transformés sur place plutôt que jetés.",
        "Signataire de la charte des PTCE en 2023, le pôle a finalisé son plan d’action et "
        "candidate à la reconnaissance par l’État.",
    ),
    form=PoleForm.LIEU_URBAIN,
    sectors=("alimentation", "iae"),
    stage=Stage.ACTION_PLAN,
    scale=Scale.BASSIN_DE_VIE,
    area_type=AreaType.URBAIN,
    creation_year=2019,
    charter_signed_on=date(2023, 5, 16),
    contact_phone="01 99 00 93 48",
    territory=Territory(communes=("93048", "93006", "93063")),
    places=(
        PlaceSpec("La Cuisine partagée", "17 rue de l’Usine", "93048", is_main=True),
        PlaceSpec("Épicerie solidaire Le Panier", "5 avenue de la République", "93006"),
    ),
    members=EST_PARISIEN_MEMBERS,
    coordinator=Person("Nathalie", "Rousseau"),
    contacts=(
        Person("Ibrahim", "Koné", "Traiteur d’insertion Saveurs partagées SAS"),
        Person("Lucie", "Perrin", "SCOP Boulangerie La Fournée montreuilloise"),
    ),
)

DEODATIE_MEMBERS = members_table("""
asso 94.99Z 88413 fondateur  2015-06-01 rna  Association Déodatie Bois
scop 16.10A 88372 fondateur  2015-06-01 -    Scierie coopérative du Val de Meurthe
soc  16.23Z 88413 fondateur  2015-06-01 esus Bois et Compagnie SAS (entreprise d’insertion)
coop 02.20Z 88451 membre     2016-03-07 -    Coopérative forestière des Hautes-Vosges
soc  16.23Z 88413 membre     2015-11-16 -    Menuiserie Schmitt et Fils SAS
soc  31.09B 88372 membre     2017-04-24 -    Meubles vosgiens Gérardin SARL
soc  02.20Z 88451 partenaire 2018-09-03 -    Exploitation forestière Colin SARL
coll 84.11Z 88413 fondateur  2015-06-01 -    Communauté d’agglomération de Saint-Dié-des-Vosges
coll 84.11Z 88160 financeur  2016-01-11 -    Département des Vosges
coll 84.11Z 67482 financeur  2017-05-02 -    Région Grand Est
form 85.32Z 88160 partenaire 2015-09-01 -    Centre de formation aux métiers du bois des Vosges
fond 94.99Z 67482 financeur  2019-12-02 -    Fondation Forêts de l’Est
rech 72.19Z 54395 partenaire 2020-06-15 -    Laboratoire d’études du bois et des forêts de l’Est
""")

BOIS_DEODATIE = PoleSpec(
    slug="filiere-bois-deodatie",
    name="Pôle Filière bois de la Déodatie",
    summary=(
        "Forestiers, scieurs, menuisiers et centres de formation du massif vosgien coopèrent "
        "pour transformer sur place le bois des forêts de la Déodatie."
    ),
    description=paragraphs(
        "Dans le massif des Vosges, le bois est une ressource abondante mais le plus souvent "
        "transformée loin du territoire. Créé en 2015 à Saint-Dié-des-Vosges, le pôle réunit des "
        "exploitants forestiers, des scieries familiales, des menuisiers, une entreprise "
        "d’insertion et des centres de formation pour reconstituer une filière complète, de la "
        "forêt au meuble.",
        "Les membres mutualisent un séchoir, une ligne de rabotage et un bureau d’études, et "
        "répondent ensemble aux marchés de mobilier des collectivités. Un parcours de formation "
        "partagé conduit chaque année une vingtaine de demandeurs d’emploi vers les métiers du "
        "bois.",
        "Reconnu par l’État, le pôle travaille à adapter la filière au dépérissement des "
        "épicéas en développant la transformation des feuillus.",
    ),
    form=PoleForm.FILIERE,
    sectors=("bois", "habitat"),
    stage=Stage.RECOGNISED,
    scale=Scale.EPCI,
    area_type=AreaType.RURAL,
    creation_year=2015,
    charter_signed_on=date(2020, 2, 11),
    contact_phone="03 53 01 88 41",
    territory=Territory(epci_of=("88413",)),
    places=(
        PlaceSpec("Plateforme bois de la Déodatie", "7 rue des Scieurs", "88413", is_main=True),
        PlaceSpec("Atelier de formation de Raon-l’Étape", "3 rue de la Manufacture", "88372"),
    ),
    members=DEODATIE_MEMBERS,
    coordinator=Person("Stéphane", "Grandjean"),
    contacts=(
        Person("Caroline", "Mathieu", "Scierie coopérative du Val de Meurthe"),
        Person("Vincent", "Claude", "Menuiserie Schmitt et Fils SAS"),
    ),
)

POLES = (
    ECOCONSTRUCTION_BASSIN_MINIER,
    TEXTILE_ROUBAIX,
    ALIMENTATION_EST_PARISIEN,
    BOIS_DEODATIE,
)
