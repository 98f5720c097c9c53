"""Write the demo content (`manage.py demo_load`): idempotent, all in one transaction.

Organisations are keyed on their SIRET, poles on their slug, accounts on their email, places on
(pole, name), memberships on (pole, organisation), pole roles on (pole, person). A second run
updates what differs and writes nothing else: no duplicate, no new history row.

Then the life of the poles (`life.py`: needs, topics, action plan, resources, meetings, join
requests), their ECARTS evaluations (`evaluations.py`) and the State calls (`calls.py`), written
through the services of `cooperation`, `assessments` and `calls`. The evaluations need the
ECARTS référentiel: `demo_load` refuses, saying to run `manage.py referentiel_load`, when it is
not loaded (like the geography, reference data is loaded by its own command, never behind the
user's back).
"""

import hashlib
import time
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ptce.assessments.models import Evaluation, EvaluationState, Referentiel
from ptce.assessments.referentiel.services import DEFAULT_CODE
from ptce.core.invalidation import everything_changed
from ptce.organisations.models import Organisation
from ptce.poles.location import poles_locate
from ptce.poles.models import (
    Membership,
    PersonRole,
    Place,
    Pole,
    PolePerson,
    Sector,
    Verification,
)
from ptce.poles.services import pole_territory_set
from ptce.sirene.services import sirene_load
from ptce.territories.models import Commune, Departement

from . import awards, calls, evaluations, life, proposals, sirene
from .accounts import DEMO_PASSWORD, DOMAIN, STAFF, pole_people
from .content import POLES, organisations
from .files import ContentError
from .geography import COMMUNES, required_commune_codes, required_departement_codes
from .spec import PlaceSpec, PoleSpec, Territory

# One fixed salt for every demo account: the password is public anyway, and a stable hash lets
# a rerun see that nothing changed (and costs one hashing, not one per account).
_SALT = hashlib.sha256(b"ptce-demo-accounts").hexdigest()[:24]
SIRENE_KIND = "unités SIRENE fictives"
# What the summary counts, and whether the French word is feminine (for the agreement).
KINDS = {
    "pôles": False,
    "organisations": True,
    "adhésions": True,
    "lieux": False,
    "comptes": False,
    "rôles dans les pôles": False,
    **life.KINDS,
    **evaluations.KINDS,
    **calls.KINDS,
    **proposals.KINDS,
    SIRENE_KIND: True,
    **awards.KINDS,
}


class DemoError(Exception):
    """The demo cannot be loaded on this database; the message says why, in French."""


@dataclass
class Report:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    regions: int = 0
    published: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def total(self, kind: str) -> int:
        return self.created[kind] + self.updated[kind] + self.unchanged[kind]

    def lines(self) -> list[str]:
        poles = self.total("pôles")
        drafts = poles - self.published
        lines = [
            f"Données de démonstration chargées en {self.seconds:.1f} s : {poles} pôles "
            f"({self.published} publiés, {drafts} brouillon{'s' if drafts > 1 else ''}) "
            f"dans {self.regions} régions."
        ]
        for kind, feminine in KINDS.items():
            e, updated = ("e", "mises") if feminine else ("", "mis")
            lines.append(
                f"  {kind} : {self.total(kind)} ({self.created[kind]} créé{e}s, "
                f"{self.updated[kind]} {updated} à jour, {self.unchanged[kind]} inchangé{e}s)"
            )
        return lines + self.notes


def check_ready() -> None:
    """Refuse, with the command to run, when the geography or the filières are missing."""
    codes = required_commune_codes()
    found = set(Commune.objects.filter(code__in=codes).values_list("code", flat=True))
    departements = required_departement_codes()
    found_departements = set(
        Departement.objects.filter(code__in=departements).values_list("code", flat=True)
    )
    missing = sorted(set(codes) - found) + sorted(set(departements) - found_departements)
    if missing:
        situation = (
            "La géographie officielle n’est pas chargée"
            if not found
            else f"Il manque {len(missing)} commune(s) ou département(s) à la géographie "
            f"chargée (par ex. {', '.join(missing[:5])})"
        )
        raise DemoError(
            f"{situation} : les données de démonstration situent organisations, lieux et "
            "territoires dans des communes réelles.\nLancez d’abord : manage.py territories_load"
        )
    sectors = {slug for pole in POLES for slug in pole.sectors}
    if Sector.objects.filter(slug__in=sectors).count() != len(sectors):
        raise DemoError(
            "Les filières de référence ne sont pas chargées.\nLancez d’abord : manage.py migrate"
        )
    if not Referentiel.objects.filter(code=DEFAULT_CODE).exists():
        raise DemoError(
            f"Le référentiel ECARTS (« {DEFAULT_CODE} ») n’est pas chargé : les évaluations de "
            "démonstration reposent sur lui.\nLancez d’abord : manage.py referentiel_load"
        )


def load(*, password: str = DEMO_PASSWORD) -> Report:
    started = time.monotonic()
    check_ready()
    try:
        orgs_by_name = organisations()
    except ContentError as error:
        raise DemoError(str(error)) from error
    report = Report()
    with transaction.atomic():
        communes = Commune.objects.in_bulk(required_commune_codes())
        orgs = _load_organisations(report, orgs_by_name)
        users = _load_users(report, make_password(password, salt=_SALT))
        existing = Pole.objects.in_bulk([pole.slug for pole in POLES], field_name="slug")
        poles = [
            _load_pole(report, spec, existing.get(spec.slug), orgs, users, communes)
            for spec in POLES
        ]
        proposals.load(report, orgs=orgs, users=users)
        _load_life_and_evaluations(report, poles, users)
        _load_sirene(report)
        # Places are written in bulk, past `place_save`: their poles' points computed once.
        poles_locate(Pole.objects.filter(pk__in=[pole.pk for pole in poles]))
        everything_changed()  # bulk writes: every public entry recomputes
    report.regions = len({pole.region_id for pole in poles if pole.region_id})
    report.published = sum(pole.is_published for pole in poles)
    report.seconds = time.monotonic() - started
    return report


def _load_life_and_evaluations(report: Report, poles: list[Pole], users: dict) -> None:
    now = timezone.now()
    context = {
        "poles": {pole.slug: pole for pole in poles},
        "pole_specs": {spec.slug: spec for spec in POLES},
        "users": users,
        "now": now,
    }
    referentiel = Referentiel.objects.get(code=DEFAULT_CODE)
    try:
        life.load(report, **context)
        evaluations.load(report, referentiel=referentiel, **context)
        calls.load(report, **context)
        awards.load(report, **context)
    except ContentError as error:
        raise DemoError(str(error)) from error
    states = Counter(Evaluation.objects.filter(pole__in=poles).values_list("state", flat=True))
    published = Evaluation.objects.filter(pole__in=poles, is_public=True).count()
    opened = states[EvaluationState.OPEN]
    report.notes.append(
        f"  dont {states[EvaluationState.VALIDATED]} validées ({published} radars publiés), "
        f"{opened} ouverte{'s' if opened > 1 else ''} aux évaluateurs et "
        f"{states[EvaluationState.CONSOLIDATION]} en consolidation"
    )


def _load_sirene(report: Report) -> None:
    """The fictitious SIRENE extract, so that the search of the member-add page suggests."""
    loaded = sirene_load(paths=sorted(sirene.DATA_DIR.glob("*.csv")))
    report.created[SIRENE_KIND] += loaded.created
    report.updated[SIRENE_KIND] += loaded.updated + loaded.removed
    report.unchanged[SIRENE_KIND] += loaded.unchanged


def _save(report: Report, kind: str, obj, model, lookup: dict, values: dict):
    """Create `model(**lookup, **values)`, or update `obj` where it differs from `values`."""
    if obj is None:
        obj, counter = model(**lookup, **values), report.created
    else:
        changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
        if not changed:
            report.unchanged[kind] += 1
            return obj
        for name, value in changed.items():
            setattr(obj, name, value)
        counter = report.updated
    # Each field and the model's own rules (SIRET, NAF, RNA, identifiers by category…) are
    # checked; references and uniqueness need no query here: the lookups above and
    # `check_ready` guarantee them, and skipping them keeps the load fast on PostgreSQL.
    references = [f.name for f in model._meta.concrete_fields if f.is_relation]
    try:
        obj.full_clean(exclude=references, validate_unique=False, validate_constraints=False)
    except ValidationError as error:  # a mistake in the demo content: say where
        problems = " ".join(error.messages)
        raise DemoError(f"{model._meta.verbose_name} « {obj} » : {problems}") from error
    obj.save()
    counter[kind] += 1
    return obj


def _load_organisations(report: Report, specs: dict) -> dict[str, Organisation]:
    existing = Organisation.objects.in_bulk(
        [org.siret for org in specs.values()], field_name="siret"
    )
    saved = {}
    for name, org in specs.items():
        values = {
            "name": name,
            "legal_category": org.category,
            "ess_quality": org.ess_quality,
            "naf_code": org.naf,
            "commune_id": org.commune,
            "rna": org.rna_number,
            "website": org.website,
        }
        lookup = {"siret": org.siret}
        existing_org = existing.get(org.siret)
        saved[name] = _save(report, "organisations", existing_org, Organisation, lookup, values)
    return saved


def _wanted_accounts() -> tuple[dict[str, dict], dict[str, tuple[str, ...]]]:
    """Account fields by email, and the régions of the instructors."""
    wanted, regions = {}, {}
    for account in STAFF:
        wanted[account.email] = {
            "first_name": account.first_name,
            "last_name": account.last_name,
            "organisation_label": account.organisation_label,
            "is_staff": account.is_superuser,
            "is_superuser": account.is_superuser,
            "is_instructor": account.is_instructor,
            "is_national_instructor": account.is_national_instructor,
        }
        regions[account.email] = account.regions
    for pole in POLES:
        for email, person, _ in pole_people(pole):
            values = {
                "first_name": person.first_name,
                "last_name": person.last_name,
                "organisation_label": "",
                "is_staff": False,
                "is_superuser": False,
                "is_instructor": False,
                "is_national_instructor": False,
            }
            if wanted.setdefault(email, values) != values:
                raise DemoError(f"Le compte {email} est décrit de deux façons différentes.")
    return wanted, regions


def _load_users(report: Report, password_hash: str) -> dict:
    User = get_user_model()
    wanted, regions = _wanted_accounts()
    existing = User.objects.in_bulk(list(wanted), field_name="email")
    users = {}
    for email, values in wanted.items():
        values = {**values, "is_active": True, "password": password_hash}
        user = _save(report, "comptes", existing.get(email), User, {"email": email}, values)
        if email in regions:
            user.instructor_regions.set(regions[email])
        users[email] = user
    return users


def _load_pole(report: Report, spec: PoleSpec, pole, orgs, users, communes) -> Pole:
    values = {
        "name": spec.name,
        "summary": spec.summary,
        "description": spec.description,
        "carrier_id": orgs[spec.carrier.name].pk,
        "creation_year": spec.creation_year,
        "form": spec.form,
        "scale": spec.scale,
        "area_type": spec.area_type,
        "charter_signed_on": spec.charter_signed_on,
        "contact_email": f"contact.{spec.slug}@{DOMAIN}",
        "contact_phone": spec.contact_phone,
        "stage": spec.stage,
        "verification": Verification.VERIFIED if spec.verified else Verification.DECLARED,
        "is_published": spec.is_published,
    }
    pole = _save(report, "pôles", pole, Pole, {"slug": spec.slug}, values)
    pole.sectors.set(spec.sectors)
    _set_territory(pole, spec.territory, communes)
    memberships = _load_memberships(report, pole, spec, orgs)
    for place in spec.places:
        _load_place(report, pole, place, communes[place.commune])
    _load_people(report, pole, spec, memberships, users)
    return pole


def _set_territory(pole: Pole, territory: Territory, communes: dict) -> None:
    """An EPCI is named by one of its communes; without EPCI data, the commune stands in."""
    epcis = {communes[code].epci_id for code in territory.epci_of} - {None}
    stand_ins = {code for code in territory.epci_of if communes[code].epci_id is None}
    wanted = (set(territory.communes) | stand_ins, epcis, set(territory.departements))
    current = (
        set(pole.territory_communes.values_list("pk", flat=True)),
        set(pole.territory_epcis.values_list("pk", flat=True)),
        set(pole.territory_departements.values_list("pk", flat=True)),
    )
    if wanted != current or pole.region_id is None:
        communes_, epcis_, departements = (sorted(codes) for codes in wanted)
        pole_territory_set(pole=pole, communes=communes_, epcis=epcis_, departements=departements)


def _load_memberships(report: Report, pole: Pole, spec: PoleSpec, orgs) -> dict[str, Membership]:
    existing = {m.organisation_id: m for m in Membership.objects.current().filter(pole=pole)}
    saved = {}
    for member in spec.members:
        org = orgs[member.org.name]
        lookup = {"pole_id": pole.pk, "organisation_id": org.pk}
        values = {"role": member.role, "joined_on": member.joined_on}
        saved[org.name] = _save(
            report, "adhésions", existing.get(org.pk), Membership, lookup, values
        )
    return saved


def _coordinates(place: PlaceSpec, commune: Commune) -> tuple[float, float]:
    """The commune's point, moved by a few hundred metres so that places do not overlap."""
    fallback = COMMUNES.get(commune.code, ("", 0.0, 0.0))
    latitude = commune.latitude if commune.latitude is not None else fallback[1]
    longitude = commune.longitude if commune.longitude is not None else fallback[2]
    digest = hashlib.sha256(place.name.encode()).digest()
    shift_north, shift_east = (digest[0] - 128) / 128 * 0.006, (digest[1] - 128) / 128 * 0.008
    return round(latitude + shift_north, 5), round(longitude + shift_east, 5)


def _load_place(report: Report, pole: Pole, place: PlaceSpec, commune: Commune) -> None:
    latitude, longitude = _coordinates(place, commune)
    values = {
        "address": place.address,
        "commune_id": commune.code,
        "latitude": latitude,
        "longitude": longitude,
        "is_public_access": place.is_public_access,
        "is_main": place.is_main,
    }
    existing = pole.places.filter(name=place.name).first()
    _save(report, "lieux", existing, Place, {"pole_id": pole.pk, "name": place.name}, values)


def _load_people(report: Report, pole: Pole, spec: PoleSpec, memberships, users) -> None:
    existing = {person.user_id: person for person in pole.people.all()}
    for email, person, is_coordinator in pole_people(spec):
        organisation = person.organisation or spec.carrier.name
        if organisation not in memberships:
            raise DemoError(f"{email} agit pour « {organisation} », qui n’est pas membre.")
        user = users[email]
        values = {
            "role": PersonRole.COORDINATOR if is_coordinator else PersonRole.MEMBER,
            "membership_id": memberships[organisation].pk,
        }
        lookup = {"pole_id": pole.pk, "user_id": user.pk}
        _save(report, "rôles dans les pôles", existing.get(user.pk), PolePerson, lookup, values)
