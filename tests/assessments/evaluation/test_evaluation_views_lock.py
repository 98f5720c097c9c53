"""Through the pages too, a validated evaluation refuses every change, with the lock message."""

# Fixtures imported from tests.assessments.grid are re-declared as test arguments.
# ruff: noqa: F811

import pytest
from django.urls import reverse

from ptce.assessments.evaluation import services, services_sheet, services_workflow
from tests.assessments.evaluation.test_services_lock import snapshot
from tests.assessments.grid import LETTERS, answers, pdf_bytes, pole_member, upload, validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def locked(evaluation, coordinator, member):
    services_workflow.evaluation_open(evaluation=evaluation, by=coordinator)
    rater = services.rater_add_member(evaluation=evaluation, user=member, by=coordinator)
    services_sheet.sheet_save(
        rater=rater, answers=answers("4"), files={"A": [upload("p.pdf", pdf_bytes())]}
    )
    services.rater_invite_external(
        evaluation=evaluation, name="Alex", email="alex@exemple.fr", by=coordinator
    )
    validate(evaluation, "333333333")
    return evaluation


def sheet_data(score="1"):
    return {
        "action": "envoyer",
        "confirmation": "oui",
        **{f"score_{letter}": score for letter in LETTERS},
    }


def requests_for(evaluation, pole):
    """(who, url name, args, data) of every write page."""
    slug, pk = evaluation.pole.slug, evaluation.pk
    draft = evaluation.raters.get(user__isnull=False)
    external = evaluation.raters.get(is_external=True)
    return {
        "evaluation_edit": ("coordinator", [slug, pk], {"title": "Corrigé", "mode": "auto"}),
        "evaluation_delete": ("coordinator", [slug, pk], {"confirmer": "oui"}),
        "evaluation_transition": (
            "coordinator",
            [slug, pk],
            {"target": "ouverte", "confirmation": "oui"},
        ),
        "rater_add": ("coordinator", [slug, pk], {"user": pole_member(pole).pk}),
        "rater_invite": ("coordinator", [slug, pk], {"name": "Late", "email": "late@exemple.fr"}),
        "rater_remove": ("coordinator", [slug, pk, draft.pk], {}),
        "rater_resend": ("coordinator", [slug, pk, external.pk], {}),
        "paper_sheet": ("coordinator", [slug, pk], {"participant_name": "X", **sheet_data()}),
        "consolidation": (
            "coordinator",
            [slug, pk],
            {
                **{f"score_{letter}": "1" for letter in LETTERS},
                "synthesis": "Réécrite",
                "actions-TOTAL_FORMS": "0",
                "actions-INITIAL_FORMS": "0",
            },
        ),
        "my_sheet": ("member", [pk], sheet_data()),
        "my_sheet (file)": (
            "member",
            [pk],
            {"action": "brouillon", "file_B": upload("autre.pdf", pdf_bytes())},
        ),
    }


WRITE_PAGES = [
    "evaluation_edit",
    "evaluation_delete",
    "evaluation_transition",
    "rater_add",
    "rater_invite",
    "rater_remove",
    "rater_resend",
    "paper_sheet",
    "consolidation",
    "my_sheet",
    "my_sheet (file)",
]


@pytest.mark.parametrize("page", WRITE_PAGES)
def test_every_write_page_refuses_a_validated_evaluation(client, request, locked, pole, page):
    who, args, data = requests_for(locked, pole)[page]
    before = snapshot()
    client.force_login(request.getfixturevalue(who))
    url = reverse(f"assessments:{page.split(' ')[0]}", args=args)
    response = client.post(url, data, follow=True)
    content = response.content.decode()
    refused = (
        "validée et verrouillée" in content
        or "ne peut plus changer d’état" in content
        or "Les feuilles papier se saisissent quand l’évaluation est ouverte" in content
    )
    assert refused, content[:3000]
    assert snapshot() == before
