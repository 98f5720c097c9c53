"""What the evaluation pages cost (queries, constant with the number of raters) and that their
templates use no undefined variable."""

# Fixtures imported from tests.assessments.grid are re-declared as test arguments.
# ruff: noqa: F811

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ptce.assessments.evaluation import services, services_workflow
from ptce.assessments.models import Evaluation
from tests.assessments.evaluation.test_evaluation_views import MANAGE_PAGES, url
from tests.assessments.grid import many_raters, sheet, validate

pytestmark = pytest.mark.django_db


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("page", ["evaluation_detail", "consolidation"])
def test_evaluation_pages_cost_the_same_with_3_or_30_raters(
    client, coordinator, pole, referentiel, page
):
    client.force_login(coordinator)
    counts = []
    for number in (3, 30):
        evaluation = services.evaluation_create(
            pole=pole, title=f"{number} évaluateurs", created_by=coordinator
        )
        services_workflow.evaluation_open(evaluation=evaluation, by=coordinator)
        many_raters(evaluation, number)
        if page == "consolidation":
            services_workflow.evaluation_start_consolidation(evaluation=evaluation, by=coordinator)
        counts.append(count_queries(client, url(page, evaluation)))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    ("page", "queries"),
    [
        # session, user, 2 savepoints, pole, role, evaluation, then:
        ("evaluation_detail", 10),  # raters with counts, log, candidate members
        ("consolidation", 13),  # grid, stats, agreed, raters, their scores, actions
        ("evaluation_list", 8),  # evaluations with counts, the ones I rate
    ],
)
def test_the_evaluation_pages_run_a_known_number_of_queries(
    client, coordinator, open_evaluation, django_assert_num_queries, page, queries
):
    many_raters(open_evaluation, 4)
    if page == "consolidation":
        services_workflow.evaluation_start_consolidation(
            evaluation=open_evaluation, by=open_evaluation.created_by
        )
    client.force_login(coordinator)
    if page == "evaluation_list":
        path = reverse("assessments:evaluation_list", args=[open_evaluation.pole.slug])
    else:
        path = url(page, open_evaluation)
    client.get(path)
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200


def test_the_list_costs_the_same_with_3_or_30_evaluations(
    client, coordinator, member, pole, referentiel
):
    counts = []
    for total in (3, 30):
        Evaluation.objects.all().delete()
        for n in range(total):
            evaluation = services.evaluation_create(
                pole=pole, title=f"Évaluation {n}", created_by=coordinator
            )
            if n % 3 == 0:
                services.rater_add_member(evaluation=evaluation, user=member, by=coordinator)
        client.force_login(member)
        counts.append(
            count_queries(client, reverse("assessments:evaluation_list", args=[pole.slug]))
        )
    assert counts[0] == counts[1]


@pytest.mark.parametrize("state", ["brouillon", "ouverte", "consolidation", "validee"])
@pytest.mark.parametrize(
    "page", ["evaluation_list", "evaluation_create", *MANAGE_PAGES, "rater_sheet"]
)
def test_evaluation_pages_use_no_undefined_template_variable(
    strict_templates, client, coordinator, evaluation, member, state, page
):
    rater = services.rater_add_member(evaluation=evaluation, user=member, by=coordinator)
    services.rater_invite_external(
        evaluation=evaluation, name="Alex", email="alex@exemple.fr", by=coordinator
    )
    if state != "brouillon":
        services_workflow.evaluation_open(evaluation=evaluation, by=coordinator)
        sheet(evaluation, "12345-333")
    if state == "consolidation":
        services_workflow.evaluation_start_consolidation(evaluation=evaluation, by=coordinator)
    if state == "validee":
        validate(evaluation)
    client.force_login(coordinator)
    if page in ("evaluation_list", "evaluation_create"):
        path = reverse(f"assessments:{page}", args=[evaluation.pole.slug])
    elif page == "rater_sheet":
        path = url(page, evaluation, rater.pk)
    else:
        path = url(page, evaluation)
    response = client.get(path)
    assert response.status_code == 200
    assert "VARIABLE-INDEFINIE" not in response.content.decode()
