"""Who may join a pole or answer its join requests.

The public join form is open on published poles; coordinators (and admins) answer the requests.
Built on `ptce.poles.perms`.
"""

from ptce.poles import perms as pole_perms
from ptce.poles.models import Pole


def can_join(pole: Pole) -> bool:
    """The public join form is open on published poles only."""
    return pole.is_published


def get_pole_for_user(request, slug: str) -> Pole:
    """The pole whose join requests are answered: 404 to whoever may not know it, 403 to
    whoever may not manage it."""
    return pole_perms.get_pole_for_user(request, slug, need="manage")
