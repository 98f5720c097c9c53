"""Reads of the référentiel: versions, the full grid and the lexicon, in a constant number of
queries whatever the size of the version; `grid` and `objectives_structure`, shared by the
evaluation workflow and the results."""

import unicodedata

from django.db.models import Count, Prefetch, QuerySet

from ..models import Criterion, LexiconTerm, PrincipalObjective, Referentiel


def referentiel_list() -> QuerySet[Referentiel]:
    """Every version, the default first, with `criteria_count` (1 query)."""
    return Referentiel.objects.annotate(criteria_count=Count("criteria")).order_by(
        "-is_default", "name", "code"
    )


def referentiel_default() -> Referentiel | None:
    return Referentiel.objects.filter(is_default=True).first()


def referentiel_with_grid(code: str) -> Referentiel | None:
    """A version with its grid, scale and lexicon prefetched (6 queries), or None.

    After the call:
    - `referentiel.general_objectives.all()` → `.principal_objectives.all()` → `.criterion`
      need no further query; each criterion has `sorted_terms` (alphabetical) and
      `statement_parts` (the statement split at its footnote mark);
    - `referentiel.levels.all()`, `referentiel.criteria_by_letter` (criteria in letter order);
    - `referentiel.lexicon`: the terms sorted alphabetically (accents ignored), each with
      `criteria_letters` (the letters of the criteria where the term appears).
    """
    referentiel = (
        Referentiel.objects.filter(code=code)
        .prefetch_related(
            "levels",
            Prefetch(
                "general_objectives__principal_objectives",
                queryset=PrincipalObjective.objects.select_related("criterion").order_by(
                    "position"
                ),
            ),
            "general_objectives__principal_objectives__criterion__terms",
        )
        .first()
    )
    if referentiel is None:
        return None
    criteria = [
        principal.criterion
        for general in referentiel.general_objectives.all()
        for principal in general.principal_objectives.all()
        if _has_criterion(principal)
    ]
    referentiel.criteria_by_letter = sorted(criteria, key=lambda criterion: criterion.letter)
    letters_by_term: dict[int, list[str]] = {}
    terms_by_pk: dict[int, LexiconTerm] = {}
    for criterion in referentiel.criteria_by_letter:
        criterion.statement_parts = statement_parts(criterion.statement)
        criterion.sorted_terms = sorted(criterion.terms.all(), key=lambda term: sort_key(term.term))
        for term in criterion.sorted_terms:
            letters_by_term.setdefault(term.pk, []).append(criterion.letter)
    for term in LexiconTerm.objects.filter(referentiel=referentiel):
        terms_by_pk[term.pk] = term
        term.criteria_letters = letters_by_term.get(term.pk, [])
    referentiel.lexicon = sorted(terms_by_pk.values(), key=lambda term: sort_key(term.term))
    return referentiel


def statement_parts(statement: str) -> tuple[str, str, str]:
    """Split a statement at its footnote mark (criterion G: "efficacité* sont pérennisés")."""
    return statement.partition("*")


def sort_key(text: str) -> str:
    """Alphabetical order as a French reader expects it: accents and case ignored."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _has_criterion(principal: PrincipalObjective) -> bool:
    try:
        principal.criterion  # noqa: B018 — select_related: no query
    except Criterion.DoesNotExist:
        return False
    return True


def grid(referentiel) -> list[Criterion]:
    """The criteria A–I with their objectives, in one query."""
    return list(
        Criterion.objects.filter(referentiel=referentiel)
        .select_related("principal_objective__general_objective")
        .order_by("letter")
    )


def objectives_structure(criteria: list[Criterion]) -> list[tuple[str, list[str]]]:
    """[(general objective title, [letters])], in the référentiel's order."""
    structure: dict[int, tuple[str, list[str]]] = {}
    for criterion in sorted(
        criteria,
        key=lambda c: (c.principal_objective.general_objective.position, c.letter),
    ):
        general = criterion.principal_objective.general_objective
        structure.setdefault(general.pk, (general.title, []))[1].append(criterion.letter)
    return list(structure.values())
