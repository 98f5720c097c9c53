"""The plan of a poles' import: each row matched on its short address, else on its name and
région; placed by the tolerant lookups of `territories.resolve` (at least at région level);
an existing pole only gets the fields it lacks (a file never overwrites what its team wrote)."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from ptce.poles.models import Invitation, PersonRole, Pole, PolePerson
from ptce.territories.resolve import (
    resolve_commune,
    resolve_departement,
    resolve_epci,
    resolve_region,
    territory_suggestions,
)
from ptce.territories.text import normalize, search_key

from .columns import POLE_COLUMNS, map_header, row_values
from .plans import CREATE, Plan, Row, ignored_note, names_list
from .readers import Table

LABEL = {column.key: column.label for column in POLE_COLUMNS}
FILLED_FIELDS = ("website", "contact_email")


def plan_poles(table: Table) -> Plan:
    mapping = map_header(table, POLE_COLUMNS)
    rows = [Row(line, row_values(mapping, cells)) for line, cells in table.rows]
    lookups = _Lookups()
    for row in rows:
        _place(row, lookups)
        _contact(row)
    _match(rows)
    seen: dict[tuple, int] = {}
    for row in rows:
        key = row.data.get("key")
        if key is not None and key in seen:
            row.error("", f"Même pôle que la ligne {seen[key]} : gardez une seule de ces lignes.")
        elif key is not None:
            seen[key] = row.line
        row.settle()
    columns = [c for c in POLE_COLUMNS if c.key in mapping.positions]
    return Plan("poles", columns, rows, table.source, ignored_note(mapping.ignored))


class _Lookups:
    """One lookup per distinct text: a list names the same région sixty times."""

    def __init__(self):
        self.cache = {}

    def get(self, function, text, **scope):
        key = (function.__name__, text, tuple(sorted((k, str(v)) for k, v in scope.items())))
        if key not in self.cache:
            self.cache[key] = function(text, **scope)
        return self.cache[key]


def _same_text(text: str, name: str) -> bool:
    return normalize(text) == normalize(name)


def _place(row: Row, lookups: _Lookups) -> None:
    values = row.values
    name = values.get("name", "")
    if not name:
        row.error(LABEL["name"], "Le nom du pôle est obligatoire.")
    elif len(name) > 200:
        row.error(LABEL["name"], "Le nom du pôle dépasse 200 caractères.")
    region_text = values.get("region", "")
    region = None
    if not region_text:
        row.error(LABEL["region"], "La région est obligatoire : nom ou code.")
    else:
        found = lookups.get(resolve_region, region_text)
        region = found.match
        if region is None and len(found.candidates) == 1:
            region = found.candidates[0]
            row.warn(LABEL["region"], f"« {region_text} » lu comme {region.name} : vérifiez.")
        elif region is None:
            hint = (
                f" Vouliez-vous dire : {names_list(found.candidates)} ?" if found.candidates else ""
            )
            row.error(LABEL["region"], f"« {region_text} » n’est pas une région connue.{hint}")
        elif not _same_text(region_text, region.name) and region_text != region.code:
            row.warn(LABEL["region"], f"« {region_text} » → {region.name}")
    row.data["region"] = region
    departements = []
    if text := values.get("departement", ""):
        found = lookups.get(resolve_departement, text)
        if found.match is None:
            hint = (
                f" Vouliez-vous dire : {names_list(found.candidates)} ?" if found.candidates else ""
            )
            row.warn(
                LABEL["departement"], f"« {text} » n’est pas un département connu : ignoré.{hint}"
            )
        elif region is not None and found.match.region_id != region.pk:
            row.warn(
                LABEL["departement"],
                f"{found.match} n’est pas en région {region.name} : ignoré.",
            )
        else:
            departements = [found.match]
            if not _same_text(text, found.match.name) and text.lstrip(
                "0"
            ) != found.match.code.lstrip("0"):
                row.warn(LABEL["departement"], f"« {text} » → {found.match}")
    row.data["departements"] = departements
    row.data["communes"] = _commune(row, lookups, region, departements)
    row.data["epcis"] = _territory(row, lookups, region, departements)
    if region is not None and not (departements or row.data["communes"] or row.data["epcis"]):
        row.warn("", f"Placé au niveau de la région {region.name} : territoire à préciser.")


def _commune(row: Row, lookups, region, departements) -> list:
    text = row.values.get("commune", "")
    if not text or region is None:
        return []
    if text.isdigit() and len(text) == 4:  # a spreadsheet dropped the leading zero
        text = text.zfill(5)
    found = lookups.get(resolve_commune, text, region=region, departements=tuple(departements))
    label = LABEL["commune"]
    if found.match is not None:
        if found.outside_scope:
            row.warn(label, f"{found.match} n’est pas dans le territoire indiqué : ignorée.")
            return []
        if not _same_text(text, found.match.name) and text != found.match.code:
            row.warn(label, f"« {text} » → {found.match}")
        return [found.match]
    in_scope = [c for c in found.candidates if getattr(c, "place_rank", 2) < 2]
    if len(in_scope) == 1:
        row.warn(label, f"« {text} » lu comme {in_scope[0]} : vérifiez.")
        return in_scope
    if found.candidates:
        row.warn(
            label,
            f"« {text} » : commune non retenue ; communes possibles : "
            f"{names_list(found.candidates)}. Choisissez-la ensuite sur la page du territoire.",
        )
    else:
        row.warn(label, f"« {text} » n’est pas une commune connue : non retenue.")
    return []


def _territory(row: Row, lookups, region, departements) -> list:
    text = row.values.get("territory", "")
    if not text or region is None:
        return []
    label = LABEL["territory"]
    found = lookups.get(resolve_epci, text, region=region, departements=tuple(departements))
    if found.match is not None and not found.outside_scope:
        if not _same_text(text, found.match.name):
            row.warn(label, f"« {text} » → {found.match.name}")
        return [found.match]
    suggestions = lookups.get(
        territory_suggestions, text, region=region, departements=tuple(departements)
    )
    if suggestions:
        names = names_list(suggestions)
        row.warn(label, f"« {text} » n’est pas appliqué ; il pourrait désigner : {names}.")
    else:
        row.warn(label, f"« {text} » n’est pas appliqué : aucun EPCI ni commune reconnu.")
    return []


def _contact(row: Row) -> None:
    website = row.values.get("website", "")
    if website:
        url = website if "://" in website else f"https://{website}"
        try:
            URLValidator()(url)
            row.data["website"] = url
        except ValidationError:
            row.error(LABEL["website"], f"« {website} » n’est pas une adresse de site valide.")
    _email(row, "coordinator_email", into="invite")
    _email(row, "contact_email", into="contact_email")


def _email(row: Row, column: str, *, into: str) -> None:
    value = row.values.get(column, "")
    if not value:
        return
    try:
        validate_email(value)
        row.data[into] = value.lower()
    except ValidationError:
        row.error(LABEL[column], f"« {value} » n’est pas une adresse valide.")


def _match(rows: list[Row]) -> None:
    """Short address first, then name + région; two queries for the whole file."""
    slugs = {r.values["slug"] for r in rows if r.values.get("slug")}
    names = {search_key(r.values.get("name", "")) for r in rows}
    poles = list(
        Pole.objects.filter(Q(slug__in=slugs) | Q(search_name__in=names))
        .select_related("region")
        .prefetch_related("territory_communes", "territory_epcis", "territory_departements")
    )
    by_slug = {p.slug: p for p in poles}
    coordinated = set(
        PolePerson.objects.filter(pole__in=poles, role=PersonRole.COORDINATOR).values_list(
            "pole_id", flat=True
        )
    )
    invited = set(
        Invitation.objects.filter(
            pole__in=poles, accepted_at__isnull=True, expires_at__gt=timezone.now()
        ).values_list("pole_id", "email")
    )
    same_names = poles
    for row in rows:
        region = row.data.get("region")
        key = search_key(row.values.get("name", ""))
        slug = row.values.get("slug", "")
        if slug and slug in by_slug:
            row.target = by_slug[slug]
        elif slug and slugify(slug) != slug:
            row.error(
                LABEL["slug"],
                f"« {slug} » n’est pas une adresse courte (minuscules, chiffres, tirets).",
            )
        elif region is not None:
            row.target = next(
                (p for p in same_names if p.search_name == key and p.region_id == region.pk), None
            )
            others = [p for p in same_names if p.search_name == key and p.region_id != region.pk]
            if row.target is None and others:
                where = names_list(p.region.name if p.region else "sans région" for p in others)
                row.warn(
                    LABEL["name"],
                    f"Un pôle du même nom existe ({where}) : un autre pôle sera créé.",
                )
        row.data["key"] = (
            ("slug", row.target.pk) if row.target else ("new", key, getattr(region, "pk", None))
        )
        if row.target is None:
            row.action = CREATE
            row.changes = ["pôle", *(["invitation"] if row.data.get("invite") else [])]
            continue
        pole = row.target
        row.changes = [
            LABEL[name] for name in FILLED_FIELDS if row.data.get(name) and not getattr(pole, name)
        ]
        has_territory = bool(
            pole.territory_communes.all()
            or pole.territory_epcis.all()
            or pole.territory_departements.all()
        )
        row.data["set_territory"] = not has_territory and bool(
            row.data["communes"] or row.data["epcis"] or row.data["departements"]
        )
        if row.data["set_territory"]:
            row.changes.append("territoire")
        if pole.region_id is None and region is not None:
            row.changes.append(LABEL["region"])
        invite = row.data.get("invite")
        if invite and pole.pk in coordinated:
            row.warn(
                LABEL["coordinator_email"], "Le pôle a déjà sa coordination : pas d’invitation."
            )
        elif invite and (pole.pk, invite) not in invited:
            row.data["send_invite"] = True
            row.changes.append("invitation")
