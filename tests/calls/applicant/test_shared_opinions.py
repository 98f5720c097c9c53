"""The application's page shows the experts' opinions shared with the applicant (answered, not
confidential, not revoked) — never a confidential, unanswered or revoked one."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ptce.calls.instruction.selectors import shared_opinions
from ptce.calls.models import ApplicationState
from tests.calls.factories.instruction import OpinionFactory, application_in

S = ApplicationState
SHARED = "Avis partagé : le territoire est bien couvert."
CONFIDENTIAL = "Avis confidentiel : le budget me semble fragile."
REVOKED = "Avis révoqué : ne pas tenir compte."


pytestmark = pytest.mark.usefixtures("strict_templates")


@pytest.fixture
def application(pole, coordinator):
    return application_in(pole, S.INSTRUCTION, author=coordinator, snapshot={"answers": {}})


def answered(application, body, **fields):
    return OpinionFactory(
        application=application,
        expert_name=fields.pop("expert_name", "Claire Expert"),
        body=body,
        answered_at=timezone.now(),
        **fields,
    )


@pytest.fixture
def opinions(application):
    return {
        "shared": answered(application, SHARED, is_confidential=False, expert_name="Anne Partage"),
        "confidential": answered(
            application, CONFIDENTIAL, is_confidential=True, expert_name="Bruno Secret"
        ),
        "revoked": answered(
            application,
            REVOKED,
            is_confidential=False,
            revoked_at=timezone.now(),
            expert_name="Carla Revoquee",
        ),
        "pending": OpinionFactory(
            application=application, is_confidential=False, expert_name="Denis Attente"
        ),
    }


def url(application):
    return reverse("calls:application_detail", args=[application.pk])


@pytest.mark.parametrize("role", ["coordinator", "instructor", "national_instructor", "admin_user"])
def test_a_confidential_opinion_never_shows_on_the_application_page(
    client_as, application, opinions, role
):
    content = client_as(role).get(url(application)).content.decode()
    assert CONFIDENTIAL not in content
    assert "Bruno Secret" not in content
    assert REVOKED not in content
    assert "Carla Revoquee" not in content
    assert "Denis Attente" not in content


def test_the_template_shows_the_shared_opinions_it_is_given(client_as, application, opinions):
    """The page's template, given `shared_opinions(application)` as the view passes it."""
    response = client_as("coordinator").get(url(application))
    context = response.context[0].flatten()  # the page's own context (then its includes)
    context["shared_opinions"] = shared_opinions(application)
    html = render_to_string("calls/applicant/detail.html", context, request=response.wsgi_request)
    assert "Avis d’experts communiqués (1)" in html
    assert SHARED in html
    assert "Anne Partage" in html
    assert CONFIDENTIAL not in html
    assert REVOKED not in html


def test_the_applicant_reads_the_shared_opinion_on_the_application_page(
    client_as, application, opinions
):
    """Needs `"shared_opinions": instruction_selectors.shared_opinions(application)` in the
    context of `applicant.views.application_detail`."""
    content = client_as("coordinator").get(url(application)).content.decode()
    assert "Avis d’experts communiqués (1)" in content
    assert SHARED in content
    assert "Anne Partage" in content


def test_without_a_shared_opinion_the_section_is_absent(client_as, application):
    answered(application, CONFIDENTIAL, is_confidential=True)
    content = client_as("coordinator").get(url(application)).content.decode()
    assert "Avis d’experts communiqués" not in content
