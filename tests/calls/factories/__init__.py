import datetime

import factory

from ptce.calls.models import (
    Application,
    ApplicationState,
    Call,
    Phase,
    Question,
    QuestionKind,
    ScoringCriterion,
    Section,
)
from tests.poles.factories import PoleFactory


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    name = factory.Sequence(lambda n: f"AMI PTCE {2021 + n}")
    slug = factory.Sequence(lambda n: f"ami-ptce-{2021 + n}")
    year = 2022
    summary = "Appel à manifestation d’intérêt pour les PTCE."
    is_published = True


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    call = factory.SubFactory(CallFactory)
    number = 1
    name = "Reconnaissance et accompagnement"
    is_recognition = True
    opens_on = datetime.date(2022, 1, 1)
    closes_on = datetime.date(2099, 12, 31)
    is_permanent = True
    requires_compliance = False


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    phase = factory.SubFactory(PhaseFactory)
    title = factory.Sequence(lambda n: f"Section {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    key = factory.Sequence(lambda n: f"question-{n}")
    label = factory.Sequence(lambda n: f"Question {n}")
    kind = QuestionKind.SHORT_TEXT


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScoringCriterion

    phase = factory.SubFactory(PhaseFactory)
    label = factory.Sequence(lambda n: f"Critère {n}")
    weight = 1
    max_score = 5


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    phase = factory.SubFactory(PhaseFactory)
    pole = factory.SubFactory(PoleFactory)
    state = ApplicationState.DRAFT
    # Past its first submission, an application is instructed in the région its pole had then.
    region = factory.LazyAttribute(
        lambda o: None if o.state == ApplicationState.DRAFT else o.pole.region
    )
