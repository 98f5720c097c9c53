"""The demo's support agreements: AMI 2022 laureates at different stages, one suspended."""

import re

import pytest

from ptce.awards.models import (
    Agreement,
    AgreementState,
    InstalmentState,
    ReportQuestion,
    ReportState,
)
from tests.demo.demo_data import run_demo_load


@pytest.mark.usefixtures("demo")
class TestTheDemoAgreements:
    def test_laureates_have_agreements_at_different_stages_one_suspended(self, db):
        states = set(Agreement.objects.values_list("state", flat=True))

        assert {AgreementState.DRAFT, AgreementState.RUNNING, AgreementState.SUSPENDED} <= states
        suspended = Agreement.objects.get(state=AgreementState.SUSPENDED)
        assert suspended.transitions.last().reason

    def test_money_was_paid_and_logged(self, db):
        running = Agreement.objects.get(state=AgreementState.RUNNING)
        paid = running.instalments.filter(state=InstalmentState.PAID)

        assert paid.count() == 2
        assert all(i.transitions.count() == 3 for i in paid)

    def test_running_it_twice_changes_no_agreement(self, db, settings):
        settings.DEBUG = True
        second = run_demo_load()

        assert re.search(r"conventions : (\d+) \(0 créées, 0 mises à jour, \1 inchangées\)", second)


@pytest.mark.usefixtures("demo")
class TestTheDemoFollowUp:
    def test_the_running_laureate_has_its_interim_report_accepted_and_services_received(self, db):
        running = Agreement.objects.get(state=AgreementState.RUNNING)
        report = running.reports.get()

        assert report.state == ReportState.ACCEPTED
        assert report.answers["membres"]  # prefilled from the pole's data
        assert running.deliveries.count() == 2
        assert ReportQuestion.objects.filter(report_kind="final").exists()

    def test_the_suspended_laureate_has_its_report_still_to_write(self, db):
        suspended = Agreement.objects.get(state=AgreementState.SUSPENDED)

        assert suspended.reports.get().state == ReportState.DRAFT
