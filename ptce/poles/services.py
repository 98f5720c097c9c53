"""Writes on poles, their territory and places. Memberships and people: `services_members`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from ptce.core.invalidation import pole_changed
from ptce.core.versioning import check_version
from ptce.territories.models import Departement

from .location import pole_locate
from .models import PersonRole, Place, Pole, PolePerson, Stage, Verification
from .slugs import unique_pole_slug

POLE_EDITABLE_FIELDS = {
    "name",
    "summary",
    "description",
    "carrier",
    "creation_year",
    "form",
    "scale",
    "area_type",
    "charter_signed_on",
    "website",
    "contact_email",
    "contact_phone",
    "stage",
    "is_published",
}
# Written with every save of the profile or the territory.
POLE_DERIVED_FIELDS = ("version", "search_name", "updated_at")


def _unique_slug(name: str) -> str:
    return unique_pole_slug(name, lambda slug: Pole.objects.filter(slug=slug).exists())


@transaction.atomic
def pole_create(*, name: str, created_by, sectors=(), **fields) -> Pole:
    """A new pole, unpublished, with its creator as first coordinator."""
    unknown = set(fields) - POLE_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Unknown pole fields: {sorted(unknown)}")
    if fields.get("stage") == Stage.RECOGNISED:
        raise ValidationError(
            {"stage": "Seule une décision de l’État, au terme d’un appel, reconnaît un pôle."}
        )
    pole = Pole(name=name, slug=_unique_slug(name), **fields)
    pole.full_clean()
    pole.save()
    pole.sectors.set(sectors)
    PolePerson.objects.create(pole=pole, user=created_by, role=PersonRole.COORDINATOR)
    pole_changed(pole)
    return pole


@transaction.atomic
def pole_update(*, pole: Pole, sectors=None, version: int | None = None, **fields) -> Pole:
    """Save the profile; `version`: the one the form was loaded from (EditConflict if stale)."""
    unknown = set(fields) - POLE_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Unknown pole fields: {sorted(unknown)}")
    check_version(pole, version)  # from here on, `pole` is the locked row
    if "stage" in fields and (fields["stage"] == Stage.RECOGNISED) != (
        pole.stage == Stage.RECOGNISED
    ):
        raise ValidationError(
            {"stage": "Seule une décision de l’État, au terme d’un appel, reconnaît un pôle."}
        )
    for name, value in fields.items():
        setattr(pole, name, value)
    if pole.is_published and pole.verification != Verification.VERIFIED:
        raise ValidationError(
            {
                "is_published": "Le pôle pourra être publié quand un instructeur de sa région "
                "l’aura vérifié (existence, territoire, membres)."
            }
        )
    pole.full_clean()
    # Only what the profile edits: the workflows' fields (verification, recognition) and the
    # territory are written by their own services.
    pole.save(update_fields=[*fields, *POLE_DERIVED_FIELDS])
    if sectors is not None:
        pole.sectors.set(sectors)
    pole_changed(pole)
    return pole


@transaction.atomic
def pole_territory_set(
    *,
    pole: Pole,
    communes=(),
    epcis=(),
    departements=(),
    region=None,
    scale=None,
    area_type=None,
    version: int | None = None,
) -> Pole:
    """Replace the territory and refresh what derives from it (covered départements, région);
    `version`: the one the form was loaded from (EditConflict if stale).

    `region`, the main région: one of the territory's, else derived (the current one kept when
    it still is); alone, it places the pole at région level, « territoire à préciser »."""
    check_version(pole, version)
    old_region = pole.region_id
    pole.territory_communes.set(communes)
    pole.territory_epcis.set(epcis)
    pole.territory_departements.set(departements)
    covered = list(
        Departement.objects.select_related("region")
        .filter(Q(poles=pole) | Q(communes__poles=pole) | Q(communes__epci__poles=pole))
        .distinct()
        .order_by("code")
    )
    pole.covered_departements.set(covered)
    regions = {d.region_id for d in covered}
    if region is not None and covered and region.pk not in regions:
        names = ", ".join(sorted({str(d.region) for d in covered}))
        raise ValidationError(
            {"region": f"La région principale est l’une de celles du territoire : {names}."}
        )
    if region is not None:
        pole.region = region
    elif covered and pole.region_id not in regions:
        pole.region_id = _main_region(covered)
    if scale is not None:
        pole.scale = scale
    if area_type is not None:
        pole.area_type = area_type
    pole.save(update_fields=["scale", "area_type", "region", *POLE_DERIVED_FIELDS])
    pole_locate(pole=pole)
    pole_changed(pole, old_region=old_region)
    return pole


def _main_region(departements) -> str:
    counts: dict[str, int] = {}
    for departement in departements:
        counts[departement.region_id] = counts.get(departement.region_id, 0) + 1
    return max(sorted(counts), key=counts.get)


@transaction.atomic
def place_save(
    *, pole: Pole, place: Place | None = None, version: int | None = None, **fields
) -> Place:
    """Create or update a place; without coordinates it stands at its commune's point.
    `version`: the one an edit form was loaded from (EditConflict if stale)."""
    place = place or Place(pole=pole)
    if place.pole_id != pole.pk:
        raise ValidationError("Ce lieu n’appartient pas à ce pôle.")
    if place.pk:
        check_version(place, version)
    for name, value in fields.items():
        setattr(place, name, value)
    if (place.latitude is None or place.longitude is None) and place.commune_id:
        place.latitude, place.longitude = place.commune.latitude, place.commune.longitude
    place.full_clean()
    place.save()
    if place.is_main:
        pole.places.exclude(pk=place.pk).update(is_main=False)
    elif not pole.places.filter(is_main=True).exists():
        Place.objects.filter(pk=place.pk).update(is_main=True)
        place.is_main = True
    pole_locate(pole=pole)
    pole_changed(pole)
    return place


@transaction.atomic
def place_delete(*, place: Place) -> None:
    pole, was_main = place.pole, place.is_main
    place.delete()
    if was_main:
        successor = pole.places.order_by("name").first()
        if successor:
            Place.objects.filter(pk=successor.pk).update(is_main=True)
    pole_locate(pole=pole)
    pole_changed(pole)
