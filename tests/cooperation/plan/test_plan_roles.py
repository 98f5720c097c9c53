"""Every page of the three key steps, for every role of the cast; and no undefined variable."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from ptce.cooperation.plan import selectors, stages
from tests.conftest import ROLES
from tests.cooperation.factories import (
    ActionFundingFactory,
    CooperationActionFactory,
    JoinRequestFactory,
    StrategicObjectiveFactory,
    TerritoryNeedFactory,
    TopicFactory,
    TopicNeedLinkFactory,
)
from tests.poles.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PUBLIC = dict.fromkeys(ROLES, 200)
READ = {
    "anonymous": 302,
    "outsider": 403,
    "member": 200,
    "other_coordinator": 403,
    "coordinator": 200,
    "instructor": 200,
    "admin_user": 200,
}
PROPOSE = {**READ, "instructor": 403}
MANAGE = {**PROPOSE, "member": 403}


@pytest.fixture
def data(pole, member):
    members = MembershipFactory.create_batch(2, pole=pole)
    objective = StrategicObjectiveFactory(pole=pole)
    need = TerritoryNeedFactory(pole=pole, proposed_by=member)
    topic = TopicFactory(pole=pole, proposed_by=member)
    TopicNeedLinkFactory(topic=topic, need=need, strength=3)
    action = CooperationActionFactory(
        pole=pole, objective=objective, participants=members, lead=members[0], needs=[need]
    )
    ActionFundingFactory(action=action)
    return {
        "objective": objective,
        "need": need,
        "topic": topic,
        "action": action,
        "join_request": JoinRequestFactory(pole=pole),
    }


def pages(pole, data):
    """(url name, extra args, who may open it)."""
    return [
        ("emerging_poles", None, PUBLIC),
        ("join", [], PUBLIC),
        ("join_done", [], PUBLIC),
        ("needs", [], READ),
        ("topics", [], READ),
        ("matrix", [], READ),
        ("plan", [], READ),
        ("actions", [], READ),
        ("action_detail", [data["action"].pk], READ),
        ("plan_pdf", [], READ),
        ("plan_xlsx", [], READ),
        ("need_add", [], PROPOSE),
        ("need_edit", [data["need"].pk], PROPOSE),
        ("topic_add", [], PROPOSE),
        ("topic_edit", [data["topic"].pk], PROPOSE),
        ("objective_add", [], MANAGE),
        ("objective_edit", [data["objective"].pk], MANAGE),
        ("action_add", [], MANAGE),
        ("action_edit", [data["action"].pk], MANAGE),
        ("join_requests", [], MANAGE),
        ("join_request", [data["join_request"].pk], MANAGE),
        ("join_request_decline", [data["join_request"].pk], MANAGE),
        ("stages", [], MANAGE),
    ]


def page_url(name, pole, args):
    if args is None:
        return reverse(f"cooperation:{name}")
    return reverse(f"cooperation:{name}", args=[pole.slug, *args])


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_as_its_rule_says(client_as, pole, data, role):
    client = client_as(role)
    answers = {
        name: client.get(page_url(name, pole, args)).status_code
        for name, args, _ in pages(pole, data)
    }
    assert answers == {name: rule[role] for name, _, rule in pages(pole, data)}


@pytest.mark.parametrize("role", ["outsider", "other_coordinator"])
def test_an_unpublished_pole_is_not_found_by_strangers(client_as, pole, data, role):
    pole.is_published = False
    pole.save()
    client = client_as(role)
    for name, args, _ in pages(pole, data):
        if args is not None:
            assert client.get(page_url(name, pole, args)).status_code == 404, name


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("need_delete", "need"),
        ("topic_delete", "topic"),
        ("objective_delete", "objective"),
        ("action_delete", "action"),
    ],
)
@pytest.mark.parametrize("role", ["anonymous", "outsider", "other_coordinator", "instructor"])
def test_strangers_and_instructors_cannot_delete_anything(
    client_as, pole, data, name, kwargs, role
):
    obj = data[kwargs]
    response = client_as(role).post(reverse(f"cooperation:{name}", args=[pole.slug, obj.pk]))
    assert response.status_code in (302, 403)
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_deleting_needs_a_post(client_as, pole, data, coordinator):
    url = reverse("cooperation:action_delete", args=[pole.slug, data["action"].pk])
    assert client_as("coordinator").get(url).status_code == 405


# --- No undefined template variable --------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "member", "instructor"])
def test_no_page_uses_an_undefined_variable(client_as, pole, data, role, strict_templates):
    client = client_as(role)
    for name, args, rule in pages(pole, data):
        if rule[role] != 200 or name in ("plan_pdf", "plan_xlsx"):
            continue
        response = client.get(page_url(name, pole, args))
        assert "VARIABLE-INDEFINIE" not in response.text, name


def test_invalid_forms_use_no_undefined_variable(
    client_as, pole, data, coordinator, strict_templates
):
    client = client_as("coordinator")
    for name, args in [
        ("need_add", []),
        ("topic_add", []),
        ("objective_add", []),
        ("action_add", []),
        ("join_request_decline", [data["join_request"].pk]),
        ("matrix", []),
    ]:
        response = client.post(page_url(name, pole, args), {"cell-0-0": "9"})
        assert "VARIABLE-INDEFINIE" not in response.text, name
    client.logout()
    response = client.post(page_url("join", pole, []), {"siret": "123"})
    assert "VARIABLE-INDEFINIE" not in response.text


def test_the_includes_for_the_lead_use_no_undefined_variable(pole, data, strict_templates):
    tracker = render_to_string(
        "cooperation/plan/_stage_tracker.html",
        {"pole": pole, "stages": stages.pole_stages(pole)},
    )
    summary = render_to_string(
        "cooperation/plan/_public_summary.html",
        {"pole": pole, "summary": selectors.public_summary(pole)},
    )
    assert "VARIABLE-INDEFINIE" not in tracker + summary
    assert "Coopérations du pôle" in summary
