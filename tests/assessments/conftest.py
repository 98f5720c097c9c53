"""Fixtures of the evaluation tests: the default referentiel, evaluations in each state."""

import pytest

from ptce.assessments.evaluation import services, services_workflow
from tests.assessments.factories import load_default_referentiel


@pytest.fixture
def referentiel(db):
    return load_default_referentiel()


@pytest.fixture
def evaluation(pole, coordinator, referentiel):
    """A draft evaluation of the cast's pole, created by its coordinator."""
    return services.evaluation_create(
        pole=pole, title="Auto-évaluation 2026", created_by=coordinator
    )


@pytest.fixture
def open_evaluation(evaluation, coordinator):
    return services_workflow.evaluation_open(evaluation=evaluation, by=coordinator)


@pytest.fixture
def member_rater(open_evaluation, member, coordinator):
    return services.rater_add_member(evaluation=open_evaluation, user=member, by=coordinator)
