"""Each eligibility rule of a phase, one by one."""

import datetime

import pytest
from freezegun import freeze_time

from ptce.calls.applicant.eligibility import check_eligibility, joint_application
from ptce.calls.models import ApplicationState, RequirementMode
from ptce.poles.models import Stage
from tests.calls.factories import ApplicationFactory, CallFactory, PhaseFactory
from tests.calls.factories.applicant import make_compliant

pytestmark = pytest.mark.django_db


def test_a_pole_is_eligible_to_an_open_phase_without_rules(pole):
    assert check_eligibility(pole, PhaseFactory()) == []


@freeze_time("2024-03-01")
def test_a_phase_not_yet_open_is_refused_with_its_opening_date(pole):
    phase = PhaseFactory(opens_on=datetime.date(2024, 4, 1), is_permanent=False)
    assert check_eligibility(pole, phase) == ["Le dépôt des candidatures ouvre le 1er avril 2024."]


@freeze_time("2024-03-01")
def test_a_closed_phase_is_refused_even_in_permanent_mode(pole):
    phase = PhaseFactory(closes_on=datetime.date(2023, 12, 31), is_permanent=True)
    assert check_eligibility(pole, phase) == [
        "Le dépôt des candidatures est clos depuis le 31 décembre 2023."
    ]


@freeze_time("2023-06-15")
def test_permanent_mode_accepts_applications_until_the_closing_date(pole):
    phase = PhaseFactory(opens_on=datetime.date(2022, 1, 1), closes_on=datetime.date(2023, 12, 31))
    assert check_eligibility(pole, phase) == []


def test_an_unpublished_call_is_refused(pole):
    phase = PhaseFactory(call=CallFactory(is_published=False))
    assert "Cet appel n’est pas publié." in check_eligibility(pole, phase)


def test_a_pole_outside_the_phase_regions_is_refused(pole, other_region):
    phase = PhaseFactory()
    phase.regions.add(other_region)
    assert check_eligibility(pole, phase) == [
        "La région du pôle (Occitanie) n’est pas éligible\xa0: régions éligibles\xa0: Bretagne."
    ]


def test_a_pole_of_an_eligible_region_is_accepted(pole, region, other_region):
    phase = PhaseFactory()
    phase.regions.add(region, other_region)
    assert check_eligibility(pole, phase) == []


def test_art_9_compliance_is_required_when_the_phase_asks_for_it(pole):
    phase = PhaseFactory(requires_compliance=True)
    reasons = check_eligibility(pole, phase)
    assert len(reasons) == 1
    assert reasons[0].startswith("Le pôle n’est pas conforme à la définition de l’article 9")
    assert "au moins une entreprise de l’économie sociale et solidaire" in reasons[0]


def test_a_compliant_pole_meets_the_art_9_rule(pole):
    make_compliant(pole)
    assert check_eligibility(pole, PhaseFactory(requires_compliance=True)) == []


def test_a_pole_below_the_minimum_stage_is_refused(pole):
    phase = PhaseFactory(minimum_stage=Stage.ACTION_PLAN)
    assert check_eligibility(pole, phase) == [
        "Le pôle doit avoir atteint l’étape «\xa03. Plan d’action et candidature\xa0»\xa0; "
        "il en est à "
        "l’étape «\xa01. Réunir les volontaires\xa0»."
    ]
    pole.stage = Stage.ACTION_PLAN
    assert check_eligibility(pole, phase) == []


def _phase_2(mode):
    phase_1 = PhaseFactory(number=1)
    phase_2 = PhaseFactory(
        call=phase_1.call,
        number=2,
        name="Soutien financier",
        requires_phase=phase_1,
        requirement_mode=mode,
    )
    return phase_1, phase_2


def test_phase_2_requires_being_laureate_of_phase_1(pole):
    phase_1, phase_2 = _phase_2(RequirementMode.LAUREATE)
    assert check_eligibility(pole, phase_2) == [
        "Il faut être lauréat de la phase 1 «\xa0Reconnaissance et accompagnement\xa0»."
    ]
    ApplicationFactory(pole=pole, phase=phase_1, state=ApplicationState.INSTRUCTION)
    assert len(check_eligibility(pole, phase_2)) == 1


def test_a_laureate_of_phase_1_may_apply_to_phase_2(pole):
    phase_1, phase_2 = _phase_2(RequirementMode.LAUREATE)
    ApplicationFactory(pole=pole, phase=phase_1, state=ApplicationState.LAUREATE)
    assert check_eligibility(pole, phase_2) == []
    assert joint_application(pole, phase_2) is None


def test_a_joint_filing_accepts_a_live_application_to_phase_1(pole):
    phase_1, phase_2 = _phase_2(RequirementMode.LAUREATE_OR_JOINT)
    assert "en même temps" in check_eligibility(pole, phase_2)[0]
    first = ApplicationFactory(pole=pole, phase=phase_1, state=ApplicationState.DRAFT)
    assert check_eligibility(pole, phase_2) == []
    assert joint_application(pole, phase_2) == first


def test_a_rejected_phase_1_application_does_not_allow_a_joint_filing(pole):
    phase_1, phase_2 = _phase_2(RequirementMode.LAUREATE_OR_JOINT)
    ApplicationFactory(pole=pole, phase=phase_1, state=ApplicationState.REJECTED)
    assert len(check_eligibility(pole, phase_2)) == 1


def test_a_pole_has_one_live_application_per_phase(pole):
    phase = PhaseFactory()
    ApplicationFactory(pole=pole, phase=phase, state=ApplicationState.SUBMITTED)
    assert check_eligibility(pole, phase) == [
        "Le pôle a déjà une candidature à cette phase («\xa0Déposée\xa0»)."
    ]


def test_a_withdrawn_application_does_not_prevent_a_new_one(pole):
    phase = PhaseFactory()
    ApplicationFactory(pole=pole, phase=phase, state=ApplicationState.WITHDRAWN)
    assert check_eligibility(pole, phase) == []


def test_another_pole_application_does_not_count(pole, other_pole):
    phase = PhaseFactory()
    ApplicationFactory(pole=other_pole, phase=phase)
    assert check_eligibility(pole, phase) == []
