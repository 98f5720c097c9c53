"""Factories for every model of `ptce.cooperation`.

Related objects that belong to a pole (memberships, needs, topics, objectives) are created in
the same pole as the object that points to them. Many-to-many fields take a list:
`CooperationActionFactory(participants=[m1, m2], needs=[need])`,
`MeetingFactory(attendees=[m1])`.
"""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from ptce.cooperation.models import (
    ActionFunding,
    ActionType,
    CooperationAction,
    FundingSource,
    JoinRequest,
    Meeting,
    MeetingAttachment,
    MeetingKind,
    ResourceCategory,
    ResourceKind,
    SharedResource,
    StrategicObjective,
    TerritoryNeed,
    Topic,
    TopicNeedLink,
)
from ptce.organisations.models import LegalCategory
from tests.poles.factories import MembershipFactory, PoleFactory


def _set_m2m(field_name):
    def hook(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, field_name).set(extracted)

    return hook


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    pole = factory.SubFactory(PoleFactory)
    organisation_name = factory.Sequence(lambda n: f"Association volontaire {n}")
    siret = ""
    legal_category = LegalCategory.COLLECTIVITE
    contact_name = "Dominique Durand"
    contact_email = factory.Sequence(lambda n: f"volontaire{n}@exemple.fr")
    contribution = "Des locaux et un réseau de bénévoles."
    needs = "Un appui pour mutualiser des achats."


class TerritoryNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TerritoryNeed

    pole = factory.SubFactory(PoleFactory)
    title = factory.Sequence(lambda n: f"Besoin du territoire {n}")
    theme = "Mobilité"
    description = "Un besoin repéré par les membres."
    source = "Diagnostic territorial 2024"
    affected = "Habitants des communes rurales"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    pole = factory.SubFactory(PoleFactory)
    title = factory.Sequence(lambda n: f"Sujet à co-construire {n}")
    description = "Un sujet proposé par un membre."


class TopicNeedLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicNeedLink

    topic = factory.SubFactory(TopicFactory)
    need = factory.SubFactory(TerritoryNeedFactory, pole=factory.SelfAttribute("..topic.pole"))
    strength = 2


class StrategicObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicObjective

    pole = factory.SubFactory(PoleFactory)
    title = factory.Sequence(lambda n: f"Objectif stratégique {n}")
    position = factory.Sequence(lambda n: n)


class CooperationActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationAction
        skip_postgeneration_save = True

    pole = factory.SubFactory(PoleFactory)
    title = factory.Sequence(lambda n: f"Action de coopération {n}")
    description = "Une action menée à plusieurs."
    action_type = ActionType.POOL_RESOURCES
    start_date = datetime.date(2025, 1, 1)
    end_date = datetime.date(2025, 12, 31)
    budget = Decimal("10000")

    participants = factory.PostGeneration(_set_m2m("participants"))
    needs = factory.PostGeneration(_set_m2m("needs"))


class ActionFundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionFunding

    action = factory.SubFactory(CooperationActionFactory)
    source = FundingSource.REGION
    amount = Decimal("5000")


class SharedResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharedResource

    pole = factory.SubFactory(PoleFactory)
    membership = factory.SubFactory(MembershipFactory, pole=factory.SelfAttribute("..pole"))
    kind = ResourceKind.OFFER
    category = ResourceCategory.PREMISES
    title = factory.Sequence(lambda n: f"Ressource partagée {n}")
    description = "Disponible pour les membres du pôle."


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    pole = factory.SubFactory(PoleFactory)
    kind = MeetingKind.STEERING
    title = factory.Sequence(lambda n: f"Comité de pilotage n° {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    place = "Salle des fêtes"
    agenda = "1. Point d’étape\n2. Questions diverses"

    attendees = factory.PostGeneration(_set_m2m("attendees"))


class MeetingAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAttachment

    meeting = factory.SubFactory(MeetingFactory)
    file = factory.django.FileField(filename="compte-rendu.pdf", data=b"%PDF-1.4\n%%EOF\n")
    original_name = "compte-rendu.pdf"
    content_type = "application/pdf"
    size = 15
