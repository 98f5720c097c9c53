"""Factories for the ECARTS app.

`load_default_referentiel()` loads the real data file (ptce/assessments/data/ecarts-generique.json)
through the loader and returns the Referentiel; it is idempotent, so call it as often as needed.
`load_referentiel_variant(code)` loads another version (same grid, optionally grown) beside it.
"""

import json

import factory

from ptce.assessments.models import Answer, Evaluation, Rater
from ptce.assessments.referentiel.services import DEFAULT_DATA_FILE, referentiel_load
from tests.poles.factories import PoleFactory


def load_default_referentiel():
    """Load the real ECARTS generic référentiel (9 criteria A–I) and return it."""
    return referentiel_load(source=DEFAULT_DATA_FILE).referentiel


def referentiel_variant_data(code, *, extra_criteria=0, extra_terms=0, **fields):
    """The default file's content under another code, with more criteria (J, K…, in one more
    general objective) and more lexicon terms (each used by criterion A) if asked."""
    data = json.loads(DEFAULT_DATA_FILE.read_text(encoding="utf-8"))
    data.update({"code": code, "name": f"Variante {code}", "is_default": False, **fields})
    extra_slugs = [f"terme-supplementaire-{n}" for n in range(extra_terms)]
    data["lexicon"] += [
        {"slug": slug, "term": f"Terme supplémentaire {n}", "definition": "Une définition."}
        for n, slug in enumerate(extra_slugs)
    ]
    data["general_objectives"][0]["principal_objectives"][0]["criterion"]["terms"] += extra_slugs
    if extra_criteria:
        data["general_objectives"].append(
            {
                "title": "Objectif général supplémentaire",
                "principal_objectives": [
                    {
                        "title": f"Objectif principal {n}",
                        "criterion": {
                            "letter": chr(ord("J") + n),
                            "statement": f"Critère supplémentaire {n}",
                            "guiding_questions": ["Une question ?"],
                            "evidence_examples": ["Une preuve"],
                            "terms": ["ptce", *extra_slugs],
                        },
                    }
                    for n in range(extra_criteria)
                ],
            }
        )
    return data


def load_referentiel_variant(code, **kwargs):
    return referentiel_load(source=referentiel_variant_data(code, **kwargs)).referentiel


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    pole = factory.SubFactory(PoleFactory)
    referentiel = factory.LazyFunction(load_default_referentiel)
    title = factory.Sequence(lambda n: f"Auto-évaluation collective {n}")


class RaterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rater

    evaluation = factory.SubFactory(EvaluationFactory)
    name = factory.Sequence(lambda n: f"Dominique Évaluatrice {n}")
    email = factory.Sequence(lambda n: f"evaluatrice{n}@exemple.fr")


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    rater = factory.SubFactory(RaterFactory)
    criterion = factory.LazyAttribute(
        lambda o: o.rater.evaluation.referentiel.criteria.order_by("letter").first()
    )
    score = 3
