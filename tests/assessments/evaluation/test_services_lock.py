"""Validation locks an evaluation: every write path refuses, in French, and nothing changes."""

# Fixtures imported from tests.assessments.grid are re-declared as test arguments.
# ruff: noqa: F811

import inspect

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from ptce.assessments import models
from ptce.assessments.evaluation import (
    services,
    services_consolidation,
    services_sheet,
    services_workflow,
)
from ptce.assessments.evaluation.services import LOCKED_MESSAGE
from tests.assessments.grid import answers, pdf_bytes, pole_member, upload, validate

pytestmark = pytest.mark.django_db

MODELS = [
    models.Evaluation,
    models.EvaluationTransition,
    models.Rater,
    models.Answer,
    models.EvidenceFile,
    models.ConsolidatedScore,
    models.ActionItem,
]


def snapshot():
    return {
        model.__name__: sorted(
            (tuple(sorted(model_to_dict(obj).items(), key=str)) for obj in model.objects.all()),
            key=str,
        )
        for model in MODELS
    }


@pytest.fixture
def locked(evaluation, coordinator, member, pole, private_media):
    """A validated evaluation with a member's unsent draft (with a file) and a paper sheet."""
    services_workflow.evaluation_open(evaluation=evaluation, by=coordinator)
    rater = services.rater_add_member(evaluation=evaluation, user=member, by=coordinator)
    services_sheet.sheet_save(
        rater=rater,
        answers=answers("4", observation="Brouillon jamais envoyé"),
        files={"A": [upload("preuve.pdf", pdf_bytes())]},
    )
    services.rater_invite_external(
        evaluation=evaluation, name="Alex", email="alex@exemple.fr", by=coordinator
    )
    validate(evaluation, "334455223")
    evaluation.refresh_from_db()
    assert evaluation.state == "validee"
    return evaluation


def _draft(evaluation):
    return evaluation.raters.get(user__isnull=False)


WRITES = {
    "evaluation_update": lambda e, by: services.evaluation_update(
        evaluation=e, by=by, title="Titre corrigé"
    ),
    "evaluation_delete": lambda e, by: services.evaluation_delete(evaluation=e, by=by),
    "rater_add_member": lambda e, by: services.rater_add_member(
        evaluation=e, user=pole_member(e.pole), by=by
    ),
    "rater_invite_external": lambda e, by: services.rater_invite_external(
        evaluation=e, name="Late", email="late@exemple.fr", by=by
    ),
    "rater_link_renew": lambda e, by: services.rater_link_renew(
        rater=e.raters.get(is_external=True), by=by
    ),
    "rater_remove": lambda e, by: services.rater_remove(rater=_draft(e), by=by),
    "sheet_save": lambda e, by: services_sheet.sheet_save(rater=_draft(e), answers=answers("1")),
    "sheet_save (submit)": lambda e, by: services_sheet.sheet_save(
        rater=_draft(e), answers={}, submit=True
    ),
    "sheet_enter_on_paper": lambda e, by: services_sheet.sheet_enter_on_paper(
        evaluation=e, participant_name="Retardataire", answers=answers("5"), by=by
    ),
    "evidence_attach": lambda e, by: services_sheet.evidence_attach(
        answer=_draft(e).answers.get(), uploaded_file=upload("autre.pdf", pdf_bytes())
    ),
    "evidence_delete": lambda e, by: services_sheet.evidence_delete(
        evidence=models.EvidenceFile.objects.get(), rater=_draft(e)
    ),
    "consolidation_save": lambda e, by: services_consolidation.consolidation_save(
        evaluation=e,
        scores={"A": {"score": 1, "comment": "Changé"}},
        synthesis="Réécrite",
        action_items=[{"what": "Nouvelle action"}],
        by=by,
    ),
    "evaluation_open": lambda e, by: services_workflow.evaluation_open(evaluation=e, by=by),
    "evaluation_start_consolidation": lambda e, by: (
        services_workflow.evaluation_start_consolidation(evaluation=e, by=by)
    ),
    "evaluation_reopen": lambda e, by: services_workflow.evaluation_reopen(evaluation=e, by=by),
    "evaluation_validate": lambda e, by: services_workflow.evaluation_validate(evaluation=e, by=by),
    "evaluation_transition": lambda e, by: services_workflow.evaluation_transition(
        evaluation=e, target="ouverte", by=by
    ),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_every_write_path_refuses_a_validated_evaluation(locked, coordinator, private_media, write):
    before = snapshot()
    files_before = sorted(p.name for p in private_media.rglob("*") if p.is_file())
    with pytest.raises(ValidationError) as error:
        WRITES[write](locked, coordinator)
    message = " ".join(error.value.messages)
    assert "validée" in message
    assert "nouvelle évaluation" in message
    assert snapshot() == before
    assert sorted(p.name for p in private_media.rglob("*") if p.is_file()) == files_before


def test_the_lock_message_is_the_same_everywhere(locked, coordinator):
    with pytest.raises(ValidationError) as error:
        WRITES["sheet_save"](locked, coordinator)
    assert error.value.messages == [LOCKED_MESSAGE]


def test_the_lock_holds_even_with_a_stale_object_in_memory(locked, coordinator):
    stale = models.Evaluation.objects.get(pk=locked.pk)
    stale.state = "ouverte"
    rater = _draft(locked)
    rater.evaluation = stale
    with pytest.raises(ValidationError, match="validée"):
        services_sheet.sheet_save(rater=rater, answers=answers("1"))


def test_publishing_is_the_only_change_a_validated_evaluation_accepts(locked, coordinator):
    services.evaluation_publish(evaluation=locked, is_public=True, by=coordinator)
    locked.refresh_from_db()
    assert locked.is_public


# Helpers that do not write on their own (guards, lookups, e-mails sent by a service above),
# and publication (a change of visibility, allowed on purpose).
NOT_WRITES = {
    "ensure_writable",
    "ensure_manager",
    "refresh_state_locked",
    "rater_from_token",
    "send_rater_invitation",
    "delete_stored_files",
    "evaluation_create",
    "evaluation_publish",
}


def test_every_service_of_the_workflow_is_covered_by_the_lock_test():
    """A new write path must be added to WRITES (and go through `ensure_writable`)."""
    defined = {
        name
        for module in (services, services_sheet, services_consolidation, services_workflow)
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_")
    }
    tested = {name.split(" ")[0] for name in WRITES}
    assert defined - NOT_WRITES == tested
