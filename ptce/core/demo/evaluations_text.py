"""The words of the demo evaluations: what raters observe on each ECARTS criterion (by level:
low 1–2, middle 3, high 4–5), their improvement ideas, and the action plan the group agrees on.

Observations may name the pole's main place (`{lieu}`) and its first local authority member
(`{collectivite}`), always where no article or agreement depends on the name.
"""

LOW, MIDDLE, HIGH = "bas", "moyen", "haut"

OBSERVATIONS = {
    "A": {
        LOW: (
            "Pas encore de lieu commun : les réunions tournent chez les membres.",
            "Le lieu existe mais reste peu connu des habitants et difficile d’accès sans voiture.",
        ),
        MIDDLE: (
            "{lieu} : point de ralliement des membres, mais aux horaires encore limités.",
            "Le lieu est bien identifié par les membres, beaucoup moins par les habitants.",
        ),
        HIGH: (
            "Lieu principal ({lieu}) connu de tous, ouvert au public plusieurs jours par semaine.",
            "Plusieurs lieux complémentaires, bien signalés et accessibles en transports.",
        ),
    },
    "B": {
        LOW: (
            "Les ressources locales sont peu mobilisées : l’essentiel vient de l’extérieur.",
            "Aucun inventaire des ressources du territoire n’a encore été fait.",
        ),
        MIDDLE: (
            "Quelques ressources locales valorisées, sans stratégie d’ensemble.",
            "Un bâtiment ancien a été réhabilité ; d’autres ressources restent à explorer.",
        ),
        HIGH: (
            "Les ressources du territoire sont au cœur de l’activité : matières, savoir-faire, "
            "bâtiments.",
            "L’inventaire des ressources locales est partagé et mis à jour chaque année.",
        ),
    },
    "C": {
        LOW: (
            "La collectivité finance mais ne participe pas aux instances du pôle.",
            "Les relations avec les élus restent surtout informelles.",
        ),
        MIDDLE: (
            "{collectivite} : présente au comité de pilotage, mais ses services suivent de loin.",
            "Partenariat réel mais cantonné à un seul service de la collectivité.",
        ),
        HIGH: (
            "{collectivite} : co-construit les actions avec les membres, au-delà du financement.",
            "Conventions pluriannuelles, et des élus présents aux ateliers.",
        ),
    },
    "D": {
        LOW: (
            "Des tensions entre anciens et nouveaux membres restent non dites.",
            "Peu de moments conviviaux en dehors des réunions formelles.",
        ),
        MIDDLE: (
            "Bonne ambiance générale, mais les petites structures prennent peu la parole.",
            "La charte de valeurs existe ; elle est rarement relue ensemble.",
        ),
        HIGH: (
            "Confiance visible : les membres se prêtent matériel et salariés sans formalités.",
            "Des moments conviviaux réguliers soudent le groupe.",
        ),
    },
    "E": {
        LOW: (
            "La vision est partagée oralement, sans feuille de route écrite.",
            "Le comité de pilotage se réunit irrégulièrement.",
        ),
        MIDDLE: (
            "Feuille de route écrite ; le suivi des objectifs reste approximatif.",
            "Gouvernance partagée sur le papier, décisions surtout prises par le porteur.",
        ),
        HIGH: (
            "Stratégie écrite, indicateurs suivis à chaque comité de pilotage.",
            "La gouvernance associe toutes les familles de membres.",
        ),
    },
    "F": {
        LOW: (
            "Les actions restent portées par une structure à la fois.",
            "Peu d’actions communes au-delà des réunions.",
        ),
        MIDDLE: (
            "Deux ou trois actions communes, sans structure juridique partagée.",
            "Des mutualisations ponctuelles de matériel.",
        ),
        HIGH: (
            "Des actions collectives portées par une SCIC ou un groupement d’employeurs.",
            "Salariés, locaux et financements sont mutualisés.",
        ),
    },
    "G": {
        LOW: (
            "Le pôle dépend presque entièrement de subventions annuelles.",
            "Trésorerie fragile, pas de modèle économique écrit.",
        ),
        MIDDLE: (
            "Le chiffre d’affaires progresse, mais les subventions restent majoritaires.",
            "Modèle économique en construction, quelques recettes propres.",
        ),
        HIGH: (
            "Recettes propres majoritaires et financements pluriannuels sécurisés.",
            "Le modèle économique est écrit et suivi chaque trimestre.",
        ),
    },
    "H": {
        LOW: (
            "Peu d’innovation de produit ou de service pour l’instant.",
            "Le développement durable est évoqué, peu traduit en actes.",
        ),
        MIDDLE: (
            "Un service nouveau testé cette année, à consolider.",
            "Un partenariat de recherche engagé, premiers résultats attendus.",
        ),
        HIGH: (
            "Plusieurs services nouveaux lancés et évalués avec un laboratoire.",
            "Des innovations reconnues au-delà du territoire.",
        ),
    },
    "I": {
        LOW: (
            "Pas de veille organisée : les informations circulent au hasard.",
            "Peu de liens avec les réseaux et les pôles voisins.",
        ),
        MIDDLE: (
            "La veille est assurée par le porteur et partagée de temps en temps.",
            "Quelques passerelles avec d’autres pôles de la région.",
        ),
        HIGH: (
            "Une veille partagée chaque mois, des passerelles actives avec d’autres pôles.",
            "Le pôle repère les appels à projets et les fait circuler.",
        ),
    },
}

IMPROVEMENTS = {
    "A": "Ouvrir le lieu un samedi par mois aux habitants.",
    "B": "Cartographier les ressources locales avec les communes.",
    "C": "Inviter les élus à un atelier par trimestre.",
    "D": "Prévoir un temps convivial après chaque comité de pilotage.",
    "E": "Écrire une feuille de route annuelle avec trois indicateurs.",
    "F": "Étudier un statut commun : SCIC ou groupement d’employeurs.",
    "G": "Construire un budget prévisionnel sur trois ans.",
    "H": "Tester un service nouveau avec un laboratoire partenaire.",
    "I": "Envoyer une lettre de veille mensuelle aux membres.",
}

# The criterion as a synthesis names it.
LABELS = {
    "A": "le lieu (A)",
    "B": "les ressources locales (B)",
    "C": "les partenariats avec les collectivités (C)",
    "D": "les valeurs partagées (D)",
    "E": "le pilotage de la stratégie (E)",
    "F": "les actions collectives (F)",
    "G": "le modèle économique (G)",
    "H": "l’innovation (H)",
    "I": "la veille et les passerelles (I)",
}

# What the group decides to improve, and who carries it ("porteur": the carrier organisation).
ACTIONS = {
    "A": (
        "Ouvrir le lieu principal au public un samedi par mois et le signaler dans les communes.",
        "porteur",
    ),
    "B": (
        "Réaliser avec les communes un inventaire des ressources locales inutilisées : "
        "bâtiments, terrains, savoir-faire.",
        "porteur",
    ),
    "C": (
        "Proposer à la collectivité une convention pluriannuelle et un siège au comité de "
        "pilotage.",
        "coordination",
    ),
    "D": (
        "Organiser chaque trimestre un temps convivial ouvert aux salariés de tous les membres.",
        "coordination",
    ),
    "E": (
        "Rédiger la feuille de route annuelle et suivre trois indicateurs à chaque comité de "
        "pilotage.",
        "coordination",
    ),
    "F": (
        "Étudier la création d’une structure commune (SCIC ou groupement d’employeurs).",
        "porteur",
    ),
    "G": (
        "Établir un budget prévisionnel sur trois ans et diversifier les recettes propres.",
        "porteur",
    ),
    "H": (
        "Lancer l’expérimentation d’un service nouveau avec un partenaire de recherche.",
        "coordination",
    ),
    "I": (
        "Mettre en place une veille partagée et une lettre mensuelle aux membres.",
        "coordination",
    ),
}

DIVERGENCE_COMMENT = (
    "Avis partagés (de {low} à {high}) : le groupe en a débattu et retient la médiane, {score}."
)
