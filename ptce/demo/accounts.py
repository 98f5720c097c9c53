"""The demo accounts (`data/accounts.yaml`): platform and State staff, and the people of each pole.

Every account shares one public password, printed by `manage.py demo_load`: these are demo
accounts and must never exist on a production database (the command refuses when DEBUG is off).
"""

from django.utils.text import slugify

from .files import build, read
from .spec import Person, PoleSpec, StaffAccount

_ACCOUNTS = read("accounts.yaml")
DOMAIN: str = _ACCOUNTS["domain"]
DEMO_PASSWORD: str = _ACCOUNTS["password"]
STAFF: tuple[StaffAccount, ...] = tuple(build(StaffAccount, row) for row in _ACCOUNTS["staff"])
NATIONAL_CELL = next(account for account in STAFF if account.is_national_instructor)
# One account per role, printed at the end of `demo_load`: (role, email). The parentheses say
# what is waiting for that account in the demo.
ROLE_ACCOUNTS: tuple[tuple[str, str], ...] = tuple(tuple(row) for row in _ACCOUNTS["role_accounts"])


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
