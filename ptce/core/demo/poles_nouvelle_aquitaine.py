"""Demo poles of Nouvelle-Aquitaine (fictitious content)."""

from datetime import date

from ptce.poles.models import AreaType, PoleForm, Scale, Stage

from .spec import Person, PlaceSpec, PoleSpec, Territory, members_table, paragraphs

# category NAF commune role joined-on flags name (see `spec.members_table`)
CREUSE_MEMBERS = members_table("""
asso 94.99Z 23079 fondateur  2011-05-09 rna  Association Creuse Bois Construction
scop 43.91A 23079 fondateur  2011-05-09 -    SCOP Charpentes du Plateau
scic 46.73A 23008 fondateur  2011-05-09 -    SCIC Bois Local Limousin
coop 41.20A 23096 membre     2013-02-18 -    Coopérative des Éco-bâtisseurs creusois
soc  16.10A 23030 membre     2012-01-16 -    Scierie Lavergne et Fils SAS
soc  16.23Z 23008 membre     2012-06-04 -    Menuiserie Aubussonnaise SARL
soc  16.29Z 23176 membre     2016-10-10 -    Isolants biosourcés du Limousin SAS
soc  71.12B 23079 partenaire 2014-03-03 -    Bureau d’études Structure Bois Millevaches SARL
asso 02.40Z 23079 membre     2015-04-13 rna  Association forestière du plateau de Millevaches
fond 94.99Z 23096 financeur  2018-11-05 -    Fondation pour l’habitat rural creusois
mutu 65.12Z 87085 partenaire 2019-05-20 -    Mutuelle du Bâtiment limousin
coll 84.11Z 23079 fondateur  2011-05-09 -    Commune de Felletin
coll 84.11Z 23008 partenaire 2017-01-02 -    Communauté de communes Creuse Grand Sud
coll 84.11Z 23096 financeur  2012-09-03 -    Département de la Creuse
coll 84.11Z 33063 financeur  2017-03-01 -    Région Nouvelle-Aquitaine
form 85.32Z 23079 partenaire 2011-09-01 -    Centre de formation aux métiers du bois de Felletin
univ 85.42Z 87085 partenaire 2019-10-14 -    Campus universitaire des transitions du Limousin
rech 72.19Z 87085 partenaire 2021-02-08 -    Laboratoire Matériaux biosourcés et Habitat
""")

BOIS_CREUSE = PoleSpec(
    slug="bois-ecoconstruction-creuse",
    name="Pôle Bois et Éco-construction de la Creuse",
    summary=(
        "De la forêt creusoise au chantier : scieries, charpentiers, coopératives d’artisans et "
        "centres de formation structurent une filière locale de construction en bois et en "
        "matériaux biosourcés."
    ),
    description=paragraphs(
        "Fondé en 2011 à Felletin, au pied du plateau de Millevaches, le pôle fédère les acteurs "
        "de la filière bois de la Creuse autour d’une ambition : que le bois des forêts du "
        "département soit scié, transformé et mis en œuvre sur place plutôt qu’exporté en "
        "grumes.",
        "Les membres ont créé ensemble une marque collective de bois local, une plateforme de "
        "séchage partagée et un groupement d’artisans capable de répondre aux marchés publics de "
        "construction et de rénovation. Un centre de formation et un campus universitaire y "
        "forment chaque année des charpentiers, des menuisiers et des éco-constructeurs.",
        "Reconnu par l’État, le pôle mesure son impact en emplois créés dans les communes "
        "rurales — plus de soixante depuis sa création — et accompagne aujourd’hui la reprise "
        "de scieries dont les dirigeants partent à la retraite.",
    ),
    form=PoleForm.FILIERE,
    sectors=("bois", "habitat"),
    stage=Stage.RECOGNISED,
    scale=Scale.DEPARTEMENT,
    area_type=AreaType.RURAL,
    creation_year=2011,
    charter_signed_on=date(2020, 9, 24),
    contact_phone="05 36 49 23 79",
    territory=Territory(departements=("23",)),
    places=(
        PlaceSpec("La Halle bois de Felletin", "8 route d’Aubusson", "23079", is_main=True),
        PlaceSpec(
            "Plateforme de séchage partagée",
            "Lieu-dit Les Granges, route de Guéret",
            "23030",
            is_public_access=False,
        ),
        PlaceSpec("Atelier-école de Guéret", "21 avenue de la République", "23096"),
    ),
    members=CREUSE_MEMBERS,
    coordinator=Person("Pierre", "Lemasson"),
    contacts=(
        Person("Élodie", "Chabrat", "SCOP Charpentes du Plateau"),
        Person("Karim", "Saïdi", "Scierie Lavergne et Fils SAS"),
    ),
)

NIORT_MEMBERS = members_table("""
asso 88.10A 79191 fondateur  2018-01-15 rna  Association Bien Vieillir en Niortais
mutu 65.12Z 79191 fondateur  2018-01-15 -    Mutuelle Solidarité Sèvre et Marais
mutu 65.12Z 79191 membre     2019-04-08 -    Mutuelle des Artisans du Poitou
asso 88.10A 79003 fondateur  2018-01-15 rna  Aide et Présence à domicile du Marais poitevin
scic 68.20A 79081 membre     2020-06-22 -    SCIC Habiter ensemble en Niortais
scop 49.32Z 79191 membre     2019-11-04 -    SCOP Transports accompagnés des Deux-Sèvres
fond 87.30A 86194 financeur  2021-03-15 -    Fondation Santé et Autonomie en Poitou
soc  43.21A 79081 membre     2021-09-06 -    Domotique Sèvre niortaise SAS
soc  80.20Z 79191 partenaire 2023-01-09 -    TéléVeille Services SAS
soc  68.20A 79191 membre     2018-06-11 -    Deux-Sèvres Habitat Solidaire SA
coll 84.11Z 79191 partenaire 2018-03-01 -    Communauté d’agglomération du Niortais
coll 84.11Z 79191 membre     2018-03-01 -    Ville de Niort
coll 84.11Z 79191 financeur  2019-01-14 -    Département des Deux-Sèvres
coll 84.11Z 33063 financeur  2022-06-01 -    Région Nouvelle-Aquitaine
form 85.59A 86194 partenaire 2020-09-07 -    Institut de formation en travail social du Poitou
rech 72.20Z 86194 partenaire 2022-05-16 -    Laboratoire Vieillissement et Territoires
""")

AUTONOMIE_NIORTAIS = PoleSpec(
    slug="autonomie-solidarites-niortais",
    name="Pôle Autonomie et Solidarités du Niortais",
    summary=(
        "Mutuelles, services d’aide à domicile, bailleurs et collectivités du Niortais inventent "
        "ensemble des réponses au vieillissement : habitat inclusif, soutien aux aidants, "
        "mobilité et prévention."
    ),
    description=paragraphs(
        "Le Niortais, berceau des mutuelles françaises, compte une part croissante d’habitants "
        "de plus de 75 ans vivant seuls, notamment dans les communes périurbaines. Le pôle est "
        "né en 2018 de la volonté de plusieurs mutuelles, associations d’aide à domicile et d’un "
        "bailleur social de sortir de la concurrence entre dispositifs pour construire des "
        "parcours sans rupture.",
        "Ses membres ont mutualisé une plateforme de répit pour les aidants, un service de "
        "transport accompagné et un programme de prévention des chutes. Un habitat inclusif de "
        "douze logements, porté par une SCIC, a ouvert ses portes à Chauray en 2023.",
        "Le pôle finalise son plan d’action 2025-2028 et prépare sa candidature à la "
        "reconnaissance ; il associe à ses travaux une entreprise locale de domotique et une "
        "jeune entreprise spécialisée dans la téléassistance.",
    ),
    form=PoleForm.GRAPPE,
    sectors=("services-personne-autonomie", "sante"),
    stage=Stage.ACTION_PLAN,
    scale=Scale.EPCI,
    area_type=AreaType.MIXTE,
    creation_year=2018,
    contact_phone="05 36 49 79 19",
    territory=Territory(epci_of=("79191",)),
    places=(
        PlaceSpec("Maison des aidants du Niortais", "15 rue de la Mutualité", "79191", True),
        PlaceSpec(
            "Habitat inclusif Les Tilleuls",
            "2 allée des Tilleuls",
            "79081",
            is_public_access=False,
        ),
    ),
    members=NIORT_MEMBERS,
    coordinator=Person("Isabelle", "Moreau"),
    contacts=(
        Person("Mathieu", "Guérin", "Mutuelle Solidarité Sèvre et Marais"),
        Person("Fatou", "Diallo", "Aide et Présence à domicile du Marais poitevin"),
    ),
)

POLES = (BOIS_CREUSE, AUTONOMIE_NIORTAIS)
