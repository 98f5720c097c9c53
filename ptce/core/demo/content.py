"""All the demo poles, and the organisations they name (each once, checked for consistency)."""

from collections import Counter

from . import poles_est, poles_nouvelle_aquitaine, poles_occitanie, poles_ouest, poles_sud_est
from .spec import Org, PoleSpec

POLES: tuple[PoleSpec, ...] = (
    *poles_occitanie.POLES,
    *poles_ouest.POLES,
    *poles_nouvelle_aquitaine.POLES,
    *poles_sud_est.POLES,
    *poles_est.POLES,
)


class ContentError(ValueError):
    """The demo content contradicts itself (a bug in these modules, not in the database)."""


def organisations() -> dict[str, Org]:
    """Every organisation by name. One named in several poles must be described identically,
    and no two organisations may share a SIRET or an RNA number."""
    found: dict[str, Org] = {}
    for pole in POLES:
        for membership in pole.members:
            org = found.setdefault(membership.org.name, membership.org)
            if org != membership.org:
                raise ContentError(f"« {org.name} » est décrite de deux façons différentes.")
    for identifier in ("siret", "rna_number"):
        counts = Counter(getattr(org, identifier) for org in found.values())
        twins = sorted(value for value, n in counts.items() if value and n > 1)
        if twins:
            raise ContentError(f"Identifiant en double dans la démonstration : {twins}")
    return found
