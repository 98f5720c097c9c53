"""Demo poles of Auvergne-Rhône-Alpes, Provence-Alpes-Côte d’Azur and La Réunion (fictitious)."""

from datetime import date

from ptce.poles.models import AreaType, PoleForm, Scale, Stage

from .spec import Person, PlaceSpec, PoleSpec, Territory, members_table, paragraphs

# category NAF commune role joined-on flags name (see `spec.members_table`)
DROME_MEMBERS = members_table("""
asso 85.59B 26289 fondateur  2010-09-13 rna  Association Ferme-école de la Vallée
scic 10.39B 26108 fondateur  2010-09-13 -    SCIC Halle de transformation du Crestois
coop 46.31Z 26113 fondateur  2010-09-13 -    Coopérative des producteurs bio du Diois
scop 20.53Z 26113 membre     2012-03-19 -    SCOP Plantes et Parfums de la Drôme
asso 94.99Z 26108 membre     2013-11-04 rna  Association Terres paysannes de la Drôme
soc  47.21Z 26165 membre     2014-04-07 -    Magasin de producteurs La Clé des Champs SAS
soc  01.30Z 26108 membre     2015-05-11 -    Pépinières du Vallon SAS
soc  11.05Z 26113 partenaire 2017-06-19 -    Brasserie artisanale du Vercors Sud SARL
coop 11.02B 26113 partenaire 2016-02-22 -    Cave coopérative des Coteaux du Diois
fond 94.99Z 69123 financeur  2019-09-30 -    Fondation Sols vivants
mutu 65.12Z 26362 partenaire 2018-01-08 -    Mutuelle des Paysans du Sud-Est
coll 84.11Z 26108 partenaire 2011-02-01 -    Communauté de communes Crestois et Pays de Saillans
coll 84.11Z 26113 partenaire 2011-02-01 -    Communauté de communes du Diois
coll 84.11Z 26289 fondateur  2010-09-13 -    Commune de Saillans
coll 84.11Z 26362 financeur  2012-01-02 -    Département de la Drôme
coll 84.11Z 69123 financeur  2014-01-06 -    Région Auvergne-Rhône-Alpes
rech 72.19Z 26362 partenaire 2016-09-12 -    Institut de recherche en agroécologie de Valence
""")

VALLEE_DROME = PoleSpec(
    slug="vallee-drome-transition",
    name="Pôle Vallée de la Drôme en transition",
    summary=(
        "Autour d’une ferme-école et d’une halle de transformation, paysans, coopératives et "
        "communes de la vallée de la Drôme font vivre une agriculture biologique et une économie "
        "locale sobre."
    ),
    description=paragraphs(
        "Parmi les premiers pôles de coopération, celui de la vallée de la Drôme s’est constitué "
        "en 2010 autour d’une ferme-école installée à Saillans et d’une halle de transformation "
        "partagée à Crest. Il fédère une quarantaine de fermes biologiques, des coopératives de "
        "distribution, des artisans et les communes de la vallée.",
        "La coopération s’organise en trois ateliers : l’installation de nouveaux paysans, "
        "accompagnés pendant deux ans sur des terres mises à disposition ; la transformation "
        "collective des légumes, des fruits et des plantes aromatiques ; la distribution, avec "
        "un magasin de producteurs et des paniers livrés aux entreprises de la vallée.",
        "Reconnu par l’État et signataire de la charte des PTCE, le pôle accueille chaque année "
        "des porteurs de projets agricoles venus de toute la région, des sessions de formation "
        "et des chercheurs en agroécologie.",
    ),
    form=PoleForm.LIEU_RURAL,
    sectors=("agriculture", "alimentation", "environnement"),
    stage=Stage.RECOGNISED,
    scale=Scale.BASSIN_DE_VIE,
    area_type=AreaType.RURAL,
    creation_year=2010,
    charter_signed_on=date(2019, 6, 27),
    contact_phone="04 65 71 26 28",
    territory=Territory(communes=("26113", "26108", "26289", "26165")),
    places=(
        PlaceSpec("Ferme-école de la Vallée", "Chemin des Chapelains", "26289", is_main=True),
        PlaceSpec("Halle de transformation du Crestois", "9 rue de l’Industrie", "26108"),
        PlaceSpec("Magasin La Clé des Champs", "34 avenue de la Gare", "26165"),
    ),
    members=DROME_MEMBERS,
    coordinator=Person("Laure", "Bonnet"),
    contacts=(
        Person("Antoine", "Reynaud", "Coopérative des producteurs bio du Diois"),
        Person("Chloé", "Faure", "SCIC Halle de transformation du Crestois"),
    ),
)

HAUTE_PROVENCE_MEMBERS = members_table("""
asso 79.90Z 04088 fondateur  2020-02-10 rna  Association Haute-Provence Tourisme solidaire
scic 79.90Z 04088 fondateur  2020-02-10 -    SCIC Centrale de réservation Lure-Luberon
asso 78.30Z 04112 membre     2020-11-16 rna  Groupement d’employeurs Culture et Tourisme 04
asso 90.01Z 04088 membre     2020-05-04 rna  Festival des Nuits de Lure
scop 32.99Z 04088 membre     2021-03-22 -    SCOP Artisans d’art du Pays de Forcalquier
soc  55.20Z 04209 membre     2020-06-08 -    Gîtes de la Montagne de Lure SARL
soc  49.39B 04112 membre     2021-01-18 -    Autocars Durance Voyages SAS
soc  20.53Z 04070 partenaire 2022-04-04 -    Distillerie du Plateau de Valensole SAS
coll 84.11Z 04088 partenaire 2020-02-10 -    Commune de Forcalquier
coll 84.11Z 04070 financeur  2021-06-21 -    Département des Alpes-de-Haute-Provence
coll 84.11Z 13055 financeur  2022-02-01 -    Région Provence-Alpes-Côte d’Azur
form 85.59A 04070 partenaire 2021-09-13 -    Centre de formation Tourisme de Haute-Provence
""")

TOURISME_HAUTE_PROVENCE = PoleSpec(
    slug="tourisme-culture-haute-provence",
    name="Pôle Tourisme et Culture de Haute-Provence",
    summary=(
        "Hébergeurs, festivals, artisans d’art et collectivités des Alpes-de-Haute-Provence "
        "construisent une offre de tourisme durable, hors saison et accessible."
    ),
    description=paragraphs(
        "Le tourisme fait vivre les Alpes-de-Haute-Provence l’été, mais les saisonniers peinent "
        "à se loger et bien des villages se vident d’octobre à avril. Créé en 2020 à "
        "Forcalquier, le pôle rassemble des hébergeurs, des lieux culturels, des artisans d’art "
        "et des collectivités pour allonger la saison et mieux répartir ses retombées.",
        "Les premiers chantiers de coopération portent sur un groupement d’employeurs qui "
        "partage des salariés entre structures culturelles et touristiques, une centrale de "
        "réservation coopérative et des résidences d’artistes dans les villages hors saison.",
        "Le pôle en est à l’étape de co-construction : ses sujets ont été croisés avec un "
        "diagnostic des besoins du territoire conduit avec le Département.",
    ),
    form=PoleForm.GRAPPE,
    sectors=("tourisme", "culture"),
    stage=Stage.CO_CONSTRUCTION,
    scale=Scale.DEPARTEMENT,
    area_type=AreaType.RURAL,
    creation_year=2020,
    contact_phone="04 65 71 04 88",
    territory=Territory(departements=("04",)),
    places=(
        PlaceSpec("Maison du tourisme solidaire", "6 boulevard des Martyrs", "04088", True),
        PlaceSpec("Résidence d’artistes de Sisteron", "2 montée de la Citadelle", "04209"),
    ),
    members=HAUTE_PROVENCE_MEMBERS,
    coordinator=Person("Julie", "Arnaud"),
    contacts=(
        Person("Olivier", "Blanc", "SCIC Centrale de réservation Lure-Luberon"),
        Person("Manon", "Roux", "Festival des Nuits de Lure"),
    ),
)

SUD_REUNION_MEMBERS = members_table("""
asso 88.99B 97416 fondateur  2016-03-14 rna  Association Terres solidaires du Sud
coop 01.13Z 97422 fondateur  2016-03-14 -    Coopérative des planteurs des Hauts du Sud
scic 10.39A 97416 fondateur  2016-03-14 -    SCIC Atelier de transformation Péi
asso 81.30Z 97405 membre     2017-02-06 rna  Chantier d’insertion Jardins de Petite-Île
scop 49.41A 97414 membre     2018-08-20 -    SCOP Transport frigorifique du Sud
asso 94.99Z 97411 membre     2019-05-13 rna  Association Manger local 974
soc  47.11B 97416 membre     2017-09-11 -    Épicerie de Terre-Sainte SARL
soc  10.39A 97414 membre     2018-04-09 -    Conserverie Bourbon Saveurs SAS
soc  01.30Z 97422 partenaire 2019-10-21 -    Pépinière tropicale du Tampon SARL
mutu 65.12Z 97411 partenaire 2020-03-02 -    Mutuelle Solidarité Réunion
coll 84.11Z 97416 partenaire 2016-06-01 -    Communauté intercommunale des villes solidaires (CIVIS)
coll 84.11Z 97416 membre     2016-06-01 -    Commune de Saint-Pierre
coll 84.11Z 97422 membre     2021-05-17 -    Commune du Tampon
coll 84.11Z 97411 financeur  2018-01-15 -    Région Réunion
form 85.32Z 97422 partenaire 2017-09-04 -    Centre de formation agricole du Sud
""")

AGRICULTURE_SUD_REUNION = PoleSpec(
    slug="agriculture-solidaire-sud-reunion",
    name="Pôle Agriculture solidaire du Sud de La Réunion",
    summary=(
        "Planteurs, coopératives, chantiers d’insertion et communes du Sud réunionnais "
        "développent une filière de fruits et légumes péi pour la restauration scolaire et les "
        "marchés de proximité."
    ),
    description=paragraphs(
        "La Réunion importe encore une large part des fruits et légumes qu’elle consomme, alors "
        "que de nombreuses terres agricoles restent en friche dans les Hauts du Sud. Créé en "
        "2016 à Saint-Pierre, le pôle réunit des planteurs, des coopératives, des chantiers "
        "d’insertion et les communes de la CIVIS pour remettre ces terres en culture.",
        "Les membres partagent un atelier de transformation (achards, confitures, légumes "
        "épluchés), une plateforme logistique qui livre les cantines scolaires et un dispositif "
        "de formation des jeunes agriculteurs au maraîchage agroécologique. Les chantiers "
        "d’insertion défrichent et préparent les parcelles avant l’installation des planteurs.",
        "Le plan d’action a été présenté à l’instruction régionale : le pôle prépare son "
        "dossier de reconnaissance et ouvre une antenne au Tampon.",
    ),
    form=PoleForm.FILIERE,
    sectors=("agriculture", "alimentation", "iae"),
    stage=Stage.ACTION_PLAN,
    scale=Scale.EPCI,
    area_type=AreaType.MIXTE,
    creation_year=2016,
    charter_signed_on=date(2022, 11, 17),
    contact_phone="06 39 98 74 16",
    territory=Territory(epci_of=("97416",)),
    places=(
        PlaceSpec(
            "Atelier de transformation Péi",
            "ZAE de Pierrefonds, 18 rue des Planteurs",
            "97416",
            is_main=True,
        ),
        PlaceSpec("Parcelles-école de la Plaine des Cafres", "Chemin des Planteurs", "97422"),
    ),
    members=SUD_REUNION_MEMBERS,
    coordinator=Person("Jean-Marc", "Payet"),
    contacts=(
        Person("Marie-Annick", "Hoarau", "Coopérative des planteurs des Hauts du Sud"),
        Person("Kévin", "Grondin", "SCOP Transport frigorifique du Sud"),
    ),
)

POLES = (VALLEE_DROME, TOURISME_HAUTE_PROVENCE, AGRICULTURE_SUD_REUNION)
