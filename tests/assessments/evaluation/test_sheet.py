"""The feuille d’observation: a rater's own sheet, external links, drafts, sending, files."""

# Fixtures imported from tests.assessments.grid are re-declared as test arguments.
# ruff: noqa: F811

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from freezegun import freeze_time

from ptce.assessments.evaluation import services, services_sheet, services_workflow
from ptce.assessments.evaluation.selectors import sheets_to_fill
from ptce.assessments.models import Answer, Evaluation, EvidenceFile
from tests.assessments.grid import LETTERS, answers, pdf_bytes, pole_member, upload, validate
from tests.conftest import ROLES
from tests.mail import FAILING_BACKEND

pytestmark = pytest.mark.django_db


def my_sheet(evaluation):
    return reverse("assessments:my_sheet", args=[evaluation.pk])


def full_sheet(score="3", **extra):
    data = {
        "action": "envoyer",
        "confirmation": "oui",
        **{f"score_{letter}": score for letter in LETTERS},
    }
    data.update(extra)
    return data


@pytest.fixture
def external(open_evaluation, coordinator, django_capture_on_commit_callbacks):
    """(rater, token) of a person invited from outside, as read in the e-mail."""
    with django_capture_on_commit_callbacks(execute=True):
        rater = services.rater_invite_external(
            evaluation=open_evaluation, name="Alex Dupont", email="alex@exemple.fr", by=coordinator
        )
    token = re.search(r"/evaluations/feuille/([^/\s]+)/", mail.outbox[-1].body).group(1)
    return rater, token


def external_url(token):
    return reverse("assessments:external_sheet", args=[token])


# Who sees which sheet ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_the_rater_opens_their_sheet(client_as, member_rater, role):
    response = client_as(role).get(my_sheet(member_rater.evaluation))
    expected = {"anonymous": 302, "member": 200}.get(role, 404)
    assert response.status_code == expected


def test_the_sheet_shows_each_criterion_with_its_questions_scale_and_fields(
    client, member, member_rater, referentiel
):
    client.force_login(member)
    page = client.get(my_sheet(member_rater.evaluation)).content.decode()
    for criterion in referentiel.criteria.all():
        assert escape(f"{criterion.letter}. {criterion.statement}") in page
        assert criterion.guiding_questions
        for question in criterion.guiding_questions:
            assert escape(question) in page
        assert f'name="score_{criterion.letter}" value="nsp"' in page
        assert f'name="observation_{criterion.letter}"' in page
        assert f'name="links_{criterion.letter}"' in page
        assert f'name="file_{criterion.letter}"' in page
        assert f'name="improvement_{criterion.letter}"' in page
    assert referentiel.levels.count() == 5
    for level in referentiel.levels.all():
        assert escape(level.description) in page
    assert "Ne se prononce pas" in page
    assert "Enregistrer le brouillon" in page
    assert "Envoyer ma feuille" in page
    assert 'enctype="multipart/form-data"' in page


def test_a_rater_never_sees_another_raters_answers(client, pole, member, member_rater):
    other = pole_member(pole, "autre-membre@exemple.fr")
    evaluation = member_rater.evaluation
    other_rater = services.rater_add_member(
        evaluation=evaluation, user=other, by=evaluation.created_by
    )
    services_sheet.sheet_save(
        rater=other_rater,
        answers={"A": {"score": 1, "observation": "Observation de l’autre"}},
        submit=True,
    )
    client.force_login(member)
    page = client.get(my_sheet(evaluation)).content.decode()
    assert "Observation de l’autre" not in page
    assert "checked" not in page
    sheet_of_other = reverse(
        "assessments:rater_sheet", args=[evaluation.pole.slug, evaluation.pk, other_rater.pk]
    )
    assert client.get(sheet_of_other).status_code == 404


def test_the_coordinator_reads_each_sheet(client, coordinator, member_rater):
    services_sheet.sheet_save(
        rater=member_rater, answers={"A": {"score": 2, "observation": "Vu au forum"}}
    )
    evaluation = member_rater.evaluation
    client.force_login(coordinator)
    page = client.get(
        reverse(
            "assessments:rater_sheet", args=[evaluation.pole.slug, evaluation.pk, member_rater.pk]
        )
    ).content.decode()
    assert "Vu au forum" in page
    assert "2 / 5" in page


# Drafts and sending -----------------------------------------------------------------------


def test_a_draft_is_saved_and_shown_again(client, member, member_rater):
    client.force_login(member)
    url = my_sheet(member_rater.evaluation)
    response = client.post(
        url,
        {
            "action": "brouillon",
            "score_A": "4",
            "observation_A": "Un tiers-lieu ouvert à tous",
            "links_A": "https://exemple.fr/bilan\nhttps://exemple.fr/photos",
            "score_C": "nsp",
        },
        follow=True,
    )
    assert "Votre brouillon est enregistré." in response.content.decode()
    stored = dict(member_rater.answers.values_list("criterion__letter", "score"))
    assert stored == {"A": 4, "C": None}
    member_rater.refresh_from_db()
    assert member_rater.submitted_at is None
    page = response.content.decode()
    assert 'id="note-A-4" name="score_A" value="4" checked' in page
    assert 'id="note-C-nsp" name="score_C" value="nsp" checked' in page
    assert 'name="score_B" value="nsp" checked' not in page
    assert "Un tiers-lieu ouvert à tous" in page


def test_sending_needs_every_criterion_and_then_locks_the_sheet(client, member, member_rater):
    client.force_login(member)
    url = my_sheet(member_rater.evaluation)
    incomplete = full_sheet()
    del incomplete["score_E"]
    response = client.post(url, incomplete)
    assert response.status_code == 400
    assert "Critère E\xa0: choisissez une note de 1 à 5" in response.content.decode()
    assert not Answer.objects.exists()
    response = client.post(url, full_sheet(score_I="nsp"), follow=True)
    assert "Votre feuille est envoyée." in response.content.decode()
    member_rater.refresh_from_db()
    assert member_rater.submitted_at is not None
    assert member_rater.answers.count() == 9
    page = client.get(url).content.decode()
    assert "Envoyer ma feuille" not in page
    assert "elle ne peut plus être modifiée" in page
    response = client.post(url, full_sheet("1"), follow=True)
    assert "déjà été envoyée" in response.content.decode()
    assert set(member_rater.answers.values_list("score", flat=True)) == {3, None}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choisissez « Enregistrer le brouillon » ou « Envoyer ma feuille »."),
        ({"action": "brouillon", "score_A": "7"}, "Choisissez une note de 1 à 5"),
        (
            {"action": "brouillon", "score_A": "3", "links_A": "javascript:alert(1)"},
            "n’est pas une adresse web",
        ),
        ({"action": "brouillon", "observation_B": "x" * 5001}, "5000 caractères"),
        ({"action": "supprimer-tout"}, "Choisissez « Enregistrer le brouillon »"),
    ],
)
def test_bad_input_says_why_in_french_and_writes_nothing(
    client, member, member_rater, data, message
):
    client.force_login(member)
    response = client.post(my_sheet(member_rater.evaluation), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Answer.objects.exists()


def test_an_unknown_letter_in_the_post_is_ignored(client, member, member_rater):
    client.force_login(member)
    client.post(my_sheet(member_rater.evaluation), {"action": "brouillon", "score_Z": "3"})
    assert not Answer.objects.exists()


def test_the_sheet_waits_while_the_evaluation_is_a_draft(client, evaluation, member, coordinator):
    services.rater_add_member(evaluation=evaluation, user=member, by=coordinator)
    client.force_login(member)
    page = client.get(my_sheet(evaluation)).content.decode()
    assert "L’évaluation n’est pas encore ouverte" in page
    assert "Envoyer ma feuille" not in page
    response = client.post(my_sheet(evaluation), full_sheet(), follow=True)
    assert "ne se remplissent que lorsque l’évaluation est ouverte" in response.content.decode()
    assert not Answer.objects.exists()


# Files ------------------------------------------------------------------------------------


def test_a_file_is_attached_from_the_sheet_and_removed_again(client, member, member_rater):
    client.force_login(member)
    url = my_sheet(member_rater.evaluation)
    client.post(
        url, {"action": "brouillon", "score_B": "2", "file_B": upload("bilan.pdf", pdf_bytes())}
    )
    evidence = EvidenceFile.objects.get()
    assert evidence.answer.criterion.letter == "B"
    page = client.get(url).content.decode()
    assert reverse("assessments:evidence_download", args=[evidence.pk]) in page
    response = client.post(url, {"retirer": str(evidence.pk), "score_B": "2"}, follow=True)
    assert "Le fichier «\xa0bilan.pdf\xa0» est retiré." in response.content.decode()
    assert not EvidenceFile.objects.exists()


def test_a_renamed_program_is_refused_on_the_sheet(client, member, member_rater):
    client.force_login(member)
    response = client.post(
        my_sheet(member_rater.evaluation),
        {"action": "brouillon", "score_A": "4", "file_A": upload("virus.pdf", b"MZ\x90\x00")},
    )
    assert response.status_code == 400
    assert "«\xa0virus.pdf\xa0» est un programme" in response.content.decode()
    assert not Answer.objects.exists()
    assert not EvidenceFile.objects.exists()


# External raters --------------------------------------------------------------------------


def test_an_external_rater_fills_their_sheet_without_an_account(client, external):
    rater, token = external
    page = client.get(external_url(token)).content.decode()
    assert "Alex Dupont" in page
    assert "Envoyer ma feuille" in page
    response = client.post(external_url(token), full_sheet("4"), follow=True)
    assert "Votre feuille est envoyée." in response.content.decode()
    rater.refresh_from_db()
    assert rater.submitted_at is not None
    assert set(rater.answers.values_list("score", flat=True)) == {4}


@pytest.mark.parametrize("token", ["inconnu", "a" * 43, "x" * 150])
def test_an_unknown_link_gets_a_french_404_page(client, external, token):
    response = client.get(external_url(token))
    assert response.status_code == 404
    assert "Ce lien ne mène à aucune feuille d’observation" in response.content.decode()
    assert client.post(external_url(token), full_sheet()).status_code == 404


def test_after_validation_the_external_sheet_is_read_only(client, external):
    rater, token = external
    services_sheet.sheet_save(
        rater=rater, answers={"A": {"score": 2, "observation": "Ma remarque"}}
    )
    validate(rater.evaluation)
    page = client.get(external_url(token)).content.decode()
    assert "Ma remarque" in page
    assert "L’évaluation est validée" in page
    assert "Envoyer ma feuille" not in page
    response = client.post(external_url(token), full_sheet("5"), follow=True)
    assert "validée et verrouillée" in response.content.decode()
    assert rater.answers.get().score == 2


def test_a_rater_can_read_the_results_link_once_consolidation_starts(client, member, member_rater):
    services_sheet.sheet_save(rater=member_rater, answers=answers("333333333"), submit=True)
    evaluation = member_rater.evaluation
    services_workflow.evaluation_start_consolidation(
        evaluation=evaluation, by=evaluation.created_by
    )
    client.force_login(member)
    page = client.get(my_sheet(evaluation)).content.decode()
    assert reverse("assessments:results", args=[evaluation.pole.slug, evaluation.pk]) in page


@pytest.mark.parametrize("state", ["brouillon", "ouverte", "envoyee", "consolidation", "validee"])
def test_sheet_pages_use_no_undefined_template_variable(
    strict_templates, client, evaluation, coordinator, django_capture_on_commit_callbacks, state
):
    with django_capture_on_commit_callbacks(execute=True):
        rater = services.rater_invite_external(
            evaluation=evaluation, name="Alex", email="alex@exemple.fr", by=coordinator
        )
        if state != "brouillon":
            services_workflow.evaluation_open(evaluation=evaluation, by=coordinator)
    token = (
        re.search(r"/evaluations/feuille/([^/\s]+)/", mail.outbox[-1].body).group(1)
        if (mail.outbox)
        else None
    )
    if token is None:
        token = services.send_rater_invitation(rater=rater, by=coordinator)
    if state != "brouillon":
        services_sheet.sheet_save(
            rater=rater,
            answers=answers("4"),
            files={"A": [upload("p.pdf", pdf_bytes())]},
            submit=state != "ouverte",
        )
    if state == "consolidation":
        services_workflow.evaluation_start_consolidation(evaluation=evaluation, by=coordinator)
    if state == "validee":
        validate(evaluation)
    response = client.get(external_url(token))
    assert response.status_code == 200
    assert "VARIABLE-INDEFINIE" not in response.content.decode()
    unknown = client.get(external_url("inconnu"))
    assert "VARIABLE-INDEFINIE" not in unknown.content.decode()


def test_the_sheets_waiting_for_someone_are_listed_for_their_dashboard(
    member, member_rater, evaluation
):

    assert sheets_to_fill(member) == [member_rater]
    services_sheet.sheet_save(rater=member_rater, answers=answers("333333333"), submit=True)
    assert sheets_to_fill(member) == []


def test_the_external_link_expires_30_days_after_validation(client, external):
    """Issue « Trust », finding 6: the link kept showing the sheet after the validation."""
    rater, token = external
    validated = timezone.now()
    Evaluation.objects.filter(pk=rater.evaluation_id).update(validated_at=validated)
    with freeze_time(validated + datetime.timedelta(days=29)):
        assert client.get(external_url(token)).status_code == 200
    with freeze_time(validated + datetime.timedelta(days=31)):
        response = client.get(external_url(token))
    assert response.status_code == 410
    assert "Ce lien a expiré" in response.content.decode()


def test_an_external_rater_is_invited_even_when_the_mail_server_is_down(
    settings, open_evaluation, coordinator, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        rater = services.rater_invite_external(
            evaluation=open_evaluation, name="Alex Dupont", email="alex@exemple.fr", by=coordinator
        )
    assert rater.pk is not None
    assert rater.invited_at is not None


def test_sending_asks_for_confirmation_and_keeps_the_answers_as_a_draft(
    client, member, member_rater
):
    client.force_login(member)
    url = my_sheet(member_rater.evaluation)
    unconfirmed = full_sheet()
    del unconfirmed["confirmation"]
    html = client.post(url, unconfirmed).content.decode()
    assert "Envoyer ma feuille&nbsp;?" in html
    assert 'name="confirmation" value="oui"' in html
    assert 'name="score_A" value="3"' in html  # the answers travel with the confirmation
    member_rater.refresh_from_db()
    assert member_rater.submitted_at is None
    assert member_rater.answers.count() == 9  # kept as a draft meanwhile
