"""Issue 12, findings 3 and 4: a stale consolidation tab or settings tab no longer reverts what
another coordinator saved; and a state change made twice at once happens once."""

# Fixtures imported from tests.assessments.grid are re-declared as test arguments.
# ruff: noqa: F811

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains

from ptce.assessments.evaluation import (
    services,
    services_consolidation,
    services_sheet,
    services_workflow,
)
from ptce.assessments.models import ConsolidatedScore, Evaluation, EvaluationTransition, Rater
from tests.assessments.evaluation.test_evaluation_views_consolidation import post_data
from tests.assessments.grid import LETTERS, answers, to_consolidation
from tests.races import ON_POSTGRESQL, run_at_once

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("strict_templates")]


def consolidation_url(evaluation):
    return reverse("assessments:consolidation", args=[evaluation.pole.slug, evaluation.pk])


def test_the_consolidation_page_carries_the_evaluation_version(client, coordinator, evaluation):
    to_consolidation(evaluation)
    client.force_login(coordinator)

    response = client.get(consolidation_url(evaluation))

    assertContains(response, f'name="version" value="{evaluation.version}"')


def test_a_stale_consolidation_tab_is_refused_and_keeps_the_synthesis_and_agreed_scores(
    client, coordinator, evaluation
):
    to_consolidation(evaluation)
    loaded = evaluation.version
    client.force_login(coordinator)
    url = consolidation_url(evaluation)
    agreed = post_data(synthesis="Synthèse de l’atelier", score_A="5", version=loaded)
    assert client.post(url, agreed).status_code == 302

    stale = post_data(synthesis="Ancienne synthèse", score_A="2", version=loaded)
    response = client.post(url, stale)

    assert response.status_code == 409
    assertContains(response, "Synthèse de l’atelier", status_code=409)
    assertContains(response, "Ancienne synthèse", status_code=409)
    evaluation.refresh_from_db()
    assert evaluation.synthesis == "Synthèse de l’atelier"
    assert ConsolidatedScore.objects.get(evaluation=evaluation, criterion__letter="A").score == 5


def test_the_consolidation_conflict_page_reapplies_yours_with_the_action_plan(
    client, coordinator, evaluation
):
    to_consolidation(evaluation)
    loaded = evaluation.version
    client.force_login(coordinator)
    url = consolidation_url(evaluation)
    client.post(url, post_data(synthesis="Leur synthèse", version=loaded))
    mine = post_data(
        synthesis="Ma synthèse", version=loaded, **{"actions-0-what": "Ouvrir la gouvernance"}
    )
    conflict = client.post(url, mine)

    retry = conflict.context["form"].data.copy()
    assert int(retry["version"]) == loaded + 1
    assert client.post(url, retry).status_code == 302

    evaluation.refresh_from_db()
    assert evaluation.synthesis == "Ma synthèse"
    assert [a.what for a in evaluation.action_items.all()] == ["Ouvrir la gouvernance"]


def test_a_stale_settings_tab_is_refused_and_the_other_save_is_kept(
    client, coordinator, evaluation
):
    url = reverse("assessments:evaluation_edit", args=[evaluation.pole.slug, evaluation.pk])
    client.force_login(coordinator)
    form = {"title": evaluation.title, "mode": evaluation.mode, "version": evaluation.version}
    assert client.post(url, {**form, "title": "Titre de l’onglet A"}).status_code == 302

    response = client.post(url, {**form, "title": "Titre de l’onglet B"})

    assert response.status_code == 409
    assertContains(response, "Titre de l’onglet A", status_code=409)
    evaluation.refresh_from_db()
    assert evaluation.title == "Titre de l’onglet A"


def agree(evaluation, by, synthesis):
    services_consolidation.consolidation_save(
        evaluation=evaluation,
        scores={letter: {"score": 3, "comment": ""} for letter in LETTERS},
        synthesis=synthesis,
        action_items=[],
        by=by,
    )


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_validating_twice_at_the_same_moment_validates_once(pole, coordinator, referentiel):
    evaluation = services.evaluation_create(pole=pole, title="Atelier", created_by=coordinator)
    to_consolidation(evaluation)
    agree(evaluation, coordinator, "Synthèse")

    def validate():  # each tab has its own copy of the evaluation
        copy = Evaluation.objects.get(pk=evaluation.pk)
        services_workflow.evaluation_validate(evaluation=copy, by=coordinator)

    outcomes = run_at_once(validate, validate)

    assert sorted(type(o).__name__ for o in outcomes) == ["NoneType", "ValidationError"]
    assert (
        EvaluationTransition.objects.filter(evaluation=evaluation, to_state="validee").count() == 1
    )


def test_a_sheet_sent_from_another_tab_refuses_the_stale_tabs_save(member_rater, member):
    stale = Rater.objects.get(pk=member_rater.pk)
    services_sheet.sheet_save(rater=member_rater, answers=answers("333333333"), submit=True)

    with pytest.raises(ValidationError):
        services_sheet.sheet_save(rater=stale, answers=answers("111111111"))

    assert not stale.answers.filter(score=1).exists()
