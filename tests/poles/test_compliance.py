import pytest

from ptce.organisations.models import LegalCategory
from ptce.poles.selectors import pole_page
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
