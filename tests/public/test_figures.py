"""The key figures (`ptce.public.figures.national_figures`): exact numbers on a small dataset,
the région filter, unpublished poles never counted, the median profile from 5 poles."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from ptce.calls.models import ApplicationState
from ptce.cooperation.models import ActionType
from ptce.cooperation.plan.selectors import national_outcomes
from ptce.organisations.models import LegalCategory
from ptce.poles.models import PoleForm, Sector, Stage
from ptce.poles.services import pole_update
from ptce.public.figures import national_figures
from ptce.territories.models import Region
from tests.assessments.results_data import validated_evaluation
from tests.calls.factories import ApplicationFactory, CallFactory, PhaseFactory
from tests.cooperation.factories import CooperationActionFactory
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory, PoleFactory

pytestmark = pytest.mark.django_db


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 12))


def action(pole, kind, jobs, kept=0, activities=0, *, is_public=True):
    return CooperationActionFactory(
        pole=pole,
        action_type=kind,
        jobs_created_etp=Decimal(str(jobs)),
        jobs_kept_etp=Decimal(str(kept)),
        activities_created=activities,
        is_public=is_public,
    )


def decided(phase, pole, state, when):
    return ApplicationFactory(
        phase=phase, pole=pole, state=state, first_submitted_at=at(2022, 3, 1), decided_at=when
    )


@pytest.fixture
def dataset(region, other_region):
    return build_dataset(region, other_region)


def build_dataset(region, other_region):
    """Three published poles (two in Occitanie, one in Bretagne) and an unpublished one in
    Occitanie that has a bit of everything, none of which may ever be counted."""
    food = Sector.objects.get(slug="alimentation")
    mobility = Sector.objects.get(slug="mobilite")
    p1 = PoleFactory(
        region=region, stage=Stage.VOLUNTEERS, form=PoleForm.GRAPPE, creation_year=2015
    )
    p2 = PoleFactory(
        region=region, stage=Stage.RECOGNISED, form=PoleForm.FILIERE, creation_year=2017
    )
    p3 = PoleFactory(region=other_region, stage=Stage.CO_CONSTRUCTION, form="", creation_year=2015)
    hidden = PoleFactory(
        name="Pôle caché",
        region=region,
        stage=Stage.RECOGNISED,
        form=PoleForm.GRAPPE,
        creation_year=2016,
        is_published=False,
    )
    p1.sectors.set([food])
    p2.sectors.set([food, mobility])
    p3.sectors.set([mobility])
    hidden.sectors.set([food])

    both = OrganisationFactory(legal_category=LegalCategory.ASSOCIATION)
    MembershipFactory(pole=p1, organisation=both)
    MembershipFactory(pole=p2, organisation=both)
    MembershipFactory(pole=p1, organisation__legal_category=LegalCategory.SOCIETE_COMMERCIALE)
    MembershipFactory(pole=p2, organisation__legal_category=LegalCategory.UNIVERSITE)
    MembershipFactory(pole=p3, organisation__legal_category=LegalCategory.COLLECTIVITE)
    MembershipFactory(
        pole=p3,
        organisation__legal_category=LegalCategory.SOCIETE_COMMERCIALE,
        organisation__ess_quality=True,
    )
    MembershipFactory(pole=p1, left_on=datetime.date(2024, 1, 1))
    MembershipFactory(pole=hidden, organisation__name="Association du pôle caché")

    action(p1, ActionType.POOL_RESOURCES, 2.5, kept=1, activities=1)
    action(p2, ActionType.TRAINING, 1, activities=2)
    action(p2, ActionType.TRAINING, 10, is_public=False)
    action(p3, ActionType.TRAINING, 3, kept=0.5)
    action(hidden, ActionType.TRAINING, 100)

    call = CallFactory(name="AMI PTCE 2022", slug="ami-2022", year=2022)
    recognition = PhaseFactory(call=call, number=1, name="Reconnaissance", is_recognition=True)
    support = PhaseFactory(call=call, number=2, name="Accompagnement", is_recognition=False)
    decided(recognition, p1, ApplicationState.LAUREATE, at(2023, 5, 10))
    decided(recognition, p2, ApplicationState.LAUREATE, at(2024, 2, 1))
    decided(recognition, p3, ApplicationState.REJECTED, at(2023, 6, 1))
    decided(recognition, hidden, ApplicationState.LAUREATE, at(2023, 7, 1))
    decided(support, p3, ApplicationState.LAUREATE, at(2023, 1, 1))
    ApplicationFactory(phase=support, pole=p1)  # a draft never counts
    return {"poles": [p1, p2, p3], "hidden": hidden}


def counts(rows, key):
    return {row[key]: row["count"] for row in rows}


def test_published_poles_are_counted_by_region_stage_form_and_sector(dataset):
    figures = national_figures()

    assert figures["region"] is None
    assert figures["poles"] == {"total": 3}
    assert figures["by_region"] == [
        {"code": "53", "name": "Bretagne", "count": 1},
        {"code": "76", "name": "Occitanie", "count": 2},
    ]
    assert counts(figures["by_stage"], "stage") == {1: 1, 2: 1, 3: 0, 4: 1}
    assert [row["label"] for row in figures["by_stage"]][-1] == "Reconnu par l’État"
    assert [(row["form"], row["count"]) for row in figures["by_form"]] == [
        ("grappe", 1),
        ("filiere", 1),
        ("lieu_urbain", 0),
        ("lieu_rural", 0),
        ("", 1),
    ]
    assert figures["by_form"][-1]["label"] == "Non renseignée"
    sectors = counts(figures["by_sector"], "slug")
    assert (sectors["alimentation"], sectors["mobilite"], sectors["energie"]) == (2, 2, 0)
    assert len(figures["by_sector"]) == Sector.objects.count()


def test_member_organisations_are_counted_once_by_family_with_the_ess_share(dataset):
    members = national_figures()["members"]

    assert (members["total"], members["ess"], members["non_ess"]) == (5, 2, 3)
    assert members["ess_share"] == 40.0
    assert counts(members["by_family"], "family") == {
        "ess": 2,
        "entreprise": 1,
        "collectivite": 1,
        "recherche_formation": 1,
        "autre": 0,
    }
    assert members["by_family"][0]["label"] == "Entreprises de l’ESS"


def test_jobs_created_sum_the_public_actions_of_published_poles(dataset):
    outcomes = national_figures()["outcomes"]

    assert outcomes["action_count"] == 3
    assert outcomes["jobs_created_etp"] == 6.5
    assert outcomes["jobs_kept_etp"] == 1.5
    assert outcomes["activities_created"] == 3
    assert outcomes["by_region"] == [
        {
            "code": "53",
            "name": "Bretagne",
            "action_count": 1,
            "jobs_created_etp": 3.0,
            "jobs_kept_etp": 0.5,
            "activities_created": 0,
        },
        {
            "code": "76",
            "name": "Occitanie",
            "action_count": 2,
            "jobs_created_etp": 3.5,
            "jobs_kept_etp": 1.0,
            "activities_created": 3,
        },
    ]


def test_the_national_jobs_agree_with_the_cooperation_app(dataset):
    reference = national_outcomes()
    outcomes = national_figures()["outcomes"]

    assert outcomes["action_count"] == reference["action_count"]
    assert outcomes["jobs_created_etp"] == float(reference["jobs_created_etp"])
    assert outcomes["jobs_kept_etp"] == float(reference["jobs_kept_etp"])


def test_cooperation_actions_are_counted_by_type(dataset):
    by_type = counts(national_figures()["actions_by_type"], "type")

    assert by_type["mutualisation_ressources"] == 1
    assert by_type["formation"] == 2
    assert sum(by_type.values()) == 3
    assert list(by_type) == list(ActionType.values)


def test_applications_and_laureates_per_phase_give_the_selection_rate(dataset):
    calls = national_figures()["calls"]

    assert [
        (row["call"], row["phase"], row["applications"], row["laureates"], row["rate"])
        for row in calls
    ] == [("AMI PTCE 2022", 1, 4, 3, 75), ("AMI PTCE 2022", 2, 1, 1, 100)]
    assert calls[0]["label"] == "3 lauréats parmi 4 candidatures réceptionnées (75 %)"


def test_poles_are_counted_by_year_of_creation_with_every_year_in_between(dataset):
    assert national_figures()["by_creation_year"] == [
        {"year": 2015, "count": 2},
        {"year": 2016, "count": 0},
        {"year": 2017, "count": 1},
    ]


def test_recognitions_are_the_published_laureates_of_recognition_phases_by_decision_year(
    dataset,
):
    assert national_figures()["recognitions_by_year"] == [
        {"year": 2023, "count": 1},
        {"year": 2024, "count": 1},
    ]


def test_the_region_filter_narrows_every_per_pole_figure(dataset, region):
    figures = national_figures("76")

    assert figures["region"] == {"code": "76", "name": "Occitanie"}
    assert figures["poles"] == {"total": 2}
    assert figures["by_region"] == [{"code": "76", "name": "Occitanie", "count": 2}]
    assert counts(figures["by_stage"], "stage") == {1: 1, 2: 0, 3: 0, 4: 1}
    assert [row["form"] for row in figures["by_form"]] == list(PoleForm.values)
    sectors = counts(figures["by_sector"], "slug")
    assert (sectors["alimentation"], sectors["mobilite"]) == (2, 1)
    members = figures["members"]
    assert (members["total"], members["ess"], members["ess_share"]) == (3, 1, 33.3)
    assert figures["outcomes"]["jobs_created_etp"] == 3.5
    assert figures["outcomes"]["action_count"] == 2
    assert counts(figures["actions_by_type"], "type")["formation"] == 1
    assert [(row["applications"], row["laureates"], row["rate"]) for row in figures["calls"]] == [
        (3, 3, 100),
        (0, 0, None),
    ]
    assert figures["by_creation_year"] == [
        {"year": 2015, "count": 1},
        {"year": 2016, "count": 0},
        {"year": 2017, "count": 1},
    ]
    assert national_figures(region)["poles"] == {"total": 2}


def test_a_region_without_recognition_has_an_empty_evolution(dataset):
    figures = national_figures("53")

    assert figures["poles"] == {"total": 1}
    assert figures["recognitions_by_year"] == []


def test_an_unknown_region_code_raises(dataset):
    with pytest.raises(Region.DoesNotExist):
        national_figures("99")


def test_unpublished_poles_are_never_counted(dataset):
    hidden = dataset["hidden"]
    before = national_figures()
    pole_update(pole=hidden, is_published=True)
    after = national_figures()

    assert after["poles"]["total"] == before["poles"]["total"] + 1
    assert after["members"]["total"] == before["members"]["total"] + 1
    assert after["outcomes"]["jobs_created_etp"] == before["outcomes"]["jobs_created_etp"] + 100
    assert counts(after["by_creation_year"], "year")[2016] == 1
    assert counts(after["recognitions_by_year"], "year")[2023] == 2


def test_the_figures_hold_no_pole_or_organisation_name(dataset):
    text = json.dumps(national_figures(), ensure_ascii=False)

    for pole in [*dataset["poles"], dataset["hidden"]]:
        assert pole.name not in text
    assert "Association du pôle caché" not in text
    assert "Organisation" not in text


def test_the_figures_are_json_serialisable(dataset):
    figures = national_figures()

    assert json.loads(json.dumps(figures)) == figures


# --- The median ECARTS profile -------------------------------------------------------------

FIVE = ["111111111", "222222222", "333333333", "444444444", "555555555"]


def poles_with_scores(agreed_list, **pole_fields):
    for agreed in agreed_list:
        validated_evaluation(PoleFactory(**pole_fields), agreed)


def test_the_median_profile_is_absent_with_four_poles(region):
    poles_with_scores(FIVE[:4], region=region)

    assert national_figures()["median_profile"] is None


def test_the_median_profile_appears_with_five_poles(region):
    poles_with_scores(FIVE, region=region)

    profile = national_figures()["median_profile"]

    assert profile["pole_count"] == 5
    assert profile["referentiel"]
    letters = [c["letter"] for objective in profile["objectives"] for c in objective["criteria"]]
    assert sorted(letters) == list("ABCDEFGHI")
    medians = {
        c["letter"]: c["median"]
        for objective in profile["objectives"]
        for c in objective["criteria"]
    }
    assert medians == dict.fromkeys("ABCDEFGHI", 3.0)
    assert all(c["label"] for objective in profile["objectives"] for c in objective["criteria"])


def test_an_unpublished_pole_does_not_complete_the_median_profile(region):
    poles_with_scores(FIVE[:4], region=region)
    poles_with_scores(FIVE[4:], region=region, is_published=False)

    assert national_figures()["median_profile"] is None


def test_the_median_profile_of_a_region_needs_five_poles_of_that_region(region, other_region):
    poles_with_scores(FIVE[:3], region=region)
    poles_with_scores(FIVE[3:], region=other_region)

    assert national_figures()["median_profile"]["pole_count"] == 5
    assert national_figures("76")["median_profile"] is None
