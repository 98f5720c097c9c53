"""Where a pole stands on the map, stored on the pole (`map_latitude`, `map_longitude`).

A pole stands at its main place (else its first place) when that has coordinates, else at its
place's commune, else at the centre of its territory: the mean point of the communes it covers
(directly or through its EPCI), else of the communes of the départements it covers, else (a
pole placed at région level only, « territoire à préciser ») at its région's point.

The point used to be computed by every read of the map, the open data and the API (six
correlated subqueries, which PostgreSQL's JIT compiled for ~600 ms each time): it is now
computed by one UPDATE when something it depends on changes — the services of the territory
and of places call `pole_locate`; `manage.py poles_locate` recomputes every pole (after a load
of the geography, a bulk import or a migration), idempotent.
"""

from django.db.models import F, Func, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from ptce.territories.models import Commune, Region

from .models import Place, Pole

PLACE_ORDER = ("-is_main", "name", "pk")


class Avg(Func):
    """AVG() as a plain function, so that a subquery over many rows yields one value without a
    GROUP BY (an aggregate would group by the outer reference)."""

    function = "AVG"


def _place_point(axis: str, field: str):
    """The `field` ("latitude" or "longitude") of the pole's first place, main first, among
    those where `axis` (the place's own coordinates or its commune's) is known on both axes."""
    places = Place.objects.filter(
        pole=OuterRef("pk"),
        **{f"{axis}latitude__isnull": False, f"{axis}longitude__isnull": False},
    ).order_by(*PLACE_ORDER)
    return Subquery(places.values(f"{axis}{field}")[:1])


def _mean_of_communes(communes, field: str):
    known = communes.filter(latitude__isnull=False, longitude__isnull=False).order_by()
    return Subquery(known.annotate(mean=Avg(F(field))).values("mean")[:1])


def _territory_point(field: str):
    """Mean `field` of the communes the pole covers, else of its départements' communes."""
    pole = OuterRef(OuterRef("pk"))
    territory_communes = Pole.territory_communes.through.objects.filter(pole_id=pole)
    territory_epcis = Pole.territory_epcis.through.objects.filter(pole_id=pole)
    covered = Pole.covered_departements.through.objects.filter(pole_id=pole)
    communes = Commune.objects.filter(
        Q(code__in=territory_communes.values("commune_id"))
        | Q(epci_id__in=territory_epcis.values("epci_id"))
    )
    in_departements = Commune.objects.filter(departement_id__in=covered.values("departement_id"))
    return Coalesce(_mean_of_communes(communes, field), _mean_of_communes(in_departements, field))


def _region_point(field: str):
    # A subquery, not `F("region__…")`: an UPDATE may not join.
    return Subquery(Region.objects.filter(pk=OuterRef("region_id")).values(field)[:1])


def pole_point(field: str):
    """The expression of the rule above for `field` ("latitude" or "longitude")."""
    return Coalesce(
        _place_point("", field),
        _place_point("commune__", field),
        _territory_point(field),
        _region_point(field),
    )


def poles_locate(poles=None) -> int:
    """Store the point of `poles` (a queryset; every pole when None) in one UPDATE; the
    number of poles updated. Idempotent."""
    poles = Pole.objects.all() if poles is None else poles
    return poles.order_by().update(
        map_latitude=pole_point("latitude"), map_longitude=pole_point("longitude")
    )


def pole_locate(*, pole: Pole) -> Pole:
    """Store `pole`'s point after a change of its territory, places or région (called by the
    services that make them, in their transaction), and set it on the instance."""
    poles_locate(Pole.objects.filter(pk=pole.pk))
    pole.map_latitude, pole.map_longitude = (
        Pole.objects.filter(pk=pole.pk).values_list("map_latitude", "map_longitude").get()
    )
    return pole
