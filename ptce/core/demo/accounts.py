"""The demo accounts: platform and State staff, and the people of each pole.

Every account shares one public password, printed by `manage.py demo_load`: these are demo
accounts and must never exist on a production database (the command refuses when DEBUG is off).
"""

from dataclasses import dataclass

from django.utils.text import slugify

from . import poles_occitanie, poles_ouest
from .spec import Person, PoleSpec

DOMAIN = "demo.ptce.fr"
DEMO_PASSWORD = "demo-ptce-2026"  # noqa: S105 (public, printed demo password)


@dataclass(frozen=True)
class StaffAccount:
    email: str
    first_name: str
    last_name: str
    organisation_label: str = ""
    is_superuser: bool = False
    is_instructor: bool = False
    is_national_instructor: bool = False
    regions: tuple[str, ...] = ()


ADMIN = StaffAccount(
    f"admin@{DOMAIN}", "Dominique", "Garnier", "Équipe de la plateforme PTCE", is_superuser=True
)
INSTRUCTOR_OCCITANIE = StaffAccount(
    f"instruction.occitanie@{DOMAIN}",
    "Véronique",
    "Alibert",
    "DREETS Occitanie — service de l’économie sociale et solidaire",
    is_instructor=True,
    regions=("76",),
)
INSTRUCTOR_BRETAGNE = StaffAccount(
    f"instruction.bretagne@{DOMAIN}",
    "Ronan",
    "Le Floch",
    "DREETS Bretagne — service de l’économie sociale et solidaire",
    is_instructor=True,
    regions=("53",),
)
NATIONAL_CELL = StaffAccount(
    f"cellule.nationale@{DOMAIN}",
    "Hugo",
    "Besson",
    "Cellule nationale d’animation des PTCE",
    is_instructor=True,
    is_national_instructor=True,
)
VISITOR = StaffAccount(f"visiteur@{DOMAIN}", "Inès", "Petit")

STAFF = (ADMIN, INSTRUCTOR_OCCITANIE, INSTRUCTOR_BRETAGNE, NATIONAL_CELL, VISITOR)


def coordinator_email(pole: PoleSpec) -> str:
    return f"coordination.{pole.slug}@{DOMAIN}"


def person_email(person: Person) -> str:
    return person.email or f"{slugify(person.first_name)}.{slugify(person.last_name)}@{DOMAIN}"


def pole_people(pole: PoleSpec) -> list[tuple[str, Person, bool]]:
    """(email, person, is_coordinator) for everyone acting in the pole."""
    coordinator = pole.coordinator
    people = [(coordinator_email(pole), coordinator, True)]
    people += [(person_email(contact), contact, False) for contact in pole.contacts]
    return people


_FOIX = poles_occitanie.REEMPLOI_FOIX
_TREGOR = poles_ouest.ENERGIES_TREGOR
_BOCAGE = poles_ouest.MOBILITES_BOCAGE
_MONTPELLIER = poles_occitanie.NUMERIQUE_MONTPELLIER

# One account per role, printed at the end of `demo_load`: (role, email). The parentheses say
# what is waiting for that account in the demo (see `evaluations_content` and `life_*`).
ROLE_ACCOUNTS = (
    ("Administration de la plateforme", ADMIN.email),
    ("Coordination (Pays de Foix, pôle reconnu)", coordinator_email(_FOIX)),
    ("Membre (Pays de Foix, feuille ECARTS à remplir)", person_email(_FOIX.contacts[0])),
    (
        "Coordination (Trégor, évaluation à consolider) et membre (Morlaix)",
        coordinator_email(_TREGOR),
    ),
    ("Coordination (Bocage, demandes d’adhésion)", coordinator_email(_BOCAGE)),
    ("Coordination (Montpellier, candidature AMI en brouillon)", coordinator_email(_MONTPELLIER)),
    ("Instruction régionale (Occitanie, alerte d’animation)", INSTRUCTOR_OCCITANIE.email),
    ("Instruction régionale (Bretagne, candidature à instruire)", INSTRUCTOR_BRETAGNE.email),
    ("Cellule nationale (proposition à décider)", NATIONAL_CELL.email),
    ("Visiteur (sans rôle)", VISITOR.email),
)
