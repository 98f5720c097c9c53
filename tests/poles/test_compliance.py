import pytest

from ptce.cooperation.compliance import pole_compliance
from ptce.cooperation.models import ActionStatus
from ptce.organisations.models import LegalCategory
from ptce.www.poles.selectors import pole_page
from tests.cooperation.factories import CooperationActionFactory, StrategicObjectiveFactory
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory
from tests.territories.factories import CommuneFactory, DepartementFactory, RegionFactory

pytestmark = pytest.mark.django_db


def add_member(pole, category, **kwargs):
    return MembershipFactory(
        pole=pole, organisation=OrganisationFactory(legal_category=category, **kwargs)
    )


def checks(pole):
    return {check.code: check for check in pole_page(pole)["compliance"].checks}


def test_an_empty_pole_names_every_missing_element(pole):
    result = checks(pole)
    assert result["ess"].status == "missing"
    assert result["entreprise"].status == "missing"
    assert result["collectivite"].status == "missing"
    assert "Aucune collectivité" in result["collectivite"].reason
    assert result["strategie"].status == "todo"


def test_a_complete_pole_passes_every_member_check(pole):
    pole.covered_departements.add(DepartementFactory(code="31"))
    add_member(pole, LegalCategory.SCIC, name="SCIC Énergies")
    add_member(pole, LegalCategory.SOCIETE_COMMERCIALE, name="Menuiserie Durand SARL")
    add_member(pole, LegalCategory.COLLECTIVITE, name="Communauté de communes des Coteaux")
    result = checks(pole)
    assert [
        result[code].status for code in ("ess", "entreprise", "collectivite", "territoire")
    ] == ["ok"] * 4
    assert "SCIC Énergies" in result["ess"].reason
    # The strategy stays « à compléter » until the action plan exists.
    assert pole_page(pole)["compliance"].is_compliant is False
    objective = StrategicObjectiveFactory(pole=pole, title="Mutualiser les achats")
    CooperationActionFactory(pole=pole, objective=objective)
    assert pole_page(pole)["compliance"].is_compliant is True


def test_a_commercial_company_with_ess_quality_counts_as_ess_not_as_classic(pole):
    add_member(pole, LegalCategory.SOCIETE_COMMERCIALE, ess_quality=True)
    result = checks(pole)
    assert result["ess"].ok
    assert result["entreprise"].status == "missing"


def test_a_pole_without_local_authority_is_told_so(pole):
    add_member(pole, LegalCategory.ASSOCIATION)
    add_member(pole, LegalCategory.SOCIETE_COMMERCIALE)
    result = checks(pole)
    assert result["ess"].ok
    assert result["entreprise"].ok
    assert result["collectivite"].status == "missing"


def test_members_far_from_the_territory_are_named(pole):
    pole.covered_departements.add(DepartementFactory(code="31"))
    brittany = DepartementFactory(code="29", name="Finistère", region=RegionFactory(code="53"))
    add_member(
        pole,
        LegalCategory.ASSOCIATION,
        name="Asso de Brest",
        commune=CommuneFactory(code="29019", departement=brittany),
    )
    add_member(pole, LegalCategory.ASSOCIATION, name="Asso locale")
    result = checks(pole)
    assert result["territoire"].status == "missing"
    assert result["territoire"].names == ["Asso de Brest"]


def test_the_territory_check_waits_for_a_territory(pole):
    pole.covered_departements.clear()
    add_member(pole, LegalCategory.ASSOCIATION)
    assert checks(pole)["territoire"].status == "todo"
    assert "à préciser (seule sa région est indiquée)" in checks(pole)["territoire"].reason


def test_the_strategy_asks_for_strategic_objectives_first(pole):
    strategy = checks(pole)["strategie"]
    assert strategy.status == "todo"
    assert "aucun objectif stratégique" in strategy.reason


def test_the_strategy_names_the_objectives_that_no_action_carries(pole):
    StrategicObjectiveFactory(pole=pole, title="Structurer la filière bois")
    strategy = checks(pole)["strategie"]
    assert strategy.status == "todo"
    assert "aucune action du plan" in strategy.reason
    assert "«\xa0Structurer la filière bois\xa0»" in strategy.reason


def test_an_action_outside_the_plan_or_abandoned_does_not_make_a_strategy(pole):
    objective = StrategicObjectiveFactory(pole=pole)
    CooperationActionFactory(pole=pole, objective=objective, in_action_plan=False)
    CooperationActionFactory(pole=pole, objective=objective, status=ActionStatus.ABANDONED)
    assert checks(pole)["strategie"].status == "todo"


def test_an_objective_carried_by_an_action_of_the_plan_makes_the_strategy(pole):
    objective = StrategicObjectiveFactory(pole=pole, title="Mutualiser les achats")
    StrategicObjectiveFactory(pole=pole, title="Objectif sans action")
    CooperationActionFactory.create_batch(2, pole=pole, objective=objective)
    strategy = checks(pole)["strategie"]
    assert strategy.ok
    assert strategy.names == ["Mutualiser les achats"]
    assert "«\xa0Mutualiser les achats\xa0» (2 actions)" in strategy.reason


def test_another_poles_plan_does_not_count(pole, other_pole):
    objective = StrategicObjectiveFactory(pole=other_pole)
    CooperationActionFactory(pole=other_pole, objective=objective)
    assert checks(pole)["strategie"].status == "todo"


def test_a_plan_given_by_the_caller_is_used_without_a_query(pole, django_assert_num_queries):
    with django_assert_num_queries(0):
        compliance = pole_compliance(pole, [], set(), plan=[("Objectif", 1)])
    assert {check.code: check for check in compliance.checks}["strategie"].ok
