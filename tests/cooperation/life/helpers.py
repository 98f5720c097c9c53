"""Small builders shared by the tests of the life of a pole (resources, meetings, network)."""

import datetime

from django.utils import timezone

from ptce.organisations.models import LegalCategory
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory

FAMILY_CATEGORIES = {
    "ess": LegalCategory.ASSOCIATION,
    "entreprise": LegalCategory.SOCIETE_COMMERCIALE,
    "collectivite": LegalCategory.COLLECTIVITE,
    "recherche_formation": LegalCategory.UNIVERSITE,
    "autre": LegalCategory.AUTRE,
}

INTERNAL_ACCESS = {
    "anonymous": 302,
    "outsider": 403,
    "member": 200,
    "other_coordinator": 403,
    "coordinator": 200,
    "instructor": 200,
    "admin_user": 200,
}
MANAGE_ACCESS = {
    "anonymous": 302,
    "outsider": 403,
    "member": 403,
    "other_coordinator": 403,
    "coordinator": 200,
    "instructor": 403,
    "admin_user": 200,
}


def member_of(pole, name=None, family="ess", **kwargs):
    """A current membership of `pole` for a new organisation of the given family."""
    organisation_kwargs = {"legal_category": FAMILY_CATEGORIES[family]}
    if name:
        organisation_kwargs["name"] = name
    return MembershipFactory(
        pole=pole, organisation=OrganisationFactory(**organisation_kwargs), **kwargs
    )


def aware(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))
