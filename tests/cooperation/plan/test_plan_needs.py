"""Step 2: territory needs and topics, proposed by the people of the pole."""

import pytest
from django.urls import reverse

from ptce.cooperation.models import TerritoryNeed, Topic
from tests.cooperation.factories import (
    CooperationActionFactory,
    TerritoryNeedFactory,
    TopicFactory,
    TopicNeedLinkFactory,
)
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(name, pole, *args):
    return reverse(f"cooperation:{name}", args=[pole.slug, *args])


NEED = {
    "title": "Mobilité des saisonniers",
    "theme": "Mobilité",
    "description": "Pas de transport pour rejoindre les exploitations.",
    "source": "Enquête de la mission locale, 2024",
    "affected": "Travailleurs saisonniers",
    "is_public": "on",
}


def test_a_member_proposes_a_need_untreated_unless_covered(client_as, pole, member):
    response = client_as("member").post(url("need_add", pole), NEED)
    assert response.status_code == 302
    need = TerritoryNeed.objects.get()
    assert need.pole == pole
    assert need.proposed_by == member
    assert need.is_untreated
    page = client_as("member").get(url("needs", pole))
    assert "Besoin non traité" in page.text


def test_a_need_covered_elsewhere_says_by_whom(client_as, pole, member):
    client_as("member").post(
        url("need_add", pole), {**NEED, "is_covered_elsewhere": "on", "covered_by": "La Région"}
    )
    need = TerritoryNeed.objects.get()
    assert not need.is_untreated
    page = client_as("member").get(url("needs", pole))
    assert "Couvert par La Région" in page.text


def test_a_need_without_title_is_refused_in_french(client_as, pole, member):
    response = client_as("member").post(url("need_add", pole), {**NEED, "title": ""})
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.text
    assert not TerritoryNeed.objects.exists()


def test_a_member_edits_their_own_need_but_not_someone_elses(client_as, pole, member):
    own = TerritoryNeedFactory(pole=pole, proposed_by=member)
    others = TerritoryNeedFactory(pole=pole, proposed_by=UserFactory(), title="Pas à moi")
    client = client_as("member")
    response = client.post(url("need_edit", pole, own.pk), {**NEED, "title": "Nouveau titre"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title == "Nouveau titre"
    assert client.get(url("need_edit", pole, others.pk)).status_code == 403
    assert client.post(url("need_delete", pole, others.pk)).status_code == 403
    assert TerritoryNeed.objects.filter(pk=others.pk).exists()


def test_a_coordinator_edits_and_deletes_any_need(client_as, pole, coordinator, member):
    need = TerritoryNeedFactory(pole=pole, proposed_by=member)
    client = client_as("coordinator")
    client.post(url("need_edit", pole, need.pk), {**NEED, "title": "Revu"})
    need.refresh_from_db()
    assert need.title == "Revu"
    assert client.post(url("need_delete", pole, need.pk)).status_code == 302
    assert not TerritoryNeed.objects.exists()


def test_a_need_of_another_pole_is_not_found(client_as, pole, other_pole, coordinator):
    foreign = TerritoryNeedFactory(pole=other_pole)
    assert client_as("coordinator").get(url("need_edit", pole, foreign.pk)).status_code == 404


def test_unchecking_covered_elsewhere_forgets_by_whom(client_as, pole, coordinator):
    need = TerritoryNeedFactory(pole=pole, is_covered_elsewhere=True, covered_by="La Région")
    client_as("coordinator").post(url("need_edit", pole, need.pk), {**NEED, "covered_by": "X"})
    need.refresh_from_db()
    assert (need.is_covered_elsewhere, need.covered_by) == (False, "")


def test_a_member_proposes_a_topic_and_edits_it(client_as, pole, member):
    client = client_as("member")
    response = client.post(url("topic_add", pole), {"title": "Un garage solidaire"})
    assert response.status_code == 302
    topic = Topic.objects.get()
    assert (topic.pole, topic.proposed_by) == (pole, member)
    client.post(url("topic_edit", pole, topic.pk), {"title": "Un garage coopératif"})
    topic.refresh_from_db()
    assert topic.title == "Un garage coopératif"
    assert client.post(url("topic_delete", pole, topic.pk)).status_code == 302
    assert not Topic.objects.exists()


def test_a_member_cannot_edit_a_topic_proposed_by_someone_else(client_as, pole, member):
    topic = TopicFactory(pole=pole, proposed_by=UserFactory(), title="Garde")
    client = client_as("member")
    assert client.post(url("topic_edit", pole, topic.pk), {"title": "Volé"}).status_code == 403
    topic.refresh_from_db()
    assert topic.title == "Garde"


@pytest.mark.parametrize("role", ["instructor", "outsider", "other_coordinator"])
def test_people_outside_the_pole_cannot_propose(client_as, pole, role):
    client = client_as(role)
    assert client.post(url("need_add", pole), NEED).status_code == 403
    assert client.post(url("topic_add", pole), {"title": "Non"}).status_code == 403
    assert not TerritoryNeed.objects.exists()
    assert not Topic.objects.exists()


def test_instructors_read_needs_without_edit_links(client_as, pole, instructor):
    TerritoryNeedFactory(pole=pole, title="Besoin lu")
    page = client_as("instructor").get(url("needs", pole))
    assert page.status_code == 200
    assert "Besoin lu" in page.text
    assert "Proposer un besoin" not in page.text
    assert "Modifier" not in page.text


def test_the_needs_list_counts_topics_and_actions(client_as, pole, member):
    need = TerritoryNeedFactory(pole=pole)
    TopicNeedLinkFactory.create_batch(2, need=need, topic__pole=pole)
    CooperationActionFactory(pole=pole, needs=[need])
    page = client_as("member").get(url("needs", pole))
    need_row = page.context["needs"][0]
    assert (need_row.topic_count, need_row.action_count) == (2, 1)


@pytest.mark.parametrize("count", [3, 30])
def test_the_needs_query_count_does_not_grow(
    client_as, pole, member, count, django_assert_num_queries
):
    for need in TerritoryNeedFactory.create_batch(count, pole=pole, proposed_by=member):
        TopicNeedLinkFactory(need=need, topic__pole=pole)
    client = client_as("member")
    with django_assert_num_queries(7):
        response = client.get(url("needs", pole))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_the_topics_query_count_does_not_grow(
    client_as, pole, member, count, django_assert_num_queries
):
    TopicFactory.create_batch(count, pole=pole, proposed_by=member)
    client = client_as("member")
    with django_assert_num_queries(7):
        response = client.get(url("topics", pole))
    assert response.status_code == 200
