"""The same bulk decision sent twice at once (two tabs of the national cell): each file is
decided once; the second run reads each state again under the row lock and reports the files
as ignored."""

import pytest

from ptce.calls.lists.bulk import ACTIONS, bulk_apply
from ptce.calls.models import Application, ApplicationState, ApplicationTransition
from tests.calls.factories import PhaseFactory
from tests.calls.factories.instruction import application_in
from tests.poles.factories import PoleFactory
from tests.races import ON_POSTGRESQL, run_at_once

pytestmark = [ON_POSTGRESQL, pytest.mark.django_db(transaction=True)]


def test_a_bulk_decision_sent_twice_at_once_decides_each_file_once(region, national_instructor):
    phase = PhaseFactory()
    files = [
        application_in(PoleFactory(region=region), phase=phase, proposal=ApplicationState.LAUREATE)
        for _ in range(3)
    ]
    reports = []

    def decide():
        tab = list(Application.objects.filter(pk__in=[f.pk for f in files]).order_by("pk"))
        reports.append(
            bulk_apply(
                action=ACTIONS["decider"],
                applications=tab,
                by=national_instructor,
                data={"decision": "proposition", "motivation": "Conforme."},
            )
        )

    assert run_at_once(decide, decide) == [None, None]
    assert sum(len(r.done) for r in reports) == 3
    assert sum(len(r.skipped) for r in reports) == 3
    for application in files:
        assert ApplicationTransition.objects.filter(application=application).count() == 1
        application.refresh_from_db()
        assert application.state == ApplicationState.LAUREATE
