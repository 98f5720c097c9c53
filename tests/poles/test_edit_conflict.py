"""Two tabs of the same coordinator: the stale one is refused with a conflict page, nothing lost."""

import pytest
from django.urls import reverse

from ptce.core.versioning import EditConflict
from ptce.poles.models import Pole, Stage, Verification
from ptce.poles.services import pole_update
from ptce.poles.services_members import membership_end, membership_update
from tests.editing import reapply, stale_save
from tests.poles.factories import MembershipFactory, PlaceFactory
from tests.territories.factories import CommuneFactory


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


def test_a_stale_profile_tab_is_refused_and_the_other_save_is_kept(as_coordinator, pole):
    url = reverse("poles:edit", args=[pole.slug])
    stale_save(
        as_coordinator,
        url,
        theirs={"summary": "Résumé écrit dans l’onglet A"},
        yours={"contact_phone": "05 61 00 00 00"},
    )
    pole.refresh_from_db()
    assert pole.summary == "Résumé écrit dans l’onglet A"
    assert pole.contact_phone == ""
    assert pole.version == 2


def test_the_conflict_page_reapplies_your_version_knowingly(as_coordinator, pole):
    url = reverse("poles:edit", args=[pole.slug])
    conflict = stale_save(
        as_coordinator, url, theirs={"summary": "Leur version"}, yours={"summary": "Ma version"}
    )
    reapply(as_coordinator, url, conflict)
    pole.refresh_from_db()
    assert pole.summary == "Ma version"
    assert pole.version == 3


def test_a_profile_save_keeps_what_the_workflows_wrote_meanwhile(pole):
    loaded = Pole.objects.get(pk=pole.pk)
    # A recognition (calls) and a withdrawn verification, which do not move the version.
    Pole.objects.filter(pk=pole.pk).update(
        stage=Stage.RECOGNISED, verification=Verification.DECLARED, is_published=False
    )
    pole_update(pole=loaded, summary="Nouveau résumé", version=loaded.version)
    pole.refresh_from_db()
    assert pole.summary == "Nouveau résumé"
    assert (pole.stage, pole.verification) == (Stage.RECOGNISED, Verification.DECLARED)


def test_a_stale_territory_tab_is_refused_then_reapplied(as_coordinator, pole):
    commune = CommuneFactory(code="31555", name="Toulouse")
    url = reverse("poles:territory", args=[pole.slug])
    conflict = stale_save(
        as_coordinator,
        url,
        theirs={"communes": "31555"},
        yours={"scale": "epci"},
        shown=["Toulouse"],
    )
    pole.refresh_from_db()
    assert list(pole.territory_communes.all()) == [commune]
    assert pole.scale == ""
    reapply(as_coordinator, url, conflict)
    pole.refresh_from_db()
    assert pole.scale == "epci"


def test_a_stale_place_tab_is_refused_then_reapplied(as_coordinator, pole):
    place = PlaceFactory(pole=pole, name="La Recyclerie")
    url = reverse("poles:place_edit", args=[pole.slug, place.pk])
    conflict = stale_save(
        as_coordinator,
        url,
        theirs={"name": "La Recyclerie des Coteaux"},
        yours={"address": "2 place du Marché"},
    )
    place.refresh_from_db()
    assert (place.name, place.address) == ("La Recyclerie des Coteaux", "")
    reapply(as_coordinator, url, conflict)
    place.refresh_from_db()
    assert place.address == "2 place du Marché"


def test_a_stale_membership_tab_is_refused_then_reapplied(as_coordinator, pole):
    membership = MembershipFactory(pole=pole)
    url = reverse("poles:membership_edit", args=[pole.slug, membership.pk])
    conflict = stale_save(
        as_coordinator,
        url,
        theirs={"role": "partenaire"},
        yours={"joined_on": "2021-09-01"},
        shown=["Partenaire"],
    )
    membership.refresh_from_db()
    assert (membership.role, membership.joined_on) == ("partenaire", None)
    reapply(as_coordinator, url, conflict)
    membership.refresh_from_db()
    assert str(membership.joined_on) == "2021-09-01"


def test_a_role_form_loaded_before_the_member_left_does_not_bring_it_back(pole):
    membership = MembershipFactory(pole=pole)
    loaded = membership.version
    membership_end(membership=membership)
    with pytest.raises(EditConflict):
        membership_update(membership=membership, role="partenaire", version=loaded)
    membership.refresh_from_db()
    assert membership.left_on is not None
