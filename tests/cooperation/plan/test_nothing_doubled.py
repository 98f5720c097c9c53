"""Needs, topics, objectives and actions are created once, whatever the clicks (issue 12)."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from ptce.cooperation.models import CooperationAction, StrategicObjective, TerritoryNeed, Topic
from tests.concurrency import TIMES, at_once, once_token, postgresql_only, sent_twice
from tests.cooperation.factories import (
    StrategicObjectiveFactory,
    TerritoryNeedFactory,
    TopicFactory,
)
from tests.cooperation.plan.test_actions import action_data
from tests.poles.factories import MembershipFactory

NEED = {"title": "Mobilité des saisonniers", "theme": "Mobilité", "is_public": "on"}


def url(name, pole, *args):
    return reverse(f"cooperation:{name}", args=[pole.slug, *args])


@pytest.mark.django_db
def test_a_need_sent_twice_is_recorded_once(client_as, pole, member):
    sent_twice(client_as("member"), url("need_add", pole), NEED)
    assert TerritoryNeed.objects.filter(pole=pole).count() == 1


@pytest.mark.django_db
def test_a_topic_sent_twice_is_recorded_once(client_as, pole, member):
    sent_twice(client_as("member"), url("topic_add", pole), {"title": "Un garage solidaire"})
    assert Topic.objects.filter(pole=pole).count() == 1


@pytest.mark.django_db
def test_an_objective_sent_twice_is_recorded_once(client_as, pole, coordinator):
    sent_twice(client_as("coordinator"), url("objective_add", pole), {"title": "Se déplacer"})
    assert StrategicObjective.objects.filter(pole=pole).count() == 1


@pytest.mark.django_db
def test_an_action_sent_twice_is_recorded_once_and_the_second_click_shows_it(
    client_as, pole, coordinator
):
    members = [MembershipFactory(pole=pole) for _ in range(3)]
    response = sent_twice(client_as("coordinator"), url("action_add", pole), action_data(members))
    action = CooperationAction.objects.get()
    assert response.redirect_chain[-1][0] == url("action_detail", pole, action.pk)


@pytest.mark.django_db
def test_a_need_already_recorded_under_another_case_is_offered_instead(client_as, pole, member):
    existing = TerritoryNeedFactory(pole=pole, title="Mobilité des saisonniers")
    response = client_as("member").post(
        url("need_add", pole), {**NEED, "title": " mobilité DES SAISONNIERS "}
    )
    assertContains(response, "Le besoin « mobilité DES SAISONNIERS » est déjà recensé")
    assertContains(response, f'href="{url("needs", pole)}#besoin-{existing.pk}"')
    assert TerritoryNeed.objects.filter(pole=pole).count() == 1


@pytest.mark.django_db
def test_a_topic_already_proposed_is_offered_instead(client_as, pole, member):
    existing = TopicFactory(pole=pole, title="Un garage solidaire")
    response = client_as("member").post(url("topic_add", pole), {"title": "un garage solidaire"})
    assertContains(response, f'href="{url("topics", pole)}#sujet-{existing.pk}"')
    assert Topic.objects.filter(pole=pole).count() == 1


@pytest.mark.django_db
def test_the_same_need_may_be_recorded_by_two_poles(client_as, pole, member, other_pole):
    TerritoryNeedFactory(pole=other_pole, title=NEED["title"])
    assert client_as("member").post(url("need_add", pole), NEED).status_code == 302


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_eight_needs_sent_at_once_make_one_need(client, pole, member):
    client.force_login(member)
    data = {**NEED, "once": once_token(client.get(url("need_add", pole)))}
    assert at_once(*[(member, url("need_add", pole), data)] * TIMES) == [302] * TIMES
    assert TerritoryNeed.objects.filter(pole=pole).count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_eight_needs_from_eight_pages_at_once_make_one_need_and_tell_the_others(pole, member):
    statuses = at_once(*[(member, url("need_add", pole), NEED)] * TIMES)
    assert sorted(statuses) == [200] * (TIMES - 1) + [302]
    assert TerritoryNeed.objects.filter(pole=pole).count() == 1


@pytest.mark.django_db
def test_an_objective_renamed_to_another_objectives_title_is_refused_in_french(
    client_as, pole, coordinator
):
    StrategicObjectiveFactory(pole=pole, title="Se déplacer")
    renamed = StrategicObjectiveFactory(pole=pole, title="Se nourrir")
    response = client_as("coordinator").post(
        url("objective_edit", pole, renamed.pk),
        {"title": "se déplacer", "description": "", "position": 1},
    )
    assertContains(response, "Un objectif du plan porte déjà ce titre.")
    renamed.refresh_from_db()
    assert renamed.title == "Se nourrir"


@pytest.mark.django_db
def test_an_objective_already_in_the_plan_is_offered_instead(client_as, pole, coordinator):
    existing = StrategicObjectiveFactory(pole=pole, title="Se déplacer")
    response = client_as("coordinator").post(url("objective_add", pole), {"title": "SE déplacer"})
    assertContains(response, f'href="{url("plan", pole)}#objectif-{existing.pk}"')
    assert StrategicObjective.objects.filter(pole=pole).count() == 1
