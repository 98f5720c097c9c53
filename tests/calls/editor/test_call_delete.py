"""Deleting a call: after a confirmation, with its phases, documents (and their files), bouquet
and report questions; refused in French while it is published or has applications (drafts
included); the rule is read again under the call's and its phases' locks."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ptce.awards.models_followup import ServiceItem
from ptce.calls.editor import documents, services
from ptce.calls.editor.revisions import form_revise
from ptce.calls.models import (
    ApplicationState,
    Call,
    CallDocument,
    FormRevision,
    Phase,
    Question,
    ScoringCriterion,
    Section,
)
from ptce.core.confirm import FIELD, VALUE
from tests.calls.factories import (
    CallFactory,
    CriterionFactory,
    PhaseFactory,
    QuestionFactory,
    SectionFactory,
)
from tests.calls.factories.instruction import application_in
from tests.concurrency import at_once, postgresql_only

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n% cahier des charges\n%%EOF\n"


@pytest.fixture
def call():
    """An unpublished call of two phases (the second requiring the first), a form, a grid, a
    file and a link, a service of its bouquet."""
    call = CallFactory(name="AMI PTCE 2031", is_published=False)
    first = PhaseFactory(call=call, name="Reconnaissance")
    second = PhaseFactory(call=call, number=2, name="Soutien", requires_phase=first)
    QuestionFactory(section=SectionFactory(phase=second))
    CriterionFactory(phase=second)
    pdf = SimpleUploadedFile("Cahier des charges.pdf", PDF, content_type="application/pdf")
    documents.document_create(call=call, title="Cahier des charges", file=pdf)
    documents.document_create(call=call, title="FAQ", url="https://exemple.fr/faq")
    ServiceItem.objects.create(call=call, label="Journée d’accompagnement")
    return call


def _url(call):
    return reverse("calls:editor_call_delete", args=[call.pk])


def test_a_call_is_deleted_after_confirmation_with_everything_it_holds(
    client_as, call, settings, django_capture_on_commit_callbacks
):
    other = PhaseFactory(call=CallFactory(name="AMI PTCE 2030"))
    path = settings.MEDIA_ROOT / CallDocument.objects.get(title="Cahier des charges").file.name
    assert path.exists()
    client = client_as("national_instructor")
    page = client.get(reverse("calls:editor_call", args=[call.pk])).content.decode()
    assert f'href="{_url(call)}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(call), {FIELD: VALUE})
    assert response.url == reverse("calls:editor_calls")
    assert list(Call.objects.values_list("name", flat=True)) == ["AMI PTCE 2030"]
    assert list(Phase.objects.all()) == [other]
    assert not CallDocument.objects.exists()
    assert not path.exists()
    assert not Section.objects.exists()
    assert not Question.objects.exists()
    assert not ScoringCriterion.objects.exists()
    assert not ServiceItem.objects.exists()
    page = client.get(response.url).content.decode()
    assert "L’appel «\xa0AMI PTCE 2031\xa0» est supprimé." in page


def test_the_confirmation_says_what_goes_and_changes_nothing(client_as, call):
    client = client_as("national_instructor")
    for response in (client.get(_url(call)), client.post(_url(call))):
        page = response.content.decode()
        assert response.status_code == 200
        assert "Supprimer l’appel&nbsp;?" in page
        assert "Cette action ne pourra pas être annulée." in page
        assert "leurs fichiers effacés du stockage" in page
        assert 'name="confirmation" value="oui"' in page
        assert 'role="alert"' not in page  # nothing stops it
    assert Call.objects.filter(pk=call.pk).exists()
    assert Phase.objects.filter(call=call).count() == 2
    assert CallDocument.objects.filter(call=call).count() == 2


def test_a_published_call_is_kept_and_the_page_asks_to_withdraw_it_first(client_as, call):
    Call.objects.filter(pk=call.pk).update(is_published=True)
    client = client_as("national_instructor")
    reason = "L’appel est publié\xa0: retirez-le d’abord de la publication"
    assert reason in client.get(_url(call)).content.decode()
    response = client.post(_url(call), {FIELD: VALUE}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("calls:editor_call", args=[call.pk])
    assert reason in response.content.decode()
    assert Call.objects.filter(pk=call.pk, is_published=True).exists()


@pytest.mark.parametrize(
    "state", [ApplicationState.DRAFT, ApplicationState.SUBMITTED, ApplicationState.LAUREATE]
)
def test_a_call_with_applications_is_kept_and_the_page_says_why(client_as, call, pole, state):
    application_in(pole, state, phase=call.phases.get(number=1))
    client = client_as("national_instructor")
    reason = "L’appel a 1 candidature (brouillons compris)\xa0: il ne peut pas être supprimé."
    assert reason in client.get(_url(call)).content.decode()
    response = client.post(_url(call), {FIELD: VALUE}, follow=True)
    assert reason in response.content.decode()
    assert Phase.objects.filter(call=call).count() == 2
    assert CallDocument.objects.filter(call=call).count() == 2


def test_the_rule_is_read_again_when_deleting(call, pole, national_instructor):
    """The call as the page showed it: unpublished, no application; both changed since."""
    shown = Call.objects.get(pk=call.pk)
    application_in(pole, ApplicationState.DRAFT, phase=call.phases.get(number=2))
    Call.objects.filter(pk=call.pk).update(is_published=True)
    with pytest.raises(ValidationError) as refused:
        services.call_delete(call=shown, by=national_instructor)
    assert len(refused.value.messages) == 2
    assert Call.objects.filter(pk=call.pk).exists()


def test_a_call_deleted_twice_says_so(client_as, call, national_instructor):
    stale = Call.objects.get(pk=call.pk)
    services.call_delete(call=call, by=national_instructor)
    with pytest.raises(ValidationError, match="déjà été supprimé"):
        services.call_delete(call=stale, by=national_instructor)
    assert client_as("national_instructor").post(_url(call), {FIELD: VALUE}).status_code == 404


def test_a_frozen_form_left_without_applications_goes_with_the_call(call, national_instructor):
    """Revisions outlive their applications when those are removed in the admin: their
    sections protect them, and are deleted first."""
    form_revise(phase=call.phases.get(number=2), by=national_instructor)
    assert FormRevision.objects.exists()
    services.call_delete(call=call, by=national_instructor)
    assert not FormRevision.objects.exists()
    assert not Section.objects.exists()


def test_publishing_a_call_deleted_meanwhile_says_so(call, national_instructor):
    stale = Call.objects.get(pk=call.pk)
    services.call_delete(call=call, by=national_instructor)
    with pytest.raises(ValidationError, match="supprimé entre-temps"):
        services.call_publish(call=stale, by=national_instructor)


@pytest.mark.parametrize("role", ["instructor", "coordinator", "outsider"])
def test_only_the_national_cell_deletes_a_call(client_as, call, role):
    client = client_as(role)
    assert client.get(_url(call)).status_code == 403
    assert client.post(_url(call), {FIELD: VALUE}).status_code == 403
    assert Call.objects.filter(pk=call.pk).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, call):
    response = client.post(_url(call), {FIELD: VALUE})
    assert response.status_code == 302
    assert "connexion" in response.url or "login" in response.url
    assert Call.objects.filter(pk=call.pk).exists()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_call_deleted_twice_at_once_is_deleted_once_without_error(national_instructor):
    call = PhaseFactory(call=CallFactory(is_published=False)).call
    statuses = at_once(*[(national_instructor, _url(call), {FIELD: VALUE})] * 2)
    assert sorted(statuses) in ([302, 302], [302, 404])
    assert not Call.objects.exists()
    assert not Phase.objects.exists()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_call_published_and_deleted_at_once_ends_either_way(national_instructor):
    call = PhaseFactory(call=CallFactory(is_published=False)).call
    publish = reverse("calls:editor_call_publish", args=[call.pk])
    statuses = at_once(
        (national_instructor, publish, {FIELD: VALUE}),
        (national_instructor, _url(call), {FIELD: VALUE}),
    )
    assert statuses[0] in (302, 404)
    assert statuses[1] == 302
    remaining = Call.objects.filter(pk=call.pk).first()
    assert remaining is None or remaining.is_published


@pytest.mark.parametrize(
    "create",
    [
        lambda call: services.phase_create(call=call, name="Phase tardive"),
        lambda call: documents.document_create(
            call=call, title="Note tardive", url="https://exemple.fr/note"
        ),
    ],
    ids=["phase", "document"],
)
def test_a_part_added_to_a_call_deleted_meanwhile_is_refused_in_french(create):
    stale = CallFactory()
    Call.objects.filter(pk=stale.pk).delete()  # another tab's deletion, after this one read it

    with pytest.raises(ValidationError) as excinfo:
        create(stale)

    assert excinfo.value.messages == ["Cet appel a été supprimé entre-temps."]
    assert not Phase.objects.filter(call_id=stale.pk).exists()
    assert not CallDocument.objects.filter(call_id=stale.pk).exists()
