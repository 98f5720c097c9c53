"""Prefill from the pole's data, and the snapshot taken at submission."""

import json

import pytest

from ptce.calls.applicant.prefill import PREFILL_SOURCES, adapt, pole_snapshot, prefill_answers
from ptce.calls.applicant.services import application_create, application_submit
from ptce.calls.models import QuestionKind as K
from ptce.organisations.models import LegalCategory
from tests.calls.factories import ApplicationFactory, QuestionFactory
from tests.calls.factories.applicant import (
    make_compliant,
    phase_with_form,
)
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_the_snapshot_covers_identity_territory_members_compliance_plan_and_animation(pole):
    pole.creation_year = 2019
    pole.form = "grappe"
    pole.save()
    make_compliant(pole)
    snapshot = pole_snapshot(pole)
    assert set(snapshot) == set(PREFILL_SOURCES)
    json.dumps(snapshot)  # JSON-serialisable
    assert snapshot["nom"] == "Pôle des Coteaux"
    assert snapshot["annee_creation"] == 2019
    assert snapshot["forme"] == "Grappe"
    assert snapshot["region"] == "Occitanie"
    assert snapshot["departements"] == ["Haute-Garonne (31)"]
    assert snapshot["nombre_membres"] == 3
    assert snapshot["membres_par_famille"] == {
        "Entreprises de l’ESS": 1,
        "Entreprises classiques": 1,
        "Collectivités et groupements": 1,
    }
    assert snapshot["part_ess"] == 33
    assert snapshot["conforme_article_9"] is True
    assert snapshot["plan_nombre_actions"] == 1
    assert snapshot["animation_evenements_12_mois"] == 0
    assert snapshot["ecarts_evaluation"] is None


def test_the_snapshot_reads_the_pole_in_a_bounded_number_of_queries(
    pole, django_assert_max_num_queries
):
    make_compliant(pole)
    for _ in range(5):
        MembershipFactory(pole=pole)
    with django_assert_max_num_queries(14):
        pole_snapshot(pole)


def test_the_latest_validated_ecarts_evaluation_is_taken(pole):
    from django.utils import timezone

    from ptce.assessments.models import ConsolidatedScore, EvaluationState
    from tests.assessments.factories import EvaluationFactory

    evaluation = EvaluationFactory(
        pole=pole, state=EvaluationState.VALIDATED, validated_at=timezone.now(), title="Bilan"
    )
    criterion = evaluation.referentiel.criteria.order_by("letter").first()
    ConsolidatedScore.objects.create(evaluation=evaluation, criterion=criterion, score=4)
    EvaluationFactory(pole=pole, referentiel=evaluation.referentiel)  # a draft: ignored
    snapshot = pole_snapshot(pole)
    assert snapshot["ecarts_evaluation"]["titre"] == "Bilan"
    assert snapshot["ecarts_notes"] == {criterion.letter: 4}


def test_prefill_fills_empty_answers_from_the_named_sources(pole):
    phase, _, q = phase_with_form()
    MembershipFactory(pole=pole, organisation=OrganisationFactory(name="Recyclerie du Touch"))
    application = ApplicationFactory(pole=pole, phase=phase)
    prefill_answers(application)
    assert application.answers["projet"] == "Pôle des Coteaux"
    assert application.answers["resume"] == "Recyclerie du Touch"
    assert application.answers["ess"] is False


def test_prefill_keeps_answers_already_given(pole):
    phase, _, _ = phase_with_form()
    application = ApplicationFactory(pole=pole, phase=phase, answers={"projet": "Mon titre"})
    prefill_answers(application)
    assert application.answers["projet"] == "Mon titre"


def test_a_value_that_does_not_fit_the_question_is_not_prefilled():
    number = QuestionFactory.build(kind=K.NUMBER)
    choice = QuestionFactory.build(kind=K.CHOICE, choices=["Grappe"])
    assert adapt("Pôle", number) is None
    assert adapt(3, number) == 3
    assert adapt("Filière", choice) is None
    assert adapt("Grappe", choice) == "Grappe"
    assert adapt(["A", "B"], QuestionFactory.build(kind=K.SHORT_TEXT)) == "A, B"


def test_a_created_application_is_prefilled(pole, coordinator):
    phase, _, _ = phase_with_form()
    application = application_create(pole=pole, phase=phase, by=coordinator)
    application.refresh_from_db()
    assert application.answers["projet"] == "Pôle des Coteaux"


def test_the_snapshot_does_not_change_when_the_pole_changes_afterwards(pole, coordinator):
    phase, _, _ = phase_with_form()
    application = application_create(pole=pole, phase=phase, by=coordinator)
    application.answers.update({"budget": "100.00", "partenaires": [{"nom": "Mairie"}]})
    application.save()
    application_submit(application=application, by=coordinator)

    pole.name = "Pôle renommé"
    pole.save()
    MembershipFactory(
        pole=pole, organisation=OrganisationFactory(legal_category=LegalCategory.COLLECTIVITE)
    )
    application.refresh_from_db()
    assert application.snapshot["pole"]["nom"] == "Pôle des Coteaux"
    assert application.snapshot["pole"]["nombre_membres"] == 0
    assert application.snapshot["answers"]["projet"] == "Pôle des Coteaux"
    assert application.snapshot["answers"]["budget"] == "100.00"
