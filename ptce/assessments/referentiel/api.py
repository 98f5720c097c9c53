"""Public, read-only JSON of the ECARTS référentiel versions (django-ninja router)."""

from ninja import Router, Schema, Status

from .selectors import referentiel_list, referentiel_with_grid

router = Router(tags=["Référentiels ECARTS"])


class ReferentielSummary(Schema):
    code: str
    name: str
    theme: str
    is_default: bool
    criteria_count: int


class Level(Schema):
    level: int
    label: str
    description: str


class CriterionOut(Schema):
    letter: str
    statement: str
    footnote: str
    guiding_questions: list[str]
    evidence_examples: list[str]
    terms: list[str]


class PrincipalObjectiveOut(Schema):
    position: int
    title: str
    criterion: CriterionOut


class GeneralObjectiveOut(Schema):
    position: int
    title: str
    principal_objectives: list[PrincipalObjectiveOut]


class Term(Schema):
    slug: str
    term: str
    definition: str
    criteria: list[str]


class ReferentielDetail(Schema):
    code: str
    name: str
    theme: str
    introduction: str
    usage_note: str
    source: str
    proposal_note: str
    is_default: bool
    levels: list[Level]
    general_objectives: list[GeneralObjectiveOut]
    lexicon: list[Term]


class Message(Schema):
    detail: str


@router.get(
    "/",
    response=list[ReferentielSummary],
    url_name="referentiel_list",
    summary="Liste des versions du référentiel",
)
def list_referentiels(request):
    """Toutes les versions chargées, la version par défaut en premier."""
    return list(referentiel_list())


@router.get(
    "/{code}",
    response={200: ReferentielDetail, 404: Message},
    url_name="referentiel_detail",
    summary="Une version complète du référentiel",
)
def get_referentiel(request, code: str):
    """La grille complète : objectifs généraux → objectifs principaux → critères (identifiés
    par leur lettre, avec points d’observation, exemples de preuves et termes du lexique),
    l’échelle de 1 à 5 et le lexique. Les points d’observation, exemples de preuves,
    descripteurs de niveaux et définitions sont une proposition de la plateforme
    (`proposal_note`)."""
    referentiel = referentiel_with_grid(code)
    if referentiel is None:
        return Status(404, {"detail": f"Aucun référentiel ne porte le code « {code} »."})
    return {
        "code": referentiel.code,
        "name": referentiel.name,
        "theme": referentiel.theme,
        "introduction": referentiel.introduction,
        "usage_note": referentiel.usage_note,
        "source": referentiel.source,
        "proposal_note": referentiel.proposal_note,
        "is_default": referentiel.is_default,
        "levels": list(referentiel.levels.all()),
        "general_objectives": [
            {
                "position": general.position,
                "title": general.title,
                "principal_objectives": [
                    {
                        "position": principal.position,
                        "title": principal.title,
                        "criterion": _criterion(principal.criterion),
                    }
                    for principal in general.principal_objectives.all()
                ],
            }
            for general in referentiel.general_objectives.all()
        ],
        "lexicon": [
            {
                "slug": term.slug,
                "term": term.term,
                "definition": term.definition,
                "criteria": term.criteria_letters,
            }
            for term in referentiel.lexicon
        ],
    }


def _criterion(criterion) -> dict:
    return {
        "letter": criterion.letter,
        "statement": criterion.statement,
        "footnote": criterion.footnote,
        "guiding_questions": criterion.guiding_questions,
        "evidence_examples": criterion.evidence_examples,
        "terms": [term.slug for term in criterion.sorted_terms],
    }
