"""Writes of the evaluation workflow: creation, raters and their invitations, sheets, paper
sheets, consolidation, publication."""

# Fixtures imported from tests.assessments.grid are re-declared as test arguments.
# ruff: noqa: F811

import hashlib
import re
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from ptce.assessments.evaluation import services, services_sheet, services_workflow
from ptce.assessments.models import (
    Answer,
    Evaluation,
    Rater,
    Referentiel,
)
from ptce.assessments.referentiel.services import referentiel_load
from tests.assessments.factories import referentiel_variant_data
from tests.assessments.grid import answers, to_consolidation

pytestmark = pytest.mark.django_db


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


# Creation -------------------------------------------------------------------------------


def test_a_new_evaluation_is_a_draft_on_the_default_referentiel(pole, coordinator, referentiel):
    evaluation = services.evaluation_create(
        pole=pole,
        title=" Auto-évaluation 2026 ",
        created_by=coordinator,
        mode="croisee",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        deadline=date(2026, 4, 15),
    )
    assert evaluation.state == "brouillon"
    assert evaluation.referentiel == referentiel
    assert evaluation.referentiel.is_default
    assert evaluation.title == "Auto-évaluation 2026"
    assert evaluation.created_by == coordinator


def test_an_evaluation_may_use_another_version(pole, coordinator, referentiel):
    variant = referentiel_load(source=referentiel_variant_data("variante-occitanie")).referentiel
    evaluation = services.evaluation_create(
        pole=pole, title="Variante", created_by=coordinator, referentiel=variant
    )
    assert evaluation.referentiel == variant


def test_creating_without_a_default_referentiel_says_what_to_do(pole, coordinator, referentiel):
    Referentiel.objects.update(is_default=False)
    with pytest.raises(ValidationError, match="Aucun référentiel par défaut"):
        services.evaluation_create(pole=pole, title="Sans grille", created_by=coordinator)
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": ""}, "Ce champ ne peut pas être vide."),
        (
            {"title": "x", "period_start": date(2026, 5, 1), "period_end": date(2026, 1, 1)},
            "La fin de la période doit suivre son début.",
        ),
        ({"title": "x", "mode": "inconnu"}, "n’est pas un choix valide."),
    ],
)
def test_bad_evaluation_fields_are_refused_in_french(
    pole, coordinator, referentiel, fields, message
):
    with pytest.raises(ValidationError) as error:
        services.evaluation_create(pole=pole, created_by=coordinator, **fields)
    assert any(message in text for text in error.value.messages)
    assert not Evaluation.objects.exists()


def test_only_the_pole_coordinators_create_its_evaluations(pole, other_coordinator, referentiel):
    with pytest.raises(PermissionDenied):
        services.evaluation_create(pole=pole, title="Intrus", created_by=other_coordinator)


def test_the_title_and_period_can_be_changed_before_validation(evaluation, coordinator):
    services.evaluation_update(
        evaluation=evaluation, by=coordinator, title="Nouveau titre", deadline=date(2026, 6, 1)
    )
    evaluation.refresh_from_db()
    assert (evaluation.title, evaluation.deadline) == ("Nouveau titre", date(2026, 6, 1))


# Raters and invitations -------------------------------------------------------------------


def test_a_member_of_the_pole_becomes_a_rater(evaluation, member, coordinator):
    rater = services.rater_add_member(evaluation=evaluation, user=member, by=coordinator)
    assert (rater.user, rater.email, rater.is_external, rater.token) == (
        member,
        member.email,
        False,
        "",
    )


def test_someone_outside_the_pole_cannot_be_added_as_a_member(evaluation, outsider, coordinator):
    with pytest.raises(ValidationError, match="n’a pas de rôle dans le pôle"):
        services.rater_add_member(evaluation=evaluation, user=outsider, by=coordinator)
    assert not Rater.objects.exists()


def test_a_member_is_added_only_once(evaluation, member, coordinator):
    services.rater_add_member(evaluation=evaluation, user=member, by=coordinator)
    with pytest.raises(ValidationError, match="déjà"):
        services.rater_add_member(evaluation=evaluation, user=member, by=coordinator)
    assert Rater.objects.count() == 1


def test_raters_invited_to_a_draft_get_their_link_when_it_opens(
    evaluation, member, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.rater_add_member(evaluation=evaluation, user=member, by=coordinator)
        external = services.rater_invite_external(
            evaluation=evaluation, name="Alex Dupont", email="Alex@Exemple.fr", by=coordinator
        )
    assert mail.outbox == []
    assert external.token == ""
    assert external.invited_at is None
    with django_capture_on_commit_callbacks(execute=True):
        services_workflow.evaluation_open(evaluation=evaluation, by=coordinator)
    assert sorted(m.to[0] for m in mail.outbox) == ["alex@exemple.fr", member.email]
    by_recipient = {m.to[0]: m for m in mail.outbox}
    member_link = link_in(by_recipient[member.email])
    assert member_link.endswith(f"/evaluations/{evaluation.pk}/ma-feuille/")
    external_link = link_in(by_recipient["alex@exemple.fr"])
    token = external_link.rstrip("/").rsplit("/", 1)[1]
    external.refresh_from_db()
    assert external.token == hashlib.sha256(token.encode()).hexdigest()
    assert token not in external.token
    assert services.rater_from_token(token) == external
    assert "Pôle des Coteaux" in by_recipient["alex@exemple.fr"].subject


def test_an_invitation_to_an_open_evaluation_leaves_at_once_after_commit(
    open_evaluation, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        services.rater_invite_external(
            evaluation=open_evaluation, name="Alex", email="alex@exemple.fr", by=coordinator
        )
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["alex@exemple.fr"]]


def test_an_external_rater_needs_a_valid_email(evaluation, coordinator):
    with pytest.raises(ValidationError):
        services.rater_invite_external(
            evaluation=evaluation, name="Alex", email="pas-une-adresse", by=coordinator
        )
    with pytest.raises(ValidationError, match="adresse"):
        services.rater_invite_external(evaluation=evaluation, name="Alex", email="", by=coordinator)
    assert not Rater.objects.exists()


def test_renewing_a_link_kills_the_old_one(
    open_evaluation, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rater = services.rater_invite_external(
            evaluation=open_evaluation, name="Alex", email="alex@exemple.fr", by=coordinator
        )
    old = link_in(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    new = services.rater_link_renew(rater=rater, by=coordinator)
    assert services.rater_from_token(old) is None
    assert services.rater_from_token(new) == rater


@pytest.mark.parametrize("token", ["", "x" * 200, "inconnu", "../../etc"])
def test_unknown_or_malformed_tokens_point_to_nobody(member_rater, token):
    assert services.rater_from_token(token) is None


def test_raters_are_set_only_while_draft_or_open(evaluation, member, coordinator):
    to_consolidation(evaluation)
    with pytest.raises(ValidationError, match="brouillon ou ouverte"):
        services.rater_add_member(evaluation=evaluation, user=member, by=coordinator)


# Sheets ----------------------------------------------------------------------------------


def test_a_draft_is_saved_then_sent(member_rater):
    services_sheet.sheet_save(
        rater=member_rater,
        answers={"A": {"score": 4, "observation": "Un lieu identifié à la gare."}},
    )
    member_rater.refresh_from_db()
    assert member_rater.submitted_at is None
    assert Answer.objects.get(rater=member_rater).score == 4
    services_sheet.sheet_save(
        rater=member_rater,
        answers={"A": {"score": 5, "observation": "Et un second."}, "B": {"score": None}},
        submit=True,
    )
    member_rater.refresh_from_db()
    assert member_rater.submitted_at is not None
    stored = dict(
        Answer.objects.filter(rater=member_rater).values_list("criterion__letter", "score")
    )
    assert stored == {"A": 5, "B": None}
    assert Answer.objects.get(rater=member_rater, criterion__letter="A").observation == (
        "Et un second."
    )


def test_a_sheet_sent_cannot_be_changed(member_rater):
    services_sheet.sheet_save(rater=member_rater, answers=answers("3"), submit=True)
    with pytest.raises(ValidationError, match="déjà été envoyée"):
        services_sheet.sheet_save(rater=member_rater, answers=answers("5"))
    assert Answer.objects.get(rater=member_rater).score == 3


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"A": {"score": 7}}, "de 1 à 5"),
        ({"A": {"score": 0}}, "de 1 à 5"),
        ({"A": {"score": "3"}}, "de 1 à 5"),
        ({"A": {"score": 2.5}}, "de 1 à 5"),
        ({"A": {"score": True}}, "de 1 à 5"),
        ({"Z": {"score": 3}}, "Critère inconnu"),
        ({"A": {"score": 3, "couleur": "bleu"}}, "champ inconnu"),
    ],
)
def test_bad_answers_are_refused_in_french_and_nothing_is_written(member_rater, bad, message):
    with pytest.raises(ValidationError, match=message):
        services_sheet.sheet_save(rater=member_rater, answers={"B": {"score": 3}, **bad})
    assert not Answer.objects.exists()


def test_sheets_are_filled_only_while_the_evaluation_is_open(evaluation, member, coordinator):
    rater = services.rater_add_member(evaluation=evaluation, user=member, by=coordinator)
    with pytest.raises(ValidationError, match="ouverte"):
        services_sheet.sheet_save(rater=rater, answers=answers("3"))
    assert not Answer.objects.exists()


def test_a_paper_sheet_is_entered_for_a_named_participant_and_counts_as_sent(
    open_evaluation, coordinator
):
    rater = services_sheet.sheet_enter_on_paper(
        evaluation=open_evaluation,
        participant_name="Jeanne Martin",
        answers=answers("12345-123"),
        by=coordinator,
    )
    assert (rater.name, rater.entered_by, rater.user, rater.is_external) == (
        "Jeanne Martin",
        coordinator,
        None,
        False,
    )
    assert rater.submitted_at is not None
    assert rater.answers.count() == 9
    assert rater.answers.get(criterion__letter="F").score is None


def test_a_paper_sheet_needs_a_name_and_a_coordinator(open_evaluation, coordinator, member):
    with pytest.raises(ValidationError, match="nom"):
        services_sheet.sheet_enter_on_paper(
            evaluation=open_evaluation, participant_name=" ", answers=answers("3"), by=coordinator
        )
    with pytest.raises(PermissionDenied):
        services_sheet.sheet_enter_on_paper(
            evaluation=open_evaluation, participant_name="X", answers=answers("3"), by=member
        )
    assert not Rater.objects.exists()
