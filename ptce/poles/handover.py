"""A pole created by the national cell on behalf of its future coordinator, handed over in one
step: the pole is created (declared, or verified at once when the creator may verify and says
they have checked it, logged as a verification like any other), and its coordinator is invited
through the usual invitation (`services_members.invitation_create`). The creator takes no role
in the pole; the coordinator's consent is the acceptance of the invitation, whether or not an
account already exists for that address. Until then the pole has no coordinator: the national
cell and the admins can still reach it, and invite someone else from the admin if need be.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction

from ptce.core.access import user_scope

from .location import pole_locate
from .models import Invitation, PersonRole, Pole
from .services import _unique_slug, pole_territory_set
from .services_members import invitation_create
from .verification import can_verify, pole_verify


def can_create_for_coordinator(user) -> bool:
    """The national cell and platform admins."""
    scope = user_scope(user)
    return scope.is_national or scope.is_admin


@transaction.atomic
def pole_create_for_coordinator(
    *, name: str, region, email: str, created_by, departements=(), verified: bool = False
) -> tuple[Pole, Invitation]:
    """The new pole (unpublished) and the coordinator's invitation, e-mailed after commit."""
    if not can_create_for_coordinator(created_by):
        raise PermissionDenied("Seules la cellule nationale et l’administration font cela.")
    email = (email or "").strip().lower()
    validate_email(email)
    if region is None:
        raise ValidationError({"region": "Indiquez la région du pôle."})
    if any(departement.region_id != region.pk for departement in departements):
        raise ValidationError({"departements": f"Choisissez des départements de {region}."})
    pole = Pole(name=name.strip(), slug=_unique_slug(name), region=region)
    pole.full_clean()
    pole.save()
    if departements:
        pole_territory_set(pole=pole, departements=departements)
    else:
        pole_locate(pole=pole)  # at its région's point until its territory is told
    if verified:
        if not can_verify(created_by, pole):
            raise ValidationError(
                {"verified": "Seuls les instructeurs peuvent déclarer un pôle vérifié."}
            )
        pole_verify(pole=pole, by=created_by)
    invitation, _token = invitation_create(
        pole=pole, email=email, role=PersonRole.COORDINATOR, invited_by=created_by
    )
    return pole, invitation
