"""The shapes of the demo poles and accounts, and the stable identifiers of their organisations.

`content` reads `data/poles/` into these frozen dataclasses; the loader turns them into rows.
SIRET and RNA numbers are derived from the organisation's name, so that they are the same on
every run (the loader keys organisations on their SIRET) and valid for python-stdnum.
"""

import hashlib
from dataclasses import dataclass
from datetime import date

from stdnum import luhn

from ptce.organisations.models import LegalCategory
from ptce.poles.models import MembershipRole

# La Poste's SIREN follows another check rule: never generate it.
_LA_POSTE_SIREN_BASE = "35600000"
_SIREN_PREFIXES = {LegalCategory.COLLECTIVITE: "2", LegalCategory.UNIVERSITE: "19"}


def _digest(kind: str, seed: str) -> int:
    return int(hashlib.sha256(f"ptce-demo:{kind}:{seed}".encode()).hexdigest(), 16)


def demo_siret(seed: str, legal_category: str = "") -> str:
    """A valid, fictitious SIRET (Luhn-checked SIREN and SIRET), always the same for `seed`.

    Public bodies get the first digits their real SIREN would have (2 for a local authority,
    19 for a university), the others a first digit between 3 and 9.
    """
    digest = _digest("siret", seed)
    prefix = _SIREN_PREFIXES.get(legal_category, str(3 + digest % 7))
    body = f"{digest // 10 % 10**8:08d}"
    siren_base = (prefix + body)[:8]
    if siren_base == _LA_POSTE_SIREN_BASE:
        siren_base = "4" + siren_base[1:]
    siren = siren_base + luhn.calc_check_digit(siren_base)
    nic_base = f"{digest // 10**10 % 40 + 1:04d}"  # establishments 0001…0040, as often seen
    candidate = siren + nic_base
    return candidate + luhn.calc_check_digit(candidate)


def demo_rna(seed: str, commune_code: str) -> str:
    """A well-formed, fictitious RNA number: W, the département's registry, 6 digits."""
    departement = departement_code(commune_code)
    registry = departement if len(departement) == 3 else departement + "1"
    return f"W{registry}{_digest('rna', seed) % 10**6:06d}"


def departement_code(commune_code: str) -> str:
    """The INSEE code of a commune's département: 2 characters, 3 overseas (97x)."""
    return commune_code[:3] if commune_code.startswith("97") else commune_code[:2]


@dataclass(frozen=True)
class Org:
    """An organisation: `commune` is an INSEE code, `rna` asks for an RNA number."""

    name: str
    category: str
    naf: str
    commune: str
    rna: bool = False
    ess_quality: bool = False
    website: str = ""

    @property
    def siret(self) -> str:
        return demo_siret(self.name, self.category)

    @property
    def rna_number(self) -> str | None:
        return demo_rna(self.name, self.commune) if self.rna else None


@dataclass(frozen=True)
class Member:
    org: Org
    role: str
    joined_on: date


# Short names for the category column of member tables.
CATEGORIES = {
    "asso": LegalCategory.ASSOCIATION,
    "coop": LegalCategory.COOPERATIVE,
    "scic": LegalCategory.SCIC,
    "scop": LegalCategory.SCOP,
    "mutu": LegalCategory.MUTUELLE,
    "fond": LegalCategory.FONDATION,
    "soc": LegalCategory.SOCIETE_COMMERCIALE,
    "coll": LegalCategory.COLLECTIVITE,
    "univ": LegalCategory.UNIVERSITE,
    "rech": LegalCategory.RECHERCHE,
    "form": LegalCategory.FORMATION,
}
# Flags: "rna" gives the association an RNA number, "esus" gives a commercial company the ESS
# quality (art. 1 of the 2014 law), "-" is neither.
FLAGS = {"-": {}, "rna": {"rna": True}, "esus": {"ess_quality": True}}


def members_table(text: str) -> tuple[Member, ...]:
    """Members written one per line, as a table (`members` of a pole in `data/poles/`):

        category  NAF  commune (INSEE)  role  joined on  flags  name

    e.g. `asso 38.32Z 09122 fondateur  2014-03-10 rna  Recyclerie du Pays de Foix`. The same
    organisation may appear in several poles: same name, same columns.
    """
    members = []
    for line in text.strip().splitlines():
        category, naf, commune, role, joined_on, flags, name = line.split(maxsplit=6)
        if category not in CATEGORIES or flags not in FLAGS or role not in MembershipRole.values:
            raise ValueError(f"Ligne de membre invalide : {line!r}")
        org = Org(name.strip(), CATEGORIES[category], naf, commune, **FLAGS[flags])
        members.append(Member(org, MembershipRole(role), date.fromisoformat(joined_on)))
    return tuple(members)


@dataclass(frozen=True)
class PlaceSpec:
    name: str
    address: str
    commune: str
    is_main: bool = False
    is_public_access: bool = True


@dataclass(frozen=True)
class Territory:
    """Communes, EPCI or départements; `epci_of` names the EPCI by one of its communes."""

    communes: tuple[str, ...] = ()
    epci_of: tuple[str, ...] = ()
    departements: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    """A person acting in a pole. `email` defaults to prenom.nom@demo.ptce.fr."""

    first_name: str
    last_name: str
    organisation: str = ""  # the name of the member organisation they act for
    email: str = ""


@dataclass(frozen=True)
class PoleSpec:
    """A pole. Its first member is its carrier organisation."""

    slug: str
    name: str
    summary: str
    description: str
    form: str
    sectors: tuple[str, ...]
    stage: int
    scale: str
    area_type: str
    creation_year: int
    territory: Territory
    places: tuple[PlaceSpec, ...]
    members: tuple[Member, ...]
    coordinator: Person
    contacts: tuple[Person, ...]
    charter_signed_on: date | None = None
    is_published: bool = True
    verified: bool = True  # False: declared, awaiting an instructor of its région
    contact_phone: str = ""

    @property
    def carrier(self) -> Org:
        return self.members[0].org


@dataclass(frozen=True)
class StaffAccount:
    """A platform or State account (`data/accounts.yaml`); instructors name their régions."""

    email: str
    first_name: str
    last_name: str
    organisation_label: str = ""
    is_superuser: bool = False
    is_instructor: bool = False
    is_national_instructor: bool = False
    regions: tuple[str, ...] = ()
