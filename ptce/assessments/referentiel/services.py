"""Loading a version of the ECARTS référentiel from its data file (the only write path).

A version is identified by its code. Loading is idempotent: the same content twice writes
nothing. A version used by an evaluation is never changed: loading different content under its
code is refused, the new content must get a new code. A version no evaluation uses yet is
replaced by the file's content when the file changes (edits made in the admin are kept as long
as the file itself does not change).
"""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from ptce.core.invalidation import FIGURES, REFERENTIELS, invalidate

from ..models import (
    Criterion,
    GeneralObjective,
    LevelDescriptor,
    LexiconTerm,
    PrincipalObjective,
    Referentiel,
)
from .loader import ReferentielFileError, referentiel_read

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_CODE = "ecarts-generique"
DEFAULT_DATA_FILE = DATA_DIR / f"{DEFAULT_CODE}.json"

CREATED = "créé"
UPDATED = "mis à jour"
UNCHANGED = "inchangé"

__all__ = [
    "DATA_DIR",
    "DEFAULT_CODE",
    "DEFAULT_DATA_FILE",
    "ReferentielFileError",
    "ReferentielInUseError",
    "ReferentielLoadResult",
    "data_files",
    "referentiel_load",
    "referentiel_make_default",
    "referentiel_snapshot",
]


class ReferentielInUseError(ReferentielFileError):
    """The file changes a version that an evaluation already uses."""


@dataclass(frozen=True)
class ReferentielLoadResult:
    referentiel: Referentiel
    status: str  # CREATED, UPDATED or UNCHANGED


def data_files() -> list[Path]:
    """The référentiel files shipped with the platform, in a stable order."""
    return sorted(DATA_DIR.glob("*.json"))


@transaction.atomic
def referentiel_load(*, source: "str | Path | dict") -> ReferentielLoadResult:
    """Load one version from a file path or an already decoded dict; see the module docstring."""
    content = referentiel_read(source)
    is_default = content.pop("is_default")
    digest = _digest(content)
    referentiel = Referentiel.objects.select_for_update().filter(code=content["code"]).first()
    if referentiel is None:
        referentiel = Referentiel()
        _write(referentiel, content, digest)
        status = CREATED
    elif referentiel.source_digest == digest or referentiel_snapshot(referentiel) == content:
        status = UNCHANGED
    else:
        used_by = referentiel.evaluations.count()
        if used_by:
            raise ReferentielInUseError(
                f"Le référentiel « {referentiel.name} » (code {referentiel.code}) est utilisé par "
                f"{used_by} évaluation{'s' if used_by > 1 else ''} : il ne peut plus être modifié. "
                "Pour charger ce nouveau contenu, donnez-lui un nouveau code (par exemple "
                f"« {referentiel.code}-2 ») : il sera chargé à côté de l’ancienne version."
            )
        referentiel.general_objectives.all().delete()  # cascades to principal objectives, criteria
        referentiel.levels.all().delete()
        referentiel.terms.all().delete()
        _write(referentiel, content, digest)
        status = UPDATED
    if is_default:
        referentiel_make_default(referentiel=referentiel)
    if status != UNCHANGED:
        invalidate(REFERENTIELS, FIGURES)
    return ReferentielLoadResult(referentiel=referentiel, status=status)


@transaction.atomic
def referentiel_make_default(*, referentiel: Referentiel) -> Referentiel:
    """Make this version the default one (the one new evaluations and `/lexique/` use).

    Only a flag: allowed even for a version in use, since the grid itself does not change."""
    if not referentiel.is_default:
        Referentiel.objects.filter(is_default=True).update(is_default=False)
        referentiel.is_default = True
        referentiel.save(update_fields=["is_default"])
        invalidate(REFERENTIELS, FIGURES)
    return referentiel


def referentiel_snapshot(referentiel: Referentiel) -> dict:
    """The stored content of a version, in the normalised shape `referentiel_read` returns."""
    referentiel = (
        Referentiel.objects.filter(pk=referentiel.pk)
        .prefetch_related(
            "levels",
            "terms",
            "general_objectives__principal_objectives__criterion__terms",
        )
        .get()
    )
    return {
        "code": referentiel.code,
        "name": referentiel.name,
        "theme": referentiel.theme,
        "introduction": referentiel.introduction,
        "usage_note": referentiel.usage_note,
        "source": referentiel.source,
        "proposal_note": referentiel.proposal_note,
        "levels": [
            {"level": level.level, "label": level.label, "description": level.description}
            for level in sorted(referentiel.levels.all(), key=lambda level: level.level)
        ],
        "lexicon": [
            {"slug": term.slug, "term": term.term, "definition": term.definition}
            for term in sorted(referentiel.terms.all(), key=lambda term: term.slug)
        ],
        "general_objectives": [
            {
                "title": general.title,
                "principal_objectives": [
                    {"title": principal.title, "criterion": _criterion_snapshot(principal)}
                    for principal in general.principal_objectives.all()
                ],
            }
            for general in referentiel.general_objectives.all()
        ],
    }


def _criterion_snapshot(principal: PrincipalObjective) -> dict | None:
    try:
        criterion = principal.criterion
    except Criterion.DoesNotExist:
        return None
    return {
        "letter": criterion.letter,
        "statement": criterion.statement,
        "footnote": criterion.footnote,
        "guiding_questions": list(criterion.guiding_questions),
        "evidence_examples": list(criterion.evidence_examples),
        "terms": sorted(term.slug for term in criterion.terms.all()),
    }


def _digest(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _write(referentiel: Referentiel, content: dict, digest: str):
    for field in ("code", "name", "theme", "introduction", "usage_note", "source"):
        setattr(referentiel, field, content[field])
    referentiel.proposal_note = content["proposal_note"]
    referentiel.source_digest = digest
    referentiel.full_clean()
    referentiel.save()
    LevelDescriptor.objects.bulk_create(
        LevelDescriptor(referentiel=referentiel, **level) for level in content["levels"]
    )
    terms = {
        term.slug: term
        for term in LexiconTerm.objects.bulk_create(
            LexiconTerm(referentiel=referentiel, **term) for term in content["lexicon"]
        )
    }
    links = []
    for g_position, general in enumerate(content["general_objectives"], 1):
        general_objective = GeneralObjective.objects.create(
            referentiel=referentiel, position=g_position, title=general["title"]
        )
        for p_position, principal in enumerate(general["principal_objectives"], 1):
            principal_objective = PrincipalObjective.objects.create(
                general_objective=general_objective, position=p_position, title=principal["title"]
            )
            data = principal["criterion"]
            criterion = Criterion.objects.create(
                referentiel=referentiel,
                principal_objective=principal_objective,
                letter=data["letter"],
                statement=data["statement"],
                footnote=data["footnote"],
                guiding_questions=data["guiding_questions"],
                evidence_examples=data["evidence_examples"],
            )
            links += [
                Criterion.terms.through(criterion_id=criterion.pk, lexiconterm_id=terms[slug].pk)
                for slug in data["terms"]
            ]
    Criterion.terms.through.objects.bulk_create(links)
