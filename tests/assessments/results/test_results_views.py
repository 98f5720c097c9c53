"""Who sees the results, the evolution, the exports, the blank sheet and the public radar."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from ptce.assessments.models import EvaluationState, Rater
from ptce.assessments.results import pdf
from tests.assessments.results_data import validated_evaluation
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

RESULT_VIEWS = ["results", "results_pdf", "results_csv", "results_xlsx"]
VALIDATED_ACCESS = {
    "anonymous": 302,
    "outsider": 403,
    "member": 200,
    "other_coordinator": 403,
    "coordinator": 200,
    "instructor": 200,
    "admin_user": 200,
}
CONSOLIDATION_ACCESS = {**VALIDATED_ACCESS, "member": 403, "instructor": 403}


class RenderedOnly:
    """A PDF document stub: the template is rendered, the slow layout is skipped (the real
    PDFs are checked in test_exports)."""

    def __init__(self, template, context):
        self.html = render_to_string(template, context)

    def write_pdf(self):
        return b"%PDF-1.7 " + self.html.encode()


@pytest.fixture(autouse=True)
def _fast_pdf(monkeypatch):
    monkeypatch.setattr(pdf, "pdf_document", RenderedOnly)


@pytest.fixture
def evaluation(pole):
    return validated_evaluation(pole, "543423435", raters=["543423435", "4432-3435"])


def url(name, evaluation):
    return reverse(f"assessments:{name}", args=[evaluation.pole.slug, evaluation.pk])


@pytest.mark.parametrize("view", RESULT_VIEWS)
@pytest.mark.parametrize("role", ROLES)
def test_validated_results_are_for_the_pole_its_instructors_and_admins(
    client_as, role, view, evaluation
):
    response = client_as(role).get(url(view, evaluation))
    assert response.status_code == VALIDATED_ACCESS[role]
    if response.status_code == 302:
        assert response.url.startswith(reverse("core:login"))


@pytest.mark.parametrize("view", RESULT_VIEWS)
@pytest.mark.parametrize("role", ROLES)
def test_results_under_consolidation_are_for_coordinators_and_admins(client_as, role, view, pole):
    evaluation = validated_evaluation(
        pole, "5434234--", raters=["543423435"], state=EvaluationState.CONSOLIDATION
    )
    assert client_as(role).get(url(view, evaluation)).status_code == CONSOLIDATION_ACCESS[role]


@pytest.mark.parametrize("view", RESULT_VIEWS)
def test_a_rater_sees_the_results_once_consolidation_starts(client, view, pole, outsider):
    evaluation = validated_evaluation(
        pole, "5434234--", raters=["543423435"], state=EvaluationState.OPEN
    )
    Rater.objects.create(evaluation=evaluation, user=outsider, name="Invitée", is_external=True)
    client.force_login(outsider)
    assert client.get(url(view, evaluation)).status_code == 403
    evaluation.state = EvaluationState.CONSOLIDATION
    evaluation.save()
    assert client.get(url(view, evaluation)).status_code == 200


@pytest.mark.parametrize("view", RESULT_VIEWS)
def test_instructors_of_another_region_do_not_see_results(
    client, view, evaluation, other_instructor
):
    client.force_login(other_instructor)
    assert client.get(url(view, evaluation)).status_code == 403


@pytest.mark.parametrize("view", RESULT_VIEWS)
def test_an_evaluation_is_only_reached_through_its_own_pole(
    client, view, evaluation, other_pole, admin_user
):
    client.force_login(admin_user)
    wrong = reverse(f"assessments:{view}", args=[other_pole.slug, evaluation.pk])
    assert client.get(wrong).status_code == 404
    missing = reverse(f"assessments:{view}", args=[evaluation.pole.slug, 999999])
    assert client.get(missing).status_code == 404


@pytest.mark.parametrize("view", RESULT_VIEWS)
@pytest.mark.parametrize(("role", "expected"), [("outsider", 404), ("member", 200)])
def test_results_of_an_unpublished_pole_are_hidden_from_strangers(
    client_as, role, expected, view, evaluation
):
    evaluation.pole.is_published = False
    evaluation.pole.save()
    assert client_as(role).get(url(view, evaluation)).status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_the_evolution_is_for_the_members_space(client_as, role, evaluation):
    response = client_as(role).get(reverse("assessments:evolution", args=[evaluation.pole.slug]))
    assert response.status_code == VALIDATED_ACCESS[role]


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_a_published_radar(client_as, role, pole):
    validated_evaluation(pole, "543423435", is_public=True)
    response = client_as(role).get(reverse("assessments:public_radar", args=[pole.slug]))
    assert response.status_code == 200
    assert "Profil ECARTS de Pôle des Coteaux" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_nobody_sees_an_unpublished_radar(client_as, role, pole):
    validated_evaluation(pole, "543423435", is_public=False)
    validated_evaluation(pole, "543423435", is_public=True, state=EvaluationState.CONSOLIDATION)
    response = client_as(role).get(reverse("assessments:public_radar", args=[pole.slug]))
    assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_an_unpublished_pole_has_no_public_radar(client_as, role, pole):
    validated_evaluation(pole, "543423435", is_public=True)
    pole.is_published = False
    pole.save()
    response = client_as(role).get(reverse("assessments:public_radar", args=[pole.slug]))
    assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_print_the_blank_observation_sheet(client_as, role, evaluation):
    code = evaluation.referentiel.code
    response = client_as(role).get(reverse("assessments:blank_sheet_pdf", args=[code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_an_unknown_referentiel_has_no_blank_sheet(client):
    assert client.get(reverse("assessments:blank_sheet_pdf", args=["inconnu"])).status_code == 404
