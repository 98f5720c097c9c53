"""The plan of an organisations' import into one pole: each row matched on its SIRET, else its
RNA number, else its name and commune; completed from the SIRENE copy when its SIRET is known
there; an existing organisation only gets the fields it lacks (the registry is shared: a file
never overwrites what others wrote); its membership of the pole is added when missing."""

import functools

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from ptce.organisations.models import LegalCategory, Organisation, identifier_errors
from ptce.organisations.services_bulk import chunks
from ptce.organisations.sirene import legal_category as sirene_category
from ptce.organisations.validators import normalize_naf, normalize_rna, normalize_siret
from ptce.poles.models import Membership, MembershipRole
from ptce.sirene.codes import HEADCOUNT_BANDS
from ptce.sirene.models import SireneUnit
from ptce.territories.models import Commune
from ptce.territories.resolve import resolve_commune
from ptce.territories.text import normalize, search_key

from .columns import ORGANISATION_COLUMNS, map_header, row_values
from .plans import CREATE, Plan, Row, ignored_note, names_list
from .readers import Table

LABEL = {column.key: column.label for column in ORGANISATION_COLUMNS}
FILLED_FIELDS = (
    "name",
    "legal_category",
    "naf_code",
    "address",
    "headcount_band",
    "website",
    "commune",
    "siret",
    "rna",
)
_CATEGORY_WORDS = {
    "association": LegalCategory.ASSOCIATION,
    "asso": LegalCategory.ASSOCIATION,
    "scic": LegalCategory.SCIC,
    "scop": LegalCategory.SCOP,
    "cooperative": LegalCategory.COOPERATIVE,
    "mutuelle": LegalCategory.MUTUELLE,
    "fondation": LegalCategory.FONDATION,
    "collectivite": LegalCategory.COLLECTIVITE,
    "commune": LegalCategory.COLLECTIVITE,
    "epci": LegalCategory.COLLECTIVITE,
    "universite": LegalCategory.UNIVERSITE,
    "recherche": LegalCategory.RECHERCHE,
    "formation": LegalCategory.FORMATION,
    "sas": LegalCategory.SOCIETE_COMMERCIALE,
    "sarl": LegalCategory.SOCIETE_COMMERCIALE,
    "sa": LegalCategory.SOCIETE_COMMERCIALE,
    "entreprise": LegalCategory.SOCIETE_COMMERCIALE,
    "societe": LegalCategory.SOCIETE_COMMERCIALE,
}
_ROLES = {normalize(label): value for value, label in MembershipRole.choices} | {
    value: value for value in MembershipRole.values
}
_BANDS = {normalize(label): code for code, label in HEADCOUNT_BANDS.items()}


_CATEGORIES = {normalize(label): value for value, label in LegalCategory.choices} | {
    value.replace("_", " "): value for value in LegalCategory.values
}


@functools.lru_cache(maxsize=1024)  # a file has a few distinct wordings, on 50,000 rows
def category_of(text: str) -> str | None:
    key = normalize(text)
    if not key:
        return None
    return _CATEGORIES.get(key) or _CATEGORY_WORDS.get(key.split()[0])


def plan_organisations(table: Table, *, pole) -> Plan:
    mapping = map_header(table, ORGANISATION_COLUMNS)
    rows = [Row(line, row_values(mapping, cells)) for line, cells in table.rows]
    for row in rows:
        _identifiers(row)
    sirens = list({r.data["siret"][:9] for r in rows if r.data.get("siret")})
    units = {
        u.siren: u for part in chunks(sirens) for u in SireneUnit.objects.filter(siren__in=part)
    }
    communes: dict = {}  # one lookup per distinct text: members share a few communes
    for row in rows:
        _fields(row, units.get((row.data.get("siret") or "")[:9]), pole, communes)
    _match(rows, pole)
    seen: dict[tuple, int] = {}
    for row in rows:
        key = row.data.get("key")
        if key in seen:
            row.error(
                "", f"Même organisation que la ligne {seen[key]} : gardez une seule de ces lignes."
            )
        elif key is not None:
            seen[key] = row.line
        row.settle()
    columns = [c for c in ORGANISATION_COLUMNS if c.key in mapping.positions]
    return Plan("organisations", columns, rows, table.source, ignored_note(mapping.ignored))


def _normalised(row: Row, key: str, normalizer) -> str:
    text = row.values.get(key, "")
    if key == "siret" and text.isdigit() and len(text) == 13:
        text = text.zfill(14)  # a spreadsheet dropped the leading zero
    try:
        return normalizer(text)
    except ValidationError as error:
        row.error(LABEL[key], f"« {text} » : {' '.join(error.messages)}")
        return ""


_naf = functools.lru_cache(maxsize=1024)(normalize_naf)  # a few codes on many rows


def _identifiers(row: Row) -> None:
    row.data["siret"] = _normalised(row, "siret", normalize_siret)
    row.data["rna"] = _normalised(row, "rna", normalize_rna)
    row.data["naf_code"] = _normalised(row, "naf_code", _naf)


def _fields(row: Row, unit: SireneUnit | None, pole, communes: dict) -> None:
    values, data = row.values, row.data
    data["name"] = values.get("name", "") or (unit.name if unit else "")
    if not data["name"]:
        row.error(LABEL["name"], "Le nom est obligatoire (ou un SIRET présent dans SIRENE).")
    elif len(data["name"]) > 200:
        row.error(LABEL["name"], "Le nom dépasse 200 caractères.")
    category_text = values.get("legal_category", "")
    category = category_of(category_text)
    if category is None and category_text:
        row.error(
            LABEL["legal_category"],
            f"« {category_text} » n’est pas une catégorie connue : "
            + ", ".join(label.split(" (")[0] for _, label in LegalCategory.choices)
            + ".",
        )
    elif category is None and unit is not None:
        category = sirene_category(unit.legal_form)
    elif category is None:
        row.error(
            LABEL["legal_category"], "Indiquez la catégorie juridique (ex. : Association, SCIC)."
        )
    data["legal_category"] = category or ""
    if category:
        for field, message in identifier_errors(
            category, data["siret"] or None, data["rna"] or None
        ).items():
            row.error(LABEL[field], message)
    if unit is not None:
        data["naf_code"] = data["naf_code"] or _safe(normalize_naf, unit.naf_code)
        row.warn(LABEL["siret"], f"Complété d’après SIRENE : {unit.name}.")
    data["address"] = values.get("address", "") or (unit.address if unit else "")
    band = values.get("headcount_band", "")
    data["headcount_band"] = _band_of(band)
    if band and not data["headcount_band"]:
        row.warn(LABEL["headcount_band"], f"« {band} » n’est pas une tranche INSEE : ignorée.")
    if not band and unit is not None and unit.headcount_band in HEADCOUNT_BANDS:
        data["headcount_band"] = unit.headcount_band
    website = values.get("website", "")
    data["website"] = ""
    if website:
        url = website if "://" in website else f"https://{website}"
        try:
            URLValidator()(url)
            data["website"] = url
        except ValidationError:
            row.error(LABEL["website"], f"« {website} » n’est pas une adresse de site valide.")
    role = values.get("role", "")
    data["role"] = _role_of(role) if role else MembershipRole.MEMBER
    if not data["role"]:
        row.error(LABEL["role"], f"« {role} » : fondateur, membre, partenaire ou financeur.")
    data["commune"] = _commune(row, unit, pole, communes)


@functools.lru_cache(maxsize=1024)
def _band_of(text: str) -> str:
    return text if text in HEADCOUNT_BANDS else _BANDS.get(normalize(text), "")


@functools.lru_cache(maxsize=1024)
def _role_of(text: str) -> str:
    return _ROLES.get(normalize(text), "")


def _safe(normalizer, value) -> str:
    try:
        return normalizer(value)
    except ValidationError:
        return ""


def _commune(row: Row, unit, pole, communes: dict):
    text = row.values.get("commune", "")
    postal = row.values.get("postal_code", "")
    if not text and unit is not None and unit.commune_code:
        key = ("code", unit.commune_code)
        if key not in communes:
            communes[key] = Commune.objects.filter(pk=unit.commune_code).first()
        return communes[key]
    if not text:
        return None
    if text.isdigit() and len(text) == 4:
        text = text.zfill(5)
    query = f"{text} {postal}" if postal and not text.isdigit() else text
    if ("text", query) not in communes:
        communes[("text", query)] = resolve_commune(query, region=pole.region)
    found = communes[("text", query)]
    if found.match is not None:
        return found.match
    if len(found.candidates) == 1:
        row.warn(LABEL["commune"], f"« {text} » lu comme {found.candidates[0]} : vérifiez.")
        return found.candidates[0]
    hint = f" ; possibles : {names_list(found.candidates)}" if found.candidates else ""
    row.warn(LABEL["commune"], f"« {text} » : commune non reconnue, laissée vide{hint}.")
    return None


def _match(rows: list[Row], pole) -> None:
    """SIRET, then RNA, then name + commune: three lookups for the whole file, each for the
    rows the previous ones left unmatched (a re-import reads each organisation once)."""
    for row in rows:
        row.data["search_name"] = search_key(row.data.get("name", ""))
    found: dict = {}  # pk → organisation: one instance per organisation
    by_siret = _found(found, "siret", {r.data["siret"] for r in rows if r.data.get("siret")})
    left = [r for r in rows if r.data.get("siret") not in by_siret]
    by_rna = _found(found, "rna", {r.data["rna"] for r in left if r.data.get("rna")})
    left = [r for r in left if r.data.get("rna") not in by_rna]
    _found(found, "search_name", {r.data["search_name"] for r in left})
    by_name = {(o.search_name, o.commune_id): o for o in found.values()}
    members = set(
        Membership.objects.current().filter(pole=pole).values_list("organisation_id", flat=True)
    )
    for row in rows:
        data = row.data
        commune_id = data["commune"].pk if data.get("commune") else None
        row.target = (
            by_siret.get(data.get("siret"))
            or by_rna.get(data.get("rna"))
            or by_name.get((data["search_name"], commune_id))
        )
        if row.target is None:
            row.action = CREATE
            row.changes = ["organisation", "adhésion"]
            data["key"] = (
                "new",
                data.get("siret"),
                data.get("rna"),
                data["search_name"],
                commune_id,
            )
            continue
        organisation = row.target
        data["key"] = ("existing", organisation.pk)
        data["fill"] = {
            name: data[name]
            for name in FILLED_FIELDS
            if data.get(name) and not getattr(organisation, _ATTRIBUTES.get(name, name))
        }
        if (
            "rna" in data["fill"]
            and (data.get("legal_category") or organisation.legal_category)
            != LegalCategory.ASSOCIATION
        ):
            del data["fill"]["rna"]
        if "legal_category" in data["fill"]:
            del data["fill"]["legal_category"]  # never empty on a saved organisation
        row.changes = [LABEL[name] for name in data["fill"]]
        data["join"] = organisation.pk not in members
        if data["join"]:
            row.changes.append("adhésion")


_ATTRIBUTES = {"commune": "commune_id"}  # whether it is set, without reading the commune


def _found(found: dict, field: str, values: set) -> dict:
    """The organisations whose `field` is one of `values`, by that value; kept in `found`."""
    by_value = {}
    for part in chunks(sorted(values)):  # a query's parameters are capped
        for organisation in Organisation.objects.filter(**{f"{field}__in": part}):
            organisation = found.setdefault(organisation.pk, organisation)
            by_value[getattr(organisation, field)] = organisation
    return by_value
