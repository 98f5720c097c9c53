"""Step 3: the action plan page, outcomes roll-up (pole and national) and the public summary."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from ptce.cooperation.models import ActionStatus, StrategicObjective
from ptce.cooperation.plan import selectors
from tests.cooperation.factories import (
    ActionFundingFactory,
    CooperationActionFactory,
    StrategicObjectiveFactory,
    TerritoryNeedFactory,
)
from tests.poles.factories import MembershipFactory, PoleFactory, PolePersonFactory
from tests.territories.factories import RegionFactory

pytestmark = pytest.mark.django_db


def url(name, pole, *args):
    return reverse(f"cooperation:{name}", args=[pole.slug, *args])


def test_the_plan_lists_objectives_then_their_actions(client_as, pole, member):
    first = StrategicObjectiveFactory(pole=pole, title="Mutualiser", position=0)
    second = StrategicObjectiveFactory(pole=pole, title="Former", position=1)
    CooperationActionFactory(pole=pole, objective=second, title="Formation commune")
    CooperationActionFactory(pole=pole, objective=first, title="Achats groupés")
    CooperationActionFactory(pole=pole, title="Action orpheline")
    CooperationActionFactory(pole=pole, title="Action hors plan", in_action_plan=False)
    page = client_as("member").get(url("plan", pole)).text
    order = [
        page.index(text)
        for text in (
            "Objectif 1&nbsp;: Mutualiser",
            "Achats groupés",
            "Objectif 2&nbsp;: Former",
            "Formation commune",
            "Actions du plan sans objectif",
            "Action orpheline",
            "Actions hors plan d’action",
            "Action hors plan",
        )
    ]
    assert order == sorted(order)


def test_a_coordinator_adds_edits_and_removes_an_objective(client_as, pole, coordinator):
    client = client_as("coordinator")
    client.post(url("objective_add", pole), {"title": "Structurer la filière", "description": ""})
    objective = StrategicObjective.objects.get()
    assert objective.pole == pole
    action = CooperationActionFactory(pole=pole, objective=objective)
    client.post(
        url("objective_edit", pole, objective.pk),
        {"title": "Structurer la filière bois", "description": "", "position": "3"},
    )
    objective.refresh_from_db()
    assert (objective.title, objective.position) == ("Structurer la filière bois", 3)
    client.post(url("objective_delete", pole, objective.pk))
    action.refresh_from_db()
    assert action.objective is None
    assert not StrategicObjective.objects.exists()


@pytest.mark.parametrize("role", ["member", "instructor"])
def test_members_and_instructors_cannot_change_objectives(client_as, pole, role):
    objective = StrategicObjectiveFactory(pole=pole, title="Fixe")
    client = client_as(role)
    assert client.post(url("objective_add", pole), {"title": "Non"}).status_code == 403
    assert client.post(url("objective_delete", pole, objective.pk)).status_code == 403
    assert list(StrategicObjective.objects.values_list("title", flat=True)) == ["Fixe"]


@pytest.mark.parametrize("count", [2, 15])
def test_the_plan_query_count_does_not_grow(
    client_as, pole, member, count, django_assert_num_queries
):
    members = MembershipFactory.create_batch(3, pole=pole)
    objectives = StrategicObjectiveFactory.create_batch(count, pole=pole)
    for objective in objectives:
        action = CooperationActionFactory(
            pole=pole, objective=objective, participants=members, lead=members[0]
        )
        ActionFundingFactory(action=action)
    client = client_as("member")
    with django_assert_num_queries(13):
        response = client.get(url("plan", pole))
    assert response.status_code == 200


# --- Outcomes ------------------------------------------------------------------------------


def test_pole_outcomes_add_up_every_action_with_aggregate_queries(
    pole, other_pole, django_assert_num_queries
):
    first = CooperationActionFactory(
        pole=pole,
        jobs_created_etp=Decimal("1.5"),
        jobs_kept_etp=2,
        activities_created=1,
        turnover=1000,
    )
    second = CooperationActionFactory(
        pole=pole, jobs_created_etp=1, activities_created=2, turnover=None, is_public=False
    )
    ActionFundingFactory(action=first, source="region", amount=300)
    ActionFundingFactory(action=second, source="region", amount=200)
    ActionFundingFactory(action=second, source="europe", amount=1000)
    CooperationActionFactory(pole=other_pole, jobs_created_etp=50)
    with django_assert_num_queries(2):
        outcomes = selectors.pole_outcomes(pole)
    assert outcomes["action_count"] == 2
    assert outcomes["jobs_created_etp"] == Decimal("2.5")
    assert outcomes["jobs_kept_etp"] == Decimal("2")
    assert outcomes["activities_created"] == 3
    assert outcomes["turnover"] == Decimal("1000")
    assert [(row["source"], row["total"]) for row in outcomes["funding_by_source"]] == [
        ("europe", Decimal("1000")),
        ("region", Decimal("500")),
    ]
    assert outcomes["funding_total"] == Decimal("1500")
    public = selectors.pole_outcomes(pole, public_only=True)
    assert (public["action_count"], public["jobs_created_etp"]) == (1, Decimal("1.5"))


def test_a_pole_without_actions_has_zero_outcomes(pole):
    outcomes = selectors.pole_outcomes(pole)
    assert outcomes["jobs_created_etp"] == 0
    assert outcomes["turnover"] == 0
    assert outcomes["funding_by_source"] == []


def test_national_outcomes_count_public_actions_of_published_poles_by_region(
    django_assert_num_queries,
):
    brittany = RegionFactory(code="53", name="Bretagne")
    occitanie = RegionFactory(code="76", name="Occitanie")
    CooperationActionFactory(pole=PoleFactory(region=brittany), jobs_created_etp=2)
    action = CooperationActionFactory(pole=PoleFactory(region=occitanie), jobs_created_etp=3)
    ActionFundingFactory(action=action, source="etat", amount=100)
    CooperationActionFactory(pole=PoleFactory(region=occitanie), is_public=False)
    CooperationActionFactory(pole=PoleFactory(region=occitanie, is_published=False))
    with django_assert_num_queries(3):
        figures = selectors.national_outcomes()
    assert figures["action_count"] == 2
    assert figures["jobs_created_etp"] == Decimal("5")
    assert figures["funding_total"] == Decimal("100")
    assert [(r["pole__region__name"], r["action_count"]) for r in figures["by_region"]] == [
        ("Bretagne", 1),
        ("Occitanie", 1),
    ]


def test_the_plan_page_shows_the_outcomes(client_as, pole, member):
    action = CooperationActionFactory(pole=pole, jobs_created_etp=4)
    ActionFundingFactory(action=action, source="europe", amount=2500)
    page = client_as("member").get(url("plan", pole)).text
    assert "Union européenne" in page
    assert "2 500 €" in page or "2\u202f500 €" in page or "2\xa0500 €" in page


# --- Public summary ------------------------------------------------------------------------


def render_summary(pole):
    return render_to_string(
        "cooperation/plan/_public_summary.html",
        {"summary": selectors.public_summary(pole), "pole": pole},
    )


def test_the_public_summary_shows_public_actions_and_needs_only(pole):
    members = MembershipFactory.create_batch(3, pole=pole)
    CooperationActionFactory(
        pole=pole,
        title="Recyclerie partagée",
        participants=members,
        partners="Jean Dupont, jean.dupont@exemple.fr",
        status=ActionStatus.RUNNING,
    )
    CooperationActionFactory(pole=pole, title="Projet confidentiel", is_public=False)
    TerritoryNeedFactory(pole=pole, title="Garde d’enfants", is_covered_elsewhere=False)
    TerritoryNeedFactory(pole=pole, title="Besoin interne", is_public=False)
    html = render_summary(pole)
    assert "Recyclerie partagée" in html
    assert "En cours" in html
    assert "<td>3</td>" in html  # participants counted, not named
    assert "Projet confidentiel" not in html
    assert "Garde d’enfants" in html
    assert "Besoin non traité" in html
    assert "Besoin interne" not in html
    assert "jean.dupont@exemple.fr" not in html
    assert members[0].organisation.name not in html


def test_the_public_summary_reads_a_fixed_number_of_queries(pole, django_assert_num_queries):
    members = MembershipFactory.create_batch(2, pole=pole)
    CooperationActionFactory.create_batch(5, pole=pole, participants=members)
    TerritoryNeedFactory.create_batch(5, pole=pole)
    with django_assert_num_queries(4):
        render_summary(pole)


def test_the_public_summary_offers_to_join(pole):
    assert reverse("cooperation:join", args=[pole.slug]) in render_summary(pole)


def test_a_person_of_another_pole_does_not_see_this_plan(client_as, pole, other_coordinator):
    assert client_as("other_coordinator").get(url("plan", pole)).status_code == 403


def test_a_member_of_an_unpublished_pole_still_reads_its_plan(client, pole):
    pole.is_published = False
    pole.save()
    person = PolePersonFactory(pole=pole, role="membre")
    client.force_login(person.user)
    assert client.get(url("plan", pole)).status_code == 200
