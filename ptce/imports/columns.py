"""The documented columns of each import, matched to a file's header whatever its case,
accents or wording (« Région », « REGION », « région du pôle »…)."""

from dataclasses import dataclass

from ptce.territories.text import normalize

from .readers import FileProblem, Table


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # as the template and the problems name it
    help: str
    aliases: tuple[str, ...] = ()
    required: bool = False


POLE_COLUMNS = (
    Column(
        "name",
        "Nom",
        "Nom du pôle (obligatoire).",
        ("nom du pole", "pole", "ptce", "nom du ptce", "denomination"),
        True,
    ),
    Column(
        "slug",
        "Adresse courte",
        "L’adresse courte d’un pôle existant, pour le mettre à jour.",
        ("slug", "identifiant"),
    ),
    Column(
        "region",
        "Région",
        "Nom ou code de la région (obligatoire) ; les anciens noms sont compris.",
        ("region du pole",),
        True,
    ),
    Column(
        "departement",
        "Département",
        "Nom ou numéro du département.",
        ("dept", "dep", "numero de departement"),
    ),
    Column(
        "commune",
        "Commune",
        "Nom ou code INSEE de la commune principale.",
        ("ville", "code insee", "commune principale"),
    ),
    Column(
        "territory",
        "Territoire",
        "EPCI ou territoire en clair (proposé, jamais appliqué sans EPCI reconnu).",
        ("epci", "perimetre", "intercommunalite"),
    ),
    Column("website", "Site internet", "Adresse du site.", ("site web", "site", "url")),
    Column(
        "contact_email",
        "Courriel de contact",
        "Courriel public du pôle.",
        ("courriel", "email", "e mail", "mail", "adresse electronique"),
    ),
    Column(
        "coordinator_email",
        "Courriel de la coordination",
        "La future coordination d’un pôle créé ou sans coordination : elle reçoit une "
        "invitation à le coordonner.",
        ("coordination", "coordinateur", "coordinatrice", "courriel du coordinateur"),
    ),
)

ORGANISATION_COLUMNS = (
    Column(
        "name",
        "Nom",
        "Raison sociale ou nom d’usage (obligatoire sauf SIRET trouvé dans SIRENE).",
        ("raison sociale", "denomination", "organisation", "structure", "nom de la structure"),
    ),
    Column("siret", "SIRET", "14 chiffres, espaces permis.", ("numero siret", "n siret")),
    Column(
        "rna", "RNA", "Numéro RNA d’une association (W + 9 caractères).", ("numero rna", "n rna")
    ),
    Column(
        "legal_category",
        "Catégorie juridique",
        "Association, SCIC, SCOP, coopérative, mutuelle, fondation, société commerciale…",
        ("categorie", "statut", "forme juridique", "statut juridique"),
    ),
    Column("naf_code", "Code NAF", "Code APE, ex. 88.99B.", ("naf", "ape", "code ape")),
    Column("address", "Adresse", "Adresse du siège.", ("adresse du siege",)),
    Column("postal_code", "Code postal", "Code postal du siège.", ("cp",)),
    Column(
        "commune",
        "Commune",
        "Commune du siège (nom ou code INSEE).",
        ("ville", "commune du siege", "code insee"),
    ),
    Column(
        "headcount_band",
        "Tranche d’effectif",
        "Code INSEE (ex. 11) ou libellé (« 10 à 19 salariés »).",
        ("effectif", "tranche d effectif salarie", "tranche effectif"),
    ),
    Column("website", "Site internet", "Adresse du site.", ("site web", "site", "url")),
    Column(
        "role",
        "Rôle dans le pôle",
        "Fondateur, membre, partenaire ou financeur (membre par défaut).",
        ("role",),
    ),
)


@dataclass
class Mapping:
    positions: dict[str, int]  # column key → position in the file
    ignored: list[str]  # the file's headers that name no column


def map_header(table: Table, columns) -> Mapping:
    by_name = {}
    for column in columns:
        for name in (column.label, column.key, *column.aliases):
            by_name.setdefault(normalize(name), column)
    positions, ignored = {}, []
    for position, title in enumerate(table.header):
        column = by_name.get(normalize(title))
        if column is None or column.key in positions:
            if title.strip():
                ignored.append(title.strip())
            continue
        positions[column.key] = position
    missing = [c.label for c in columns if c.required and c.key not in positions]
    if missing:
        expected = ", ".join(f"« {c.label} »" for c in columns)
        found = ", ".join(f"« {t} »" for t in table.header if t.strip()) or "aucune"
        raise FileProblem(
            f"Colonne{'s' if len(missing) > 1 else ''} obligatoire"
            f"{'s' if len(missing) > 1 else ''} absente{'s' if len(missing) > 1 else ''} : "
            f"{', '.join(f'« {m} »' for m in missing)}. Colonnes trouvées : {found}. "
            f"Colonnes attendues (la première ligne du fichier) : {expected}. Le modèle à "
            "télécharger les contient toutes."
        )
    return Mapping(positions, ignored)


def row_values(mapping: Mapping, cells: list[str]) -> dict[str, str]:
    return {key: cells[position].strip() for key, position in mapping.positions.items()}
