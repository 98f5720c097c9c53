"""The stage tracker: each of the three key steps, its state and what is missing."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from ptce.cooperation.models import JoinRequestStatus
from ptce.cooperation.plan.stages import DONE, IN_PROGRESS, TODO, pole_stages
from ptce.organisations.models import LegalCategory
from ptce.www.poles.selectors import pole_page
from tests.cooperation.factories import (
    CooperationActionFactory,
    JoinRequestFactory,
    StrategicObjectiveFactory,
    TerritoryNeedFactory,
    TopicFactory,
    TopicNeedLinkFactory,
)
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory
from tests.territories.factories import DepartementFactory

pytestmark = pytest.mark.django_db


def add_member(pole, category, **kwargs):
    return MembershipFactory(
        pole=pole, organisation=OrganisationFactory(legal_category=category, **kwargs)
    )


def steps(pole):
    return {step.number: step for step in pole_stages(pole)}


def test_a_new_pole_has_everything_to_do(pole):
    result = steps(pole)
    assert [result[n].state for n in (1, 2, 3)] == [TODO, TODO, TODO]
    assert "aucune collectivité membre" in result[1].missing
    assert "aucune entreprise de l’ESS membre" in result[1].missing
    assert "aucun besoin relié à un sujet" in result[2].missing
    assert "aucun besoin relié à une action" in result[3].missing


def test_step_one_is_in_progress_while_a_local_authority_is_missing(pole):
    add_member(pole, LegalCategory.SCIC)
    add_member(pole, LegalCategory.SOCIETE_COMMERCIALE)
    add_member(pole, LegalCategory.ASSOCIATION)
    step = steps(pole)[1]
    assert step.state == IN_PROGRESS
    assert step.missing == ["aucune collectivité membre"]
    assert "3 organisations membres" in step.done


def test_pending_join_requests_keep_step_one_open(pole):
    add_member(pole, LegalCategory.SCIC)
    add_member(pole, LegalCategory.SOCIETE_COMMERCIALE)
    add_member(pole, LegalCategory.COLLECTIVITE, siret=None)
    assert steps(pole)[1].state == DONE
    JoinRequestFactory.create_batch(2, pole=pole)
    JoinRequestFactory(pole=pole, status=JoinRequestStatus.DECLINED)
    step = steps(pole)[1]
    assert step.state == IN_PROGRESS
    assert step.missing == ["2 demandes d’adhésion en attente de réponse"]


def test_too_few_members_is_said(pole):
    add_member(pole, LegalCategory.SCIC)
    assert any("il en faut au moins 3" in item for item in steps(pole)[1].missing)


def test_step_two_is_done_when_needs_and_topics_are_crossed(pole):
    need = TerritoryNeedFactory(pole=pole)
    topic = TopicFactory(pole=pole)
    step = steps(pole)[2]
    assert step.state == IN_PROGRESS
    assert step.missing == ["aucun besoin relié à un sujet"]
    TopicNeedLinkFactory(topic=topic, need=need)
    step = steps(pole)[2]
    assert step.state == DONE
    assert "1 besoin(s) relié(s) à un sujet dans la matrice" in step.done


def test_needs_not_yet_crossed_are_counted(pole):
    needs = TerritoryNeedFactory.create_batch(3, pole=pole)
    TopicNeedLinkFactory(need=needs[0], topic__pole=pole)
    TopicNeedLinkFactory(need=needs[0], topic__pole=pole)
    assert steps(pole)[2].missing == ["2 besoin(s) relié(s) à aucun sujet"]


def test_links_of_another_pole_do_not_count(pole, other_pole):
    TopicNeedLinkFactory(topic__pole=other_pole)
    TerritoryNeedFactory(pole=pole)
    TopicFactory(pole=pole)
    assert steps(pole)[2].missing == ["aucun besoin relié à un sujet"]


def test_step_three_is_done_with_a_plan_answering_a_need_and_art_9_compliance(pole):
    pole.covered_departements.add(DepartementFactory(code="31"))
    members = [
        add_member(pole, LegalCategory.SCIC),
        add_member(pole, LegalCategory.SOCIETE_COMMERCIALE),
        add_member(pole, LegalCategory.COLLECTIVITE, siret=None),
    ]
    objective = StrategicObjectiveFactory(pole=pole)
    action = CooperationActionFactory(pole=pole, objective=objective, participants=members)
    step = steps(pole)[3]
    assert step.state == IN_PROGRESS
    assert step.missing == ["aucun besoin relié à une action"]
    action.needs.add(TerritoryNeedFactory(pole=pole))
    step = steps(pole)[3]
    assert step.state == DONE
    assert "conforme à la définition de l’article 9" in step.done


def test_step_three_names_the_missing_art_9_items(pole):
    StrategicObjectiveFactory(pole=pole)
    missing = steps(pole)[3].missing
    assert "aucune action inscrite au plan d’action" in missing
    art9 = next(item for item in missing if item.startswith("article 9"))
    assert "une stratégie commune et continue" in art9


def test_the_tracker_reads_a_fixed_number_of_queries(pole, django_assert_num_queries):
    for _ in range(5):
        add_member(pole, LegalCategory.SCIC)
    TopicNeedLinkFactory.create_batch(4, topic__pole=pole, need__pole=pole)
    with django_assert_num_queries(4):
        pole_stages(pole)
    page = pole_page(pole)
    with django_assert_num_queries(1):
        pole_stages(pole, memberships=page["memberships"], compliance=page["compliance"])


def test_the_include_shows_each_step_and_what_is_missing(pole):
    html = render_to_string(
        "cooperation/plan/_stage_tracker.html", {"pole": pole, "stages": pole_stages(pole)}
    )
    assert 'data-ptce-step="1" data-ptce-state="a_faire"' in html
    assert "Manque&nbsp;: aucune collectivité membre" in html
    assert reverse("cooperation:stages", args=[pole.slug]) in html


def test_the_stages_page_is_for_coordinators(client_as, pole, coordinator):
    response = client_as("coordinator").get(reverse("cooperation:stages", args=[pole.slug]))
    assert response.status_code == 200
    assert "aucun besoin relié à une action" in response.text
    assert response.context["tab"] == "stages"
