"""What a pole's pages show: its identity and members (poles), its art. 9 compliance
(cooperation, since the « stratégie commune » is the action plan)."""

from ptce.cooperation.compliance import pole_compliance
from ptce.organisations.models import FAMILY_LABELS
from ptce.poles.selectors import current_memberships


def pole_page(pole):
    """Everything the public page shows, in a fixed number of queries."""
    memberships = list(current_memberships(pole))
    covered = list(pole.covered_departements.select_related("region").order_by("code"))
    families = {code: [] for code in FAMILY_LABELS}
    for membership in memberships:
        families[membership.organisation.family].append(membership)
    return {
        "pole": pole,
        "sectors": list(pole.sectors.all()),
        "places": list(pole.places.select_related("commune").all()),
        "communes": list(pole.territory_communes.select_related("departement")[:50]),
        "commune_count": pole.territory_communes.count(),
        "epcis": list(pole.territory_epcis.all()),
        "departements": covered,
        # Placed at région level only (a list without communes): the State still sees it.
        "territory_to_specify": pole.region_id is not None and not covered,
        "memberships": memberships,
        "member_groups": [
            (code, FAMILY_LABELS[code], members) for code, members in families.items() if members
        ],
        "compliance": pole_compliance(pole, memberships, {d.code for d in covered}),
    }
