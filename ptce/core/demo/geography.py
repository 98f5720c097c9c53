"""The geography the demo content refers to: a copy of the rows it needs from the official
geography (COG, see ptce/territories/data), so that tests can create just these rows.

`manage.py demo_load` reads the loaded `Commune` rows; the coordinates here are only a fallback
for a commune loaded without any.
"""

from .content import POLES, organisations
from .spec import departement_code

REGIONS = {
    "04": "La Réunion",
    "11": "Île-de-France",
    "28": "Normandie",
    "32": "Hauts-de-France",
    "44": "Grand Est",
    "52": "Pays de la Loire",
    "53": "Bretagne",
    "75": "Nouvelle-Aquitaine",
    "76": "Occitanie",
    "84": "Auvergne-Rhône-Alpes",
    "93": "Provence-Alpes-Côte d'Azur",
}

# code: (name, région)
DEPARTEMENTS = {
    "04": ("Alpes-de-Haute-Provence", "93"),
    "09": ("Ariège", "76"),
    "12": ("Aveyron", "76"),
    "13": ("Bouches-du-Rhône", "93"),
    "14": ("Calvados", "28"),
    "22": ("Côtes-d'Armor", "53"),
    "23": ("Creuse", "75"),
    "26": ("Drôme", "84"),
    "29": ("Finistère", "53"),
    "31": ("Haute-Garonne", "76"),
    "33": ("Gironde", "75"),
    "34": ("Hérault", "76"),
    "35": ("Ille-et-Vilaine", "53"),
    "44": ("Loire-Atlantique", "52"),
    "46": ("Lot", "76"),
    "49": ("Maine-et-Loire", "52"),
    "50": ("Manche", "28"),
    "53": ("Mayenne", "52"),
    "54": ("Meurthe-et-Moselle", "44"),
    "59": ("Nord", "32"),
    "62": ("Pas-de-Calais", "32"),
    "67": ("Bas-Rhin", "44"),
    "69": ("Rhône", "84"),
    "72": ("Sarthe", "52"),
    "75": ("Paris", "11"),
    "79": ("Deux-Sèvres", "75"),
    "85": ("Vendée", "52"),
    "86": ("Vienne", "75"),
    "87": ("Haute-Vienne", "75"),
    "88": ("Vosges", "44"),
    "93": ("Seine-Saint-Denis", "11"),
    "974": ("La Réunion", "04"),
}

# INSEE code: (name, latitude, longitude)
COMMUNES = {
    "04070": ("Digne-les-Bains", 44.0934, 6.2352),
    "04088": ("Forcalquier", 43.9595, 5.7808),
    "04112": ("Manosque", 43.8336, 5.7827),
    "04209": ("Sisteron", 44.1949, 5.9426),
    "09122": ("Foix", 42.9637, 1.6055),
    "09225": ("Pamiers", 43.1145, 1.6082),
    "09306": ("Tarascon-sur-Ariège", 42.8490, 1.6049),
    "09324": ("Varilhes", 43.0459, 1.6283),
    "12052": ("Capdenac-Gare", 44.5744, 2.0805),
    "13055": ("Marseille", 43.2976, 5.3694),
    "14118": ("Caen", 49.1811, -0.3725),
    "22113": ("Lannion", 48.7319, -3.4580),
    "22168": ("Perros-Guirec", 48.8155, -3.4449),
    "22194": ("Plestin-les-Grèves", 48.6540, -3.6316),
    "22198": ("Pleumeur-Bodou", 48.7739, -3.5172),
    "22278": ("Saint-Brieuc", 48.5139, -2.7644),
    "22362": ("Tréguier", 48.7845, -3.2325),
    "23008": ("Aubusson", 45.9569, 2.1701),
    "23030": ("Bourganeuf", 45.9535, 1.7570),
    "23079": ("Felletin", 45.8849, 2.1733),
    "23096": ("Guéret", 46.1696, 1.8715),
    "23176": ("La Souterraine", 46.2401, 1.4821),
    "26108": ("Crest", 44.7288, 5.0238),
    "26113": ("Die", 44.7528, 5.3688),
    "26165": ("Livron-sur-Drôme", 44.7692, 4.8413),
    "26289": ("Saillans", 44.6980, 5.1976),
    "26362": ("Valence", 44.9332, 4.8921),
    "29105": ("Landivisiau", 48.5092, -4.0688),
    "29151": ("Morlaix", 48.5777, -3.8284),
    "29188": ("Plougasnou", 48.6953, -3.7902),
    "29232": ("Quimper", 47.9962, -4.1020),
    "29254": ("Saint-Martin-des-Champs", 48.5754, -3.8440),
    "29259": ("Saint-Pol-de-Léon", 48.6856, -3.9863),
    "31555": ("Toulouse", 43.6041, 1.4430),
    "33063": ("Bordeaux", 44.8380, -0.5796),
    "34057": ("Castelnau-le-Lez", 43.6330, 3.8975),
    "34129": ("Lattes", 43.5701, 3.8988),
    "34172": ("Montpellier", 43.5994, 3.8961),
    "34270": ("Saint-Jean-de-Védas", 43.5757, 3.8267),
    "35238": ("Rennes", 48.0931, -1.6749),
    "44109": ("Nantes", 47.2186, -1.5538),
    "44143": ("Rezé", 47.1912, -1.5696),
    "44184": ("Saint-Nazaire", 47.2742, -2.2142),
    "46015": ("Bagnac-sur-Célé", 44.6663, 2.1583),
    "46102": ("Figeac", 44.6098, 2.0346),
    "46143": ("Lacapelle-Marival", 44.7281, 1.9252),
    "49007": ("Angers", 47.4711, -0.5473),
    "50147": ("Coutances", 49.0480, -1.4456),
    "50393": ("Percy-en-Normandie", 48.9173, -1.1948),
    "50502": ("Saint-Lô", 49.1152, -1.0919),
    "50639": ("Villedieu-les-Poêles-Rouffigny", 48.8383, -1.2222),
    "53130": ("Laval", 48.0779, -0.7701),
    "54395": ("Nancy", 48.6931, 6.1827),
    "59350": ("Lille", 50.6309, 3.0709),
    "59512": ("Roubaix", 50.6912, 3.1740),
    "59599": ("Tourcoing", 50.7237, 3.1608),
    "59650": ("Wattrelos", 50.7015, 3.2153),
    "62041": ("Arras", 50.2931, 2.7785),
    "62119": ("Béthune", 50.5305, 2.6383),
    "62498": ("Lens", 50.4293, 2.8324),
    "62510": ("Liévin", 50.4216, 2.7848),
    "62528": ("Loos-en-Gohelle", 50.4571, 2.7922),
    "67482": ("Strasbourg", 48.5736, 7.7532),
    "69123": ("Lyon", 45.7677, 4.8354),
    "72181": ("Le Mans", 48.0074, 0.1968),
    "75056": ("Paris", 48.8566, 2.3429),
    "79003": ("Aiffres", 46.2854, -0.4166),
    "79081": ("Chauray", 46.3607, -0.3749),
    "79191": ("Niort", 46.3241, -0.4644),
    "85191": ("La Roche-sur-Yon", 46.6711, -1.4293),
    "86194": ("Poitiers", 46.5802, 0.3408),
    "87085": ("Limoges", 45.8266, 1.2604),
    "88160": ("Épinal", 48.1752, 6.4505),
    "88372": ("Raon-l'Étape", 48.4066, 6.8448),
    "88413": ("Saint-Dié-des-Vosges", 48.2870, 6.9472),
    "88451": ("Senones", 48.3950, 6.9814),
    "93006": ("Bagnolet", 48.8688, 2.4169),
    "93008": ("Bobigny", 48.9062, 2.4450),
    "93048": ("Montreuil", 48.8625, 2.4428),
    "93063": ("Romainville", 48.8861, 2.4350),
    "97405": ("Petite-Île", -21.3567, 55.5654),
    "97411": ("Saint-Denis", -20.8790, 55.4486),
    "97414": ("Saint-Louis", -21.2870, 55.4094),
    "97416": ("Saint-Pierre", -21.3416, 55.4778),
    "97422": ("Le Tampon", -21.2786, 55.5149),
}


def required_commune_codes() -> list[str]:
    """Every commune the demo names: organisations, places and pole territories."""
    codes = {org.commune for org in organisations().values()}
    for pole in POLES:
        codes.update(place.commune for place in pole.places)
        codes.update(pole.territory.communes)
        codes.update(pole.territory.epci_of)
    return sorted(codes)


def required_departement_codes() -> list[str]:
    codes = {departement_code(code) for code in required_commune_codes()}
    for pole in POLES:
        codes.update(pole.territory.departements)
    return sorted(codes)
