"""Where an application is instructed.

Its région (and main département) are frozen at the first submission (`moves.move`): moving the
pole's territory afterwards neither hides the file from the instructors who have it nor hands it
to another région. The national cell alone moves a file to another région, with a reason, in a
logged act.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ptce.core.invalidation import pole_activity_changed
from ptce.territories.models import Region

from .. import perms
from ..models import Application, ApplicationRegionChange
from ..moves import lock_state
from ..workflow import PENDING_STATES


def territory_moved(application: Application) -> bool:
    """The pole's région is no longer the one the application is instructed in."""
    return application.region_id is not None and application.pole.region_id != application.region_id


@transaction.atomic
def application_region_move(
    *, application: Application, region: Region, by, reason: str
) -> ApplicationRegionChange:
    if not perms.is_national(by):
        raise PermissionDenied("Seule la cellule nationale change la région d’instruction.")
    if lock_state(application) not in PENDING_STATES:
        raise ValidationError("Seule une candidature en cours d’instruction change de région.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Indiquez pourquoi la candidature change de région."})
    if region.pk == application.region_id:
        raise ValidationError({"region": "La candidature est déjà instruite dans cette région."})
    change = ApplicationRegionChange.objects.create(
        application=application,
        from_region_id=application.region_id,
        to_region=region,
        by=by,
        reason=reason,
    )
    departement = (
        application.pole.covered_departements.filter(region=region).order_by("code").first()
    )
    application.region = region
    application.departement = departement
    application.save(update_fields=["region", "departement", "updated_at"])
    pole_activity_changed(region_code=change.from_region_id)
    pole_activity_changed(region_code=region.pk)
    return change
