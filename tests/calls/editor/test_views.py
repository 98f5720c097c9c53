"""The call editor's pages: the national cell's only; forms versioned, creations idempotent,
publication confirmed, bad input answered in French with nothing written."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ptce.calls.models import Call, FormRevision, Phase, Question
from ptce.core.confirm import FIELD, VALUE
from tests.calls.factories import (
    CallFactory,
    CriterionFactory,
    PhaseFactory,
    QuestionFactory,
    SectionFactory,
)
from tests.calls.factories.instruction import application_in
from tests.core.factories import UserFactory
from tests.territories.factories import RegionFactory

pytestmark = pytest.mark.django_db

CALL = {"name": "AMI PTCE 2027", "slug": "ami-ptce-2027", "year": "2027"}


@pytest.mark.parametrize("role", ["instructor", "coordinator", "outsider"])
def test_only_the_national_cell_manages_calls(client_as, role):
    client = client_as(role)
    assert client.get(reverse("calls:editor_calls")).status_code == 403
    assert client.post(reverse("calls:editor_call_create"), CALL).status_code == 403
    assert client.get(reverse("calls:editor_instructors")).status_code == 403
    assert not Call.objects.exists()


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("calls:editor_calls"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("core:login"))


def test_the_national_cell_creates_a_call_once_whatever_the_clicks(client_as):
    client = client_as("national_instructor")
    page = client.get(reverse("calls:editor_call_create"))
    token = page.context["form"]["once"].initial
    first = client.post(reverse("calls:editor_call_create"), {**CALL, "once": token})
    second = client.post(reverse("calls:editor_call_create"), {**CALL, "once": token})
    call = Call.objects.get()
    assert first.url == second.url == reverse("calls:editor_call", args=[call.pk])
    assert not call.is_published


def test_a_stale_call_edit_shows_the_conflict(client_as):
    call = CallFactory(name="Avant")
    client = client_as("national_instructor")
    url = reverse("calls:editor_call", args=[call.pk])
    data = {**CALL, "slug": call.slug, "version": 1}
    assert client.post(url, {**data, "name": "Première"}).status_code == 302
    response = client.post(url, {**data, "name": "Seconde"})
    assert response.status_code == 409
    assert "Quelqu’un a modifié ces informations" in response.content.decode()
    call.refresh_from_db()
    assert call.name == "Première"


def test_a_phase_without_dates_nor_permanent_mode_is_refused_in_french(client_as):
    call = CallFactory()
    response = client_as("national_instructor").post(
        reverse("calls:editor_phase_create", args=[call.pk]),
        {"name": "Soutien", "support_type": "services", "requirement_mode": "laureat"},
    )
    assert response.status_code == 400
    assert "ou choisissez le mode permanent" in response.content.decode()
    assert not Phase.objects.exists()


def test_a_permanent_phase_is_created_without_closing_date(client_as):
    call = CallFactory()
    response = client_as("national_instructor").post(
        reverse("calls:editor_phase_create", args=[call.pk]),
        {
            "name": "Reconnaissance",
            "support_type": "services",
            "requirement_mode": "laureat",
            "is_permanent": "on",
            "opens_on": "2026-01-01",
        },
    )
    phase = Phase.objects.get()
    assert response.url == reverse("calls:editor_phase", args=[phase.pk])
    assert (phase.number, phase.is_permanent, phase.closes_on) == (1, True, None)


def test_a_second_phase_left_without_number_comes_next_and_requires_the_first(client_as):
    first = PhaseFactory()
    client = client_as("national_instructor")
    url = reverse("calls:editor_phase_create", args=[first.call_id])
    assert 'name="number" value=' not in client.get(url).content.decode()
    client.post(
        url,
        {
            "name": "Soutien financier",
            "support_type": "financier",
            "requirement_mode": "laureat",
            "is_permanent": "on",
            "requires_phase": first.pk,
            "minimum_stage": 2,
            "requires_compliance": "on",
        },
    )
    second = Phase.objects.get(name="Soutien financier")
    assert (second.number, second.requires_phase, second.minimum_stage) == (2, first, 2)
    assert second.requires_compliance


def test_a_choice_question_without_choices_is_refused_in_french(client_as):
    section = SectionFactory()
    response = client_as("national_instructor").post(
        reverse("calls:editor_question_create", args=[section.pk]),
        {"label": "Statut", "kind": "choix", "max_repeats": 10},
    )
    assert response.status_code == 400
    assert "Indiquez au moins deux choix" in response.content.decode()
    assert not Question.objects.exists()


def test_publication_waits_for_the_confirmation(client_as):
    call = PhaseFactory(call__is_published=False).call
    client = client_as("national_instructor")
    url = reverse("calls:editor_call_publish", args=[call.pk])
    page = client.post(url)
    assert page.status_code == 200
    assert "Publier l’appel&nbsp;?" in page.content.decode()
    call.refresh_from_db()
    assert not call.is_published
    client.post(url, {FIELD: VALUE})
    call.refresh_from_db()
    assert call.is_published
    client.post(reverse("calls:editor_call_unpublish", args=[call.pk]), {FIELD: VALUE})
    call.refresh_from_db()
    assert not call.is_published


def test_editing_a_question_of_a_frozen_form_says_so_and_makes_a_revision(client_as, pole):
    application = application_in(pole)
    question = QuestionFactory(section=SectionFactory(phase=application.phase), label="Avant")
    client = client_as("national_instructor")
    url = reverse("calls:editor_question", args=[question.pk])
    assert "crée une nouvelle révision" in client.get(url).content.decode()
    response = client.post(
        url, {"label": "Après", "kind": "texte_court", "max_repeats": 10, "version": 1}
    )
    assert response.url == reverse("calls:editor_form", args=[application.phase_id])
    assert FormRevision.objects.get().applications.get() == application
    assert list(Question.objects.order_by("pk").values_list("label", flat=True)) == [
        "Avant",
        "Après",
    ]
    # The frozen question is no longer edited here.
    assert client.get(url).status_code == 404


def test_deleting_a_question_is_confirmed(client_as):
    question = QuestionFactory()
    client = client_as("national_instructor")
    url = reverse("calls:editor_question_delete", args=[question.pk])
    assert client.post(url).status_code == 200
    assert Question.objects.exists()
    client.post(url, {FIELD: VALUE})
    assert not Question.objects.exists()


def test_the_national_cell_adds_an_instructor_for_a_region(client_as, region):
    client = client_as("national_instructor")
    url = reverse("calls:editor_instructors")
    response = client.post(url, {"email": "pas-une-adresse", "region": region.pk})
    assert response.status_code == 400
    response = client.post(url, {"email": "agent@dreets.gouv.fr", "region": region.pk})
    assert response.url == url
    page = client.get(url).content.decode()
    assert "agent@dreets.gouv.fr instruit désormais la région Occitanie" in page


def test_the_dashboard_links_the_national_cell_to_the_editor(client_as):
    page = client_as("national_instructor").get(reverse("core:dashboard")).content.decode()
    assert f'href="{reverse("calls:editor_calls")}">Gérer les appels' in page


def test_the_regional_instructor_dashboard_has_no_editor_link(client_as):
    page = client_as("instructor").get(reverse("core:dashboard")).content.decode()
    assert reverse("calls:editor_calls") not in page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(phase):
    """More of everything the editor's pages list."""
    for _ in range(2):
        section = SectionFactory(phase=phase)
        QuestionFactory.create_batch(2, section=section)
        CriterionFactory(phase=phase)
        PhaseFactory(call=phase.call, number=PhaseFactory._meta.model.objects.count() + 1)
        CallFactory()
        UserFactory(is_instructor=True, regions=[RegionFactory()])


def test_the_editor_pages_read_a_fixed_number_of_queries(
    client_as, django_assert_num_queries, strict_templates
):
    client = client_as("national_instructor")
    phase = PhaseFactory()
    QuestionFactory(section=SectionFactory(phase=phase))
    CriterionFactory(phase=phase)
    UserFactory(is_instructor=True, regions=[RegionFactory()])
    pages = [
        reverse("calls:editor_calls"),
        reverse("calls:editor_call", args=[phase.call_id]),
        reverse("calls:editor_phase", args=[phase.pk]),
        reverse("calls:editor_form", args=[phase.pk]),
        reverse("calls:editor_grid", args=[phase.pk]),
        reverse("calls:editor_instructors"),
    ]
    counts = [_queries(client, url) for url in pages]
    _grow(phase)
    for url, count in zip(pages, counts, strict=True):
        with django_assert_num_queries(count, info=url):
            assert client.get(url).status_code == 200


def test_the_national_cell_words_the_decision_letters(client_as):
    call = CallFactory()
    client = client_as("national_instructor")
    url = reverse("calls:editor_call", args=[call.pk])
    data = {**CALL, "slug": call.slug, "version": call.version}
    model = "Madame, Monsieur, le pôle {pole} est lauréat de {appel} : {montant}."
    assert client.post(url, {**data, "letter_laureate": model}).status_code == 302
    call.refresh_from_db()
    assert call.letter_laureate == model


def test_a_letter_with_an_unknown_field_is_refused_in_french_and_nothing_changes(client_as):
    call = CallFactory(name="Avant")
    client = client_as("national_instructor")
    url = reverse("calls:editor_call", args=[call.pk])
    data = {**CALL, "slug": call.slug, "version": call.version, "name": "Après"}
    response = client.post(url, {**data, "letter_laureate": "Bonjour {president}"})
    assert response.status_code == 400
    assert "Champ inconnu\xa0: {president}" in response.content.decode()
    call.refresh_from_db()
    assert call.name == "Avant"
