"""Steps 2 and 3 edited in two tabs: the stale save is refused, shown, and can be reapplied."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.cooperation.factories import (
    ActionFundingFactory,
    CooperationActionFactory,
    StrategicObjectiveFactory,
    TerritoryNeedFactory,
    TopicFactory,
)
from tests.editing import reapply, stale_save
from tests.poles.factories import MembershipFactory


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.mark.parametrize(
    ("factory", "name"),
    [
        (TerritoryNeedFactory, "need_edit"),
        (TopicFactory, "topic_edit"),
        (StrategicObjectiveFactory, "objective_edit"),
    ],
)
def test_a_stale_tab_is_refused_then_reapplied(as_coordinator, pole, factory, name):
    obj = factory(pole=pole, description="")
    url = reverse(f"cooperation:{name}", args=[pole.slug, obj.pk])
    conflict = stale_save(
        as_coordinator,
        url,
        theirs={"title": "Titre de l’onglet A"},
        yours={"description": "Description de l’onglet B"},
    )
    obj.refresh_from_db()
    assert (obj.title, obj.description) == ("Titre de l’onglet A", "")
    reapply(as_coordinator, url, conflict)
    obj.refresh_from_db()
    assert obj.description == "Description de l’onglet B"


@pytest.fixture
def action(pole):
    members = [MembershipFactory(pole=pole) for _ in range(2)]
    action = CooperationActionFactory(pole=pole, title="Achats groupés", participants=members)
    ActionFundingFactory(action=action, amount=Decimal("5000"))
    return action


def test_a_stale_action_tab_is_refused_and_its_funding_is_reapplied(as_coordinator, pole, action):
    url = reverse("cooperation:action_edit", args=[pole.slug, action.pk])
    conflict = stale_save(
        as_coordinator,
        url,
        theirs={"title": "Achats groupés d’énergie"},
        yours={"financements-0-amount": "7000"},
    )
    action.refresh_from_db()
    assert action.title == "Achats groupés d’énergie"
    assert [f.amount for f in action.fundings.all()] == [Decimal("5000")]
    reapply(as_coordinator, url, conflict)
    assert [f.amount for f in action.fundings.all()] == [Decimal("7000")]


def test_the_conflict_page_shows_the_funding_saved_meanwhile(as_coordinator, pole, action):
    url = reverse("cooperation:action_edit", args=[pole.slug, action.pk])
    stale_save(
        as_coordinator,
        url,
        theirs={"financements-0-amount": "6500"},
        yours={"title": "Achats groupés d’énergie"},
        shown=["Financements", "Région : 6"],
    )
    assert [f.amount for f in action.fundings.all()] == [Decimal("6500")]
