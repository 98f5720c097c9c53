"""The demo content read from `data/`: poles, their life, evaluations, calls and applications.

Organisations are described in the poles' member tables, each once or identically (checked by
`organisations`).
"""

from collections import Counter

from .files import ContentError, build, read
from .spec import Org, PoleSpec, members_table
from .spec_life import ApplicationSpec, CallSpec, EvaluationSpec, LifeSpec

__all__ = ["APPLICATIONS", "CALLS", "EVALUATIONS", "LIVES", "POLES", "ContentError"]

POLES: tuple[PoleSpec, ...] = tuple(
    build(PoleSpec, {**pole, "members": members_table(pole["members"])}) for pole in read("poles")
)
LIVES: tuple[LifeSpec, ...] = tuple(build(LifeSpec, life) for life in read("life"))
EVALUATIONS: tuple[EvaluationSpec, ...] = tuple(
    build(EvaluationSpec, evaluation) for evaluation in read("evaluations.yaml")
)
_CALLS = read("calls.yaml")
CALLS: tuple[CallSpec, ...] = tuple(
    build(
        CallSpec,
        {
            **call,
            "phases": [
                {
                    **phase,
                    "sections": _CALLS["forms"][phase["sections"]],
                    "criteria": _CALLS["grids"][phase["criteria"]],
                }
                for phase in call["phases"]
            ],
        },
    )
    for call in _CALLS["calls"]
)
APPLICATIONS: tuple[ApplicationSpec, ...] = tuple(
    build(ApplicationSpec, application) for application in _CALLS["applications"]
)
ANSWERS: dict = _CALLS["answers"]


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
