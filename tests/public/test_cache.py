"""`ptce.public.cache` and `ptce.core.invalidation`: values cached per state of the scopes they
read, renewed by the services that change those scopes (and only those), and the moment a
scope last changed (the `Last-Modified` of public responses)."""

from datetime import UTC, datetime

import pytest
from freezegun import freeze_time

from ptce.core import invalidation
from ptce.core.invalidation import (
    FIGURES,
    ORGANISATIONS,
    POLES,
    everything_changed,
    invalidate,
    state,
)
from ptce.organisations.services import organisation_update
from ptce.poles.services import place_save, pole_territory_set, pole_update
from ptce.poles.services_members import membership_add, membership_end
from ptce.poles.verification import pole_unverify
from ptce.public.cache import cached, changed_at
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory
from tests.territories.factories import CommuneFactory, DepartementFactory

pytestmark = pytest.mark.django_db


def counter():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    return compute


def test_a_cached_value_is_computed_once_per_state_of_its_scopes():
    compute = counter()

    assert cached("essai", compute, "a", scopes=(POLES,)) == 1
    assert cached("essai", compute, "a", scopes=(POLES,)) == 1
    assert cached("essai", compute, "b", scopes=(POLES,)) == 2
    invalidate(FIGURES)
    assert cached("essai", compute, "a", scopes=(POLES,)) == 1
    invalidate(POLES)
    assert cached("essai", compute, "a", scopes=(POLES,)) == 3


def test_a_bulk_write_renews_every_entry_whatever_it_reads():
    compute = counter()
    cached("essai", compute, scopes=())
    cached("essai", compute, scopes=(FIGURES,))

    everything_changed()

    assert cached("essai", compute, scopes=()) == 3
    assert cached("essai", compute, scopes=(FIGURES,)) == 4


def test_a_scope_is_renewed_again_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invalidate(POLES)
        during = state((POLES,))[0]

    callbacks[0]()

    assert state((POLES,))[0] != during


def test_the_change_time_is_the_latest_of_the_scopes_read():
    with freeze_time("2030-01-05 09:00:00"):
        everything_changed()
    with freeze_time("2030-01-05 09:30:00.700"):
        invalidate(POLES)

    assert changed_at((POLES,)) == datetime(2030, 1, 5, 9, 30, tzinfo=UTC)
    assert changed_at((FIGURES,)) == datetime(2030, 1, 5, 9, 0, tzinfo=UTC)


def test_the_change_time_is_now_to_the_second_when_unknown():
    with freeze_time("2026-01-05 08:00:00.900"):
        first = changed_at((POLES,))

    assert first.isoformat() == "2026-01-05T08:00:00+00:00"
    with freeze_time("2026-01-06"):
        assert changed_at((POLES,)) == first


def test_a_pole_address_of_any_characters_makes_a_safe_short_scope():
    scope = invalidation.pole("\x00" + "é" * 500)

    assert scope.isascii()
    assert len(scope) < 30


# Which service renews which scope ------------------------------------------------------------


def renewed(change, scopes) -> dict[str, bool]:
    before = {scope: state((scope,))[0] for scope in scopes}
    change()
    return {scope: state((scope,))[0] != before[scope] for scope in scopes}


def test_unpublishing_a_pole_renews_the_lists_the_pole_and_its_figures_only(pole, other_pole):
    scopes = [
        POLES,
        invalidation.pole(pole.slug),
        invalidation.figures(),
        invalidation.figures(pole.region_id),
        invalidation.pole(other_pole.slug),
        invalidation.figures(other_pole.region_id),
        ORGANISATIONS,
    ]

    result = renewed(lambda: pole_update(pole=pole, is_published=False), scopes)

    assert result == dict(zip(scopes, [True] * 4 + [False] * 3, strict=True))


def test_withdrawing_the_verification_renews_the_pole(pole, instructor):
    result = renewed(
        lambda: pole_unverify(pole=pole, by=instructor, reason="Pôle introuvable"),
        [POLES, invalidation.pole(pole.slug)],
    )

    assert all(result.values())


def test_moving_a_pole_to_another_region_renews_the_figures_of_both(pole, other_region):
    old_region = pole.region_id
    departement = DepartementFactory(code="29", region=other_region)
    scopes = [invalidation.figures(old_region), invalidation.figures(other_region.pk)]

    result = renewed(lambda: pole_territory_set(pole=pole, departements=[departement]), scopes)

    assert pole.region_id == other_region.pk
    assert all(result.values())


@pytest.mark.parametrize(
    "change",
    [
        lambda pole: membership_add(pole=pole, organisation=OrganisationFactory()),
        lambda pole: membership_end(membership=MembershipFactory(pole=pole)),
        lambda pole: place_save(pole=pole, name="Tiers-lieu", commune=CommuneFactory()),
    ],
    ids=["member joins", "member leaves", "place added"],
)
def test_the_services_of_a_pole_renew_its_scope(pole, change):
    scope = invalidation.pole(pole.slug)
    before = state((scope,))[0]

    change(pole)

    assert state((scope,))[0] != before


def test_changing_an_organisation_renews_the_organisations_and_the_lists(db):
    organisation = OrganisationFactory()

    result = renewed(
        lambda: organisation_update(organisation=organisation, name="Nouveau nom"),
        [ORGANISATIONS, POLES, FIGURES],
    )

    assert all(result.values())


def test_the_territories_loader_renews_everything(db):
    from ptce.territories.services import territories_load

    before = state(())[0]

    territories_load(departements={"31"})

    assert state(())[0] != before


def test_removing_an_action_renews_the_figures_of_its_region_and_nation_only(pole, other_pole):
    from ptce.cooperation.plan.services import action_delete
    from tests.cooperation.factories import CooperationActionFactory

    action = CooperationActionFactory(pole=pole)
    scopes = [
        invalidation.figures(),
        invalidation.figures(pole.region_id),
        invalidation.figures(other_pole.region_id),
        POLES,
    ]

    result = renewed(lambda: action_delete(action=action), scopes)

    assert result == dict(zip(scopes, [True, True, False, False], strict=True))


def test_a_deletion_in_the_admin_renews_everything(client, admin_user, pole):
    from django.urls import reverse

    from ptce.poles.models import Membership

    membership = MembershipFactory(pole=pole)
    client.force_login(admin_user)
    before = state(())[0]

    response = client.post(
        reverse("admin:poles_membership_delete", args=[membership.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert state(())[0] != before


@pytest.mark.parametrize("asked", [", …", "x" * 300, "76 OR 1=1"])
def test_a_région_code_from_an_address_makes_a_safe_cache_key(asked):
    """The figures' scope is named after the région asked for; anything but a code is hashed
    (memcached and Redis keys hold no spaces or control characters, and stay short)."""
    scope = invalidation.figures(asked)
    assert scope.startswith("figures:")
    assert scope[len("figures:") :].isalnum()
    assert len(scope) <= 32
    assert invalidation.figures("76") == "figures:76"
    assert invalidation.figures(None) == "figures:national"
