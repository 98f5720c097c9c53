"""No irreversible act in one click: every POST-only view of the URL conf either asks for
confirmation (`ptce.core.confirm`, marked `@confirmed_action`) or is listed below with why it
needs none; every move of the workflow tables goes through a view that asks."""

import inspect

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ptce.assessments.evaluation.workflow import WORKFLOW as EVALUATION_WORKFLOW
from ptce.calls.models import ApplicationState
from ptce.calls.workflow import APPLICANT
from ptce.calls.workflow import WORKFLOW as APPLICATION_WORKFLOW
from tests.calls.factories.instruction import application_in

# POST-only views that change no state of a workflow, and why they need no confirmation page.
WITHOUT_CONFIRMATION = {
    "calls:instruction_assign": "an assignment is undone by « retirer »",
    "calls:instruction_unassign": "an assignment is given again by « affecter »",
    "calls:instruction_annotate": "an internal note, added to the file",
    "calls:instruction_opinion_request": "a request for an opinion, revocable",
    "calls:instruction_opinion_remind": "a reminder, harmless",
    "calls:instruction_opinion_revoke": "a request may be made again",
    "calls:instruction_scores": "scores are edited until the decision",
    "calls:instruction_proposal": "the proposal is edited until the national decision",
    "calls:instruction_region_move": "the file can be handed back the same way",
    "cooperation:resource_deactivate": "undone by « réactiver »",
    "cooperation:resource_reactivate": "undone by « désactiver »",
    "cooperation:attachment_upload": "an upload, removable",
    "assessments:evaluation_delete": "its form carries its own confirmation checkbox",
    "assessments:evaluation_publish": "publication is switched off the same way",
    "assessments:rater_add": "a rater is removed the same way",
    "assessments:rater_invite": "an invitation, revocable by removing the rater",
    "assessments:rater_remove": "a rater is added again the same way",
    "assessments:rater_resend": "a new link, harmless",
    "imports:cancel": "an import not applied: nothing was written",
    "awards:instalment_condition": "a condition ticked, unticked the same way",
    "awards:report_schedule": "a report asked for, its deadline edited the same way",
    "calls:instruction_follow": "undone by « ne plus suivre »",
    "calls:instruction_unfollow": "undone by « suivre »",
    # Removals of a row its author created: a deletion, not a move of a workflow.
    "cooperation:objective_delete": "a row of the plan, recreated the same way",
    "cooperation:action_delete": "a row of the plan, recreated the same way",
    "cooperation:need_delete": "a row of the plan, recreated the same way",
    "cooperation:topic_delete": "a row of the plan, recreated the same way",
    "cooperation:meeting_delete": "a meeting, recreated the same way",
    "cooperation:attachment_delete": "a file, uploaded again the same way",
    "poles:place_remove": "a place, added again the same way",
    "poles:membership_remove": "a membership, added again the same way",
    "poles:person_remove": "a person, added again the same way",
    "poles:invitation_cancel": "an invitation, sent again the same way",
    "calls:saved_filter_create": "a saved filter of the list, deleted by « supprimer »",
    "cooperation:saved_search_create": "a saved search, deleted by « supprimer »",
    "cooperation:saved_search_alert": "the alert is switched back the same way",
}


def _methods(view) -> list[str] | None:
    """The methods `require_http_methods` allows the view, None when it does not restrict."""
    while view is not None:
        try:
            allowed = inspect.getclosurevars(view).nonlocals.get("request_method_list")
        except TypeError:
            return None
        if allowed is not None:
            return list(allowed)
        view = getattr(view, "__wrapped__", None)
    return None


def _views(patterns=None, namespace=""):
    """(URL name with its namespace, view) of every pattern of the URL conf."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _views(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern.callback


def _view(name: str):
    return next(view for full_name, view in _views() if full_name == name)


POST_ONLY = sorted(
    {name for name, view in _views() if _methods(view) == ["POST"]},
)


def test_the_enumeration_finds_the_post_only_views():
    assert "calls:instruction_annotate" in POST_ONLY
    assert len(POST_ONLY) >= 20


@pytest.mark.parametrize("name", POST_ONLY)
def test_every_post_only_view_asks_for_confirmation_or_says_why_not(name):
    view = _view(name)
    assert getattr(view, "asks_confirmation", False) or name in WITHOUT_CONFIRMATION, (
        f"{name} changes something in one click: ask with ptce.core.confirm or list it here"
    )


def test_the_list_of_exceptions_names_only_existing_post_only_views():
    assert set(WITHOUT_CONFIRMATION) <= set(POST_ONLY)


# The view that makes each move of the workflow tables.
MOVE_VIEWS = {
    **{
        t.name: "calls:instruction_transition"
        for t in APPLICATION_WORKFLOW.transitions
        if t.actor != APPLICANT
    },
    "submit": "calls:application_submit",
    "resubmit": "calls:application_submit",
    "withdraw": "calls:application_withdraw",
}


@pytest.mark.parametrize("transition", APPLICATION_WORKFLOW.transitions, ids=str)
def test_every_move_of_an_application_asks_for_confirmation(transition):
    assert getattr(_view(MOVE_VIEWS[transition.name]), "asks_confirmation", False)


@pytest.mark.parametrize("transition", EVALUATION_WORKFLOW.transitions, ids=str)
def test_every_move_of_an_evaluation_asks_for_confirmation(transition):
    assert getattr(_view("assessments:evaluation_transition"), "asks_confirmation", False)


def test_sending_an_observation_sheet_asks_for_confirmation():
    assert getattr(_view("assessments:my_sheet"), "asks_confirmation", False)
    assert getattr(_view("assessments:external_sheet"), "asks_confirmation", False)


# --- The national decision, as a browser would post it ----------------------------------------


@pytest.fixture
def in_instruction(pole, coordinator):
    return application_in(pole, ApplicationState.INSTRUCTION, author=coordinator)


@pytest.fixture
def submitted_application(pole, coordinator):
    return application_in(pole, ApplicationState.SUBMITTED, author=coordinator)


@pytest.mark.django_db
def test_a_decision_posted_without_confirmation_shows_what_will_happen_and_changes_nothing(
    client_as, in_instruction
):
    url = reverse("calls:instruction_transition", args=[in_instruction.pk, "decide_laureate"])
    client = client_as("national_instructor")
    response = client.post(url, {"decide_laureate-motivation": "Très bon dossier."})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Déclarer lauréate&nbsp;?" in html
    assert "Un courriel est envoyé à la coordination de" in html
    assert "Très bon dossier." in html  # the motivation is kept
    assert 'name="confirmation" value="oui"' in html
    in_instruction.refresh_from_db()
    assert in_instruction.state == ApplicationState.INSTRUCTION


@pytest.mark.django_db
def test_a_decision_without_regional_proposal_needs_a_reason_then_keeps_it(
    client_as, in_instruction
):
    url = reverse("calls:instruction_transition", args=[in_instruction.pk, "decide_rejected"])
    client = client_as("national_instructor")
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"decide_rejected-motivation": "Hors champ.", "confirmation": "oui"}
    )
    assert "La région n’a pas encore fait de proposition" in response.content.decode()
    in_instruction.refresh_from_db()
    assert in_instruction.state == ApplicationState.INSTRUCTION
    response = client.post(
        url,
        {
            "decide_rejected-motivation": "Hors champ.",
            "decide_rejected-without_proposal_reason": "La région ne répond plus.",
            "confirmation": "oui",
        },
    )
    assert response.status_code == 302
    in_instruction.refresh_from_db()
    assert in_instruction.state == ApplicationState.REJECTED
    assert in_instruction.without_proposal_reason == "La région ne répond plus."


@pytest.mark.django_db
def test_a_withdrawal_needs_its_confirmation(client_as, coordinator, submitted_application):
    url = reverse("calls:application_withdraw", args=[submitted_application.pk])
    client = client_as("coordinator")
    response = client.post(url, {"motivation": "Nous renonçons."})
    assert "Retirer la candidature&nbsp;?" in response.content.decode()
    submitted_application.refresh_from_db()
    assert submitted_application.state == ApplicationState.SUBMITTED
    client.post(url, {"motivation": "Nous renonçons.", "confirmation": "oui"})
    submitted_application.refresh_from_db()
    assert submitted_application.state == ApplicationState.WITHDRAWN


def test_the_bulk_actions_and_a_saved_filters_deletion_ask_for_confirmation():
    assert getattr(_view("calls:bulk_action"), "asks_confirmation", False)
    assert getattr(_view("calls:saved_filter_delete"), "asks_confirmation", False)


def test_the_call_editors_deletions_ask_for_confirmation():
    for name in ("editor_call_delete", "editor_phase_delete", "editor_document_delete"):
        assert getattr(_view(f"calls:{name}"), "asks_confirmation", False), name
