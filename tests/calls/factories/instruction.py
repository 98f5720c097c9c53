"""Applications under instruction, their opinions, and the calls' email and webhook helpers."""

import factory
from django.utils import timezone

from ptce.calls.models import Annotation, ApplicationState, Message, Opinion, Score
from ptce.core.tokens import token_hash
from tests.calls.factories import ApplicationFactory, CriterionFactory, PhaseFactory


class OpinionFactory(factory.django.DjangoModelFactory):
    """An opinion request; its token is `opinion.token` (only the hash is stored)."""

    class Meta:
        model = Opinion

    application = factory.SubFactory(ApplicationFactory, state=ApplicationState.INSTRUCTION)
    expert_name = factory.Sequence(lambda n: f"Experte {n}")
    expert_email = factory.Sequence(lambda n: f"experte{n}@exemple.fr")
    question = "Le modèle économique du pôle est-il solide ?"
    is_confidential = True
    token_hash = factory.LazyAttribute(lambda o: token_hash(o.token))

    class Params:
        token = factory.Sequence(lambda n: f"jeton-de-test-{n:04d}-abcdefghijklmnop")


class AnnotationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Annotation

    application = factory.SubFactory(ApplicationFactory)
    body = "Note interne : dossier solide, mais budget à vérifier."


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    application = factory.SubFactory(ApplicationFactory)
    body = "Bonjour, pouvez-vous préciser le budget ?"
    from_instruction = True


def application_in(pole, state=ApplicationState.INSTRUCTION, *, author=None, **fields):
    """An application of `pole` in `state` (dates set as if it had lived until there)."""
    now = timezone.now()
    if state != ApplicationState.DRAFT:
        fields.setdefault("first_submitted_at", now)
        fields.setdefault("submitted_at", now)
    fields.setdefault("phase", PhaseFactory())
    return ApplicationFactory(pole=pole, state=state, created_by=author, **fields)


def scored(application, values: dict):
    """Scores by criterion: `values` maps a ScoringCriterion to its value."""
    return [
        Score.objects.create(application=application, criterion=criterion, value=value)
        for criterion, value in values.items()
    ]


def grid(phase, *specs):
    """Criteria (weight, max_score) for `phase`."""
    return [
        CriterionFactory(phase=phase, weight=weight, max_score=max_score, position=i)
        for i, (weight, max_score) in enumerate(specs)
    ]
