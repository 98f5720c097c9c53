"""Shared resources and meetings edited in two tabs: the stale save is refused, then reapplied."""

import pytest
from django.urls import reverse

from tests.cooperation.factories import MeetingFactory, SharedResourceFactory
from tests.editing import reapply, stale_save


@pytest.mark.parametrize(
    ("factory", "name"),
    [(SharedResourceFactory, "resource_edit"), (MeetingFactory, "meeting_edit")],
)
def test_a_stale_tab_is_refused_then_reapplied(client, coordinator, pole, factory, name):
    client.force_login(coordinator)
    obj = factory(pole=pole, title="Avant")
    url = reverse(f"cooperation:{name}", args=[pole.slug, obj.pk])
    conflict = stale_save(
        client, url, theirs={"title": "Titre de l’onglet A"}, yours={"title": "Titre de l’onglet B"}
    )
    obj.refresh_from_db()
    assert obj.title == "Titre de l’onglet A"
    reapply(client, url, conflict)
    obj.refresh_from_db()
    assert obj.title == "Titre de l’onglet B"
