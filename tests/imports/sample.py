"""A real-looking list of 60 PTCE as a regional chamber would send it: French Excel's CSV
(Windows-1252, « ; »), pre-2016 région names with or without « (ancienne région) », misspelt
communes, homonyms, free-text territories, a column the import does not know, région-only rows
(31 of 60), two blank lines. Names are fictitious; places are real (the départements of
`tests.territories.conftest.REAL_DEPARTEMENTS`, the only ones loaded by the tests)."""

HEADER = [
    "Nom du PTCE",
    "Région",
    "Département",
    "Commune",
    "Territoire",
    "Site web",
    "Courriel",
    "Remarques",
]

# name, région as written, département, commune, territory, site, e-mail, remark
PLACED = [
    (
        "Pôle coopératif du Lauragais",
        "Midi-Pyrénées (ancienne région)",
        "31",
        "Villefranche-de-Lauragais",
        "",
        "lauragais-coop.fr",
        "",
        "",
    ),
    (
        "Les Ateliers du réemploi",
        "Occitanie",
        "Haute-Garonne",
        "Toulouse",
        "",
        "",
        "contact@ateliers-reemploi.fr",
        "",
    ),
    (
        "Garrigues solidaires",
        "Languedoc-Roussillon",
        "Gard",
        "Nimes",
        "",
        "",
        "",
        "lauréat AMI 2021",
    ),
    (
        "Carcassonne en commun",
        "Languedoc Roussillon (ancienne région)",
        "11",
        "Carcasonne",
        "",
        "",
        "",
        "",
    ),
    ("Alès transitions", "Occitanie", "", "Ales", "", "", "", ""),
    ("Comminges solidaire", "Midi-Pyrénées", "", "St Gaudens", "", "", "", ""),
    ("Narbonne ESS", "Occitanie", "Aude", "Narbone", "", "", "", "à relancer"),
    ("Pays toulousain", "Occitanie", "", "", "Toulouse Métropole", "", "", ""),
    ("Saint-Denis solidaire", "Ile de France", "", "Saint-Denis", "", "", "", ""),
    ("Réunion coopérative", "La Réunion", "", "Saint-Denis", "", "", "", ""),
    ("Aude et Gard ensemble", "Occitanie", "", "Saint-Denis", "", "", "", "homonymes"),
    ("Évry coopère", "Île-de-France", "", "Évry", "", "", "", ""),
    ("Forez en transition", "Rhône-Alpes (ancienne région)", "Loire", "St Etienne", "", "", "", ""),
    ("Orléans ESS", "Region Centre", "45", "Orleans", "", "", "", ""),
    ("Rouen circulaire", "Haute-Normandie", "76", "Rouen", "", "", "", ""),
    ("Paris solidaire", "Ile-de-France", "75", "Paris", "", "", "", ""),
    ("Auxerrois coopératif", "Bourgogne", "Yonne", "Auxerre", "", "", "", ""),
    ("Sud Toulousain", "Occitanie", "31", "Muret", "", "", "", ""),
    (
        "Castres-Mazamet",
        "Midi-Pyrénées (ancienne région)",
        "",
        "",
        "Communauté d’agglomération de Castres-Mazamet",
        "",
        "",
        "",
    ),
    ("Minervois coopératif", "Occitanie", "11", "Lézignan-Corbières", "", "", "", ""),
    ("Uzège en commun", "Occitanie", "Gard", "Uzes", "", "", "", ""),
    ("Bagnols coopère", "Languedoc-Roussillon", "30", "Bagnols-sur-Ceze", "", "", "", ""),
    ("Roanne solidaire", "Auvergne-Rhône-Alpes", "42", "Roanne", "", "", "", ""),
    ("Montargis ESS", "Centre-Val de Loire", "Loiret", "Montargis", "", "", "", ""),
    ("Dieppe coopérative", "Normandie", "Seine-Maritime", "Dieppe", "", "", "", ""),
    ("Sens en transition", "Bourgogne-Franche-Comté", "89", "Sens", "", "", "", ""),
    ("Montreuil ESS", "Île-de-France", "93", "Montreuil", "", "", "", ""),
    ("Saint-Pierre solidaire", "Réunion", "974", "Saint-Pierre", "", "", "", ""),
    ("Le Havre coopère", "Normandie", "76", "Le Havre", "", "", "", ""),
]
# Région only (31 rows): some name a town of a département the tests do not load.
REGION_ONLY = [
    ("Bretagne solidaire", "Bretagne", "", "", "", "", "", ""),
    ("Armor coopératif", "Bretagne", "", "Brest", "", "", "", "commune hors des données de test"),
    ("Loire-Atlantique ESS", "Pays de la Loire", "", "", "", "", "", ""),
    ("Bordelais coopératif", "Aquitaine (ancienne région)", "", "", "", "", "", ""),
    ("Limousin en commun", "Limousin", "", "", "", "", "", ""),
    ("Charentes solidaires", "Poitou-Charentes", "", "", "", "", "", ""),
    ("Alsace ESS", "Alsace (ancienne région)", "", "", "", "", "", ""),
    ("Lorraine coopérative", "Lorraine", "", "", "", "", "", ""),
    ("Ardennes solidaires", "Champagne-Ardenne", "", "", "", "", "", ""),
    ("Nord coopère", "Nord-Pas-de-Calais", "", "", "", "", "", ""),
    ("Somme en transition", "Picardie", "", "", "", "", "", ""),
    ("Auvergne solidaire", "Auvergne", "", "", "", "", "", ""),
    ("Doubs coopératif", "Franche-Comté", "", "", "", "", "", ""),
    ("Calvados ESS", "Basse-Normandie", "", "", "", "", "", ""),
    ("Corse en commun", "Corse", "", "", "", "", "", ""),
    ("Provence solidaire", "Provence-Alpes-Côte d’Azur", "", "", "", "", "", ""),
    ("Vosges coopératives", "Grand Est", "", "", "", "", "", ""),
    ("Hauts solidaires", "Hauts de France", "", "", "", "", "", ""),
    ("Gironde en transition", "Nouvelle Aquitaine", "", "", "", "", "", ""),
    ("Bocage normand", "Normandie", "", "", "", "", "", ""),
    ("Jura solidaire", "Bourgogne-Franche-Comté", "", "", "", "", "", ""),
    ("Berry coopératif", "Centre", "", "", "", "", "", ""),
    ("Guadeloupe ESS", "Guadeloupe", "", "", "", "", "", ""),
    ("Martinique solidaire", "Martinique", "", "", "", "", "", ""),
    ("Guyane coopérative", "Guyane", "", "", "", "", "", ""),
    ("Mayotte en commun", "Mayotte", "", "", "", "", "", ""),
    ("Vendée solidaire", "Pays-de-la-Loire", "", "", "", "", "", ""),
    ("Savoie coopérative", "Rhône-Alpes", "", "", "", "", "", ""),
    ("Var ESS", "PACA (ancienne appellation)", "", "", "", "", "", "nom de région approximatif"),
    ("Occitanie rurale", "Occitannie", "", "", "", "", "", "faute de frappe"),
    ("Bretagne Sud", "Bretagne (ancienne région)", "", "", "", "", "", ""),
]
ROWS = PLACED + REGION_ONLY
assert len(ROWS) == 60
assert len(REGION_ONLY) == 31


def sample_csv(rows=ROWS) -> bytes:
    """As Excel (French) saves « CSV (séparateur : point-virgule) »: cp1252, CRLF."""
    lines = [
        ";".join(HEADER),
        *(";".join(row) for row in rows[:30]),
        ";;;;;;;",
        *(";".join(row) for row in rows[30:]),
        "",
    ]
    return "\r\n".join(lines).encode("cp1252")
