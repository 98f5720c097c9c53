"""Deleting a phase: after a confirmation, and refused in French while it has applications
(drafts included), is required by another phase or is the call's only one; the rule is read
again under the call's and the phase's locks."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ptce.calls.editor import services
from ptce.calls.models import ApplicationState, CallDocument, Phase, ScoringCriterion, Section
from ptce.core.confirm import FIELD, VALUE
from tests.calls.factories import (
    CallFactory,
    CriterionFactory,
    PhaseFactory,
    QuestionFactory,
    SectionFactory,
)
from tests.calls.factories.instruction import application_in
from tests.concurrency import TIMES, at_once, once_token, postgresql_only

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_phases():
    first = PhaseFactory(name="Reconnaissance")
    second = PhaseFactory(call=first.call, number=2, name="Soutien financier")
    return first, second


def _url(phase):
    return reverse("calls:editor_phase_delete", args=[phase.pk])


def test_a_phase_is_deleted_after_confirmation_with_its_form_and_grid(client_as, two_phases):
    first, second = two_phases
    QuestionFactory(section=SectionFactory(phase=second))
    CriterionFactory(phase=second)
    client = client_as("national_instructor")
    page = client.get(reverse("calls:editor_phase", args=[second.pk])).content.decode()
    assert f'href="{_url(second)}"' in page
    confirmation = client.post(_url(second)).content.decode()
    assert "Supprimer la phase&nbsp;?" in confirmation
    assert "Cette action ne pourra pas être annulée." in confirmation
    assert Phase.objects.filter(pk=second.pk).exists()
    response = client.post(_url(second), {FIELD: VALUE})
    assert response.url == reverse("calls:editor_call", args=[first.call_id])
    assert list(Phase.objects.values_list("name", flat=True)) == ["Reconnaissance"]
    assert not Section.objects.exists()
    assert not ScoringCriterion.objects.exists()
    page = client.get(response.url).content.decode()
    assert "La phase 2 «\xa0Soutien financier\xa0» est supprimée." in page


@pytest.mark.parametrize("state", [ApplicationState.DRAFT, ApplicationState.INSTRUCTION])
def test_a_phase_with_applications_is_kept_and_the_page_says_why(
    client_as, two_phases, pole, state
):
    first, second = two_phases
    application_in(pole, state, phase=second)
    client = client_as("national_instructor")
    reason = "La phase 2 a 1 candidature (brouillons compris) : elle ne peut pas être supprimée."
    assert reason in client.get(_url(second)).content.decode()
    response = client.post(_url(second), {FIELD: VALUE}, follow=True)
    assert reason in response.content.decode()
    assert Phase.objects.filter(pk=second.pk).exists()


def test_a_phase_required_by_another_is_kept(client_as, two_phases):
    first, second = two_phases
    second.requires_phase = first
    second.save()
    response = client_as("national_instructor").post(_url(first), {FIELD: VALUE}, follow=True)
    page = response.content.decode()
    assert "La phase 2 requiert la phase 1 : changez d’abord sa phase préalable." in page
    assert Phase.objects.count() == 2


def test_the_only_phase_of_a_call_is_kept(client_as):
    phase = PhaseFactory()
    response = client_as("national_instructor").post(_url(phase), {FIELD: VALUE}, follow=True)
    assert "C’est la seule phase de l’appel" in response.content.decode()
    assert Phase.objects.filter(pk=phase.pk).exists()


def test_the_rule_is_read_again_when_deleting(two_phases, pole, national_instructor):
    """The phase as the page showed it had no application; one arrived since."""
    first, second = two_phases
    shown = Phase.objects.get(pk=second.pk)
    application_in(pole, ApplicationState.DRAFT, phase=second)
    with pytest.raises(ValidationError, match="1 candidature"):
        services.phase_delete(phase=shown, by=national_instructor)
    assert Phase.objects.filter(pk=second.pk).exists()


def test_a_phase_deleted_twice_says_so(two_phases, national_instructor):
    first, second = two_phases
    stale = Phase.objects.get(pk=second.pk)
    services.phase_delete(phase=second, by=national_instructor)
    with pytest.raises(ValidationError, match="déjà été supprimée"):
        services.phase_delete(phase=stale, by=national_instructor)


@pytest.mark.parametrize("role", ["instructor", "coordinator", "outsider"])
def test_only_the_national_cell_deletes_a_phase(client_as, two_phases, role):
    assert client_as(role).post(_url(two_phases[1]), {FIELD: VALUE}).status_code == 403
    assert Phase.objects.count() == 2


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_two_phases_of_a_call_deleted_at_once_leave_one(national_instructor):
    first = PhaseFactory()
    second = PhaseFactory(call=first.call, number=2)
    statuses = at_once(
        (national_instructor, _url(first), {FIELD: VALUE}),
        (national_instructor, _url(second), {FIELD: VALUE}),
    )
    assert statuses == [302, 302]
    assert Phase.objects.filter(call=first.call).count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_document_added_twice_at_once_is_added_once(national_instructor, client):
    call = CallFactory()
    url = reverse("calls:editor_document_create", args=[call.pk])
    client.force_login(national_instructor)
    data = {"title": "FAQ", "url": "https://exemple.fr/faq", "once": once_token(client.get(url))}
    statuses = at_once(*[(national_instructor, url, data)] * TIMES)
    assert statuses == [302] * TIMES
    assert CallDocument.objects.count() == 1
