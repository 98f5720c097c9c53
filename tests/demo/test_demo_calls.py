"""The demo's State calls: AMI 2021, AMI 2022 (phase 1 permanent) and a call open today, with
applications in every state across several régions, each following the transition table."""

import re

import pytest

from ptce.calls.applicant.completeness import missing_items
from ptce.calls.models import Application, ApplicationState, Call
from ptce.calls.workflow import TRANSITIONS, WORKFLOW
from ptce.poles.models import Stage
from tests.demo.demo_data import run_demo_load
from tests.demo.test_demo import counts


@pytest.mark.usefixtures("demo")
class TestTheDemoCalls:
    def test_it_has_the_calls_ami_2021_and_2022_with_a_permanent_phase_1(self, db):
        calls = {call.slug: call for call in Call.objects.prefetch_related("phases")}

        assert {"ami-ptce-2021", "ami-ptce-2022"} <= set(calls)
        phase_1 = calls["ami-ptce-2022"].phases.get(number=1)
        assert phase_1.is_permanent
        assert phase_1.closes_on.isoformat() == "2023-12-31"
        assert calls["ami-ptce-2022"].phases.get(number=2).support_type == "financier"

    def test_applications_are_in_every_state_across_several_regions(self, db):
        states = set(Application.objects.values_list("state", flat=True))
        regions = set(Application.objects.values_list("pole__region__code", flat=True))

        assert states == set(ApplicationState.values)
        assert len(regions) >= 5

    def test_each_application_log_follows_the_transition_table(self, db):
        for application in Application.objects.prefetch_related("transitions"):
            state = ApplicationState.DRAFT
            for row in application.transitions.all():
                assert row.from_state == state
                assert (
                    WORKFLOW.check_move(state, _name(row.from_state, row.to_state)).target
                    == row.to_state
                )
                state = row.to_state
            assert state == application.state

    def test_laureates_of_a_recognition_phase_are_recognised_poles(self, db):
        laureates = Application.objects.filter(
            state=ApplicationState.LAUREATE, phase__is_recognition=True
        ).select_related("pole")

        assert laureates
        assert {application.pole.stage for application in laureates} == {Stage.RECOGNISED}

    def test_submitted_applications_have_their_dates_and_decisions_theirs(self, db):
        for application in Application.objects.exclude(state=ApplicationState.DRAFT):
            assert application.first_submitted_at is not None
            assert application.first_submitted_at <= application.submitted_at
            if application.is_decided:
                assert application.decided_at > application.submitted_at
                assert application.decision_motivation

    def test_running_it_twice_changes_no_call_nor_application(self, db, settings):
        settings.DEBUG = True
        before = counts()
        second = run_demo_load()

        assert counts() == before
        assert re.search(r"appels : (\d+) \(0 créés, 0 mis à jour, \1 inchangés\)", second)
        assert re.search(
            r"candidatures : (\d+) \(0 créées, 0 mises à jour, \1 inchangées\)", second
        )


def _name(source: str, target: str) -> str:
    return next(t.name for t in TRANSITIONS if t.source == source and t.target == target)


@pytest.mark.usefixtures("demo")
class TestTheDemoApplicationsAnswers:
    def test_submitted_applications_answer_every_required_question(self, db):
        submitted = Application.objects.exclude(state=ApplicationState.DRAFT).select_related(
            "phase", "pole"
        )

        for application in submitted:
            assert missing_items(application) == [], application
            assert application.snapshot["pole"]["nom"] == application.pole.name

    def test_answers_are_prefilled_from_the_pole(self, db):
        application = Application.objects.get(
            pole__slug="reemploi-pays-de-foix", phase__call__slug="ami-ptce-2021"
        )

        assert "Atelier Répar’ d’électroménager" in application.answers["plan"]
        assert "Entreprises de l’ESS : 7" in application.answers["membres"]
