"""The coordinator's evaluation pages: who may see and do what, what they show, and their cost."""

# Fixtures imported from tests.assessments.grid are re-declared as test arguments.
# ruff: noqa: F811

import pytest
from django.urls import reverse

from ptce.assessments.evaluation import services, services_workflow
from ptce.assessments.evaluation.services_sheet import sheet_save
from ptce.assessments.models import Evaluation, EvaluationTransition, Rater
from tests.assessments.grid import sheet, validate
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

MANAGE_ACCESS = {
    "anonymous": 302,
    "outsider": 403,
    "member": 403,
    "other_coordinator": 403,
    "coordinator": 200,
    "instructor": 403,
    "admin_user": 200,
}
MANAGE_PAGES = ["evaluation_detail", "evaluation_edit", "paper_sheet", "consolidation"]
POSTS = {
    "evaluation_transition": {"target": "ouverte", "confirmation": "oui"},
    "evaluation_delete": {"confirmer": "oui"},
    "evaluation_publish": {"publier": "oui"},
    "rater_add": {},
    "rater_invite": {"name": "Alex", "email": "alex@exemple.fr"},
}


def url(name, evaluation, *extra):
    return reverse(f"assessments:{name}", args=[evaluation.pole.slug, evaluation.pk, *extra])


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("member", 200),
        ("other_coordinator", 403),
        ("coordinator", 200),
        ("instructor", 200),
        ("admin_user", 200),
    ],
)
def test_the_list_is_for_the_people_of_the_pole_and_its_instructors(
    client_as, pole, role, expected
):
    response = client_as(role).get(reverse("assessments:evaluation_list", args=[pole.slug]))
    assert response.status_code == expected
    if expected == 302:
        assert response.url.startswith(reverse("core:login"))


@pytest.mark.parametrize("role", ["outsider", "other_coordinator"])
def test_the_list_of_an_unpublished_pole_is_hidden_from_strangers(client_as, pole, role):
    pole.is_published = False
    pole.save()
    response = client_as(role).get(reverse("assessments:evaluation_list", args=[pole.slug]))
    assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_and_admins_create_an_evaluation(client_as, pole, referentiel, role):
    client = client_as(role)
    create = reverse("assessments:evaluation_create", args=[pole.slug])
    assert client.get(create).status_code == MANAGE_ACCESS[role]
    client.post(create, {"title": "Essai", "mode": "auto", "referentiel": referentiel.pk})
    assert Evaluation.objects.filter(title="Essai").exists() is (MANAGE_ACCESS[role] == 200)


@pytest.mark.parametrize("page", MANAGE_PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_and_admins_see_the_evaluation_pages(
    client_as, open_evaluation, role, page
):
    response = client_as(role).get(url(page, open_evaluation))
    assert response.status_code == MANAGE_ACCESS[role]


@pytest.mark.parametrize("view", sorted(POSTS))
@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_and_admins_act_on_an_evaluation(client_as, evaluation, role, view):
    before = (
        Evaluation.objects.count(),
        Rater.objects.count(),
        EvaluationTransition.objects.count(),
    )
    response = client_as(role).post(url(view, evaluation), POSTS[view])
    if MANAGE_ACCESS[role] == 200:
        assert response.status_code in (302, 400)
    else:
        assert response.status_code == MANAGE_ACCESS[role]
        after = (
            Evaluation.objects.count(),
            Rater.objects.count(),
            EvaluationTransition.objects.count(),
        )
        assert after == before


@pytest.mark.parametrize("view", ["evaluation_delete", "rater_add"])
def test_action_views_refuse_get(client, coordinator, evaluation, view):
    client.force_login(coordinator)
    assert client.get(url(view, evaluation)).status_code == 405


def test_an_evaluation_of_another_pole_is_not_found_under_this_pole(
    client, coordinator, evaluation, other_pole
):
    client.force_login(coordinator)
    wrong = reverse("assessments:evaluation_detail", args=[other_pole.slug, evaluation.pk])
    assert client.get(wrong).status_code in (403, 404)
    missing = reverse("assessments:evaluation_detail", args=[evaluation.pole.slug, 999999])
    assert client.get(missing).status_code == 404


def test_a_coordinator_creates_an_evaluation_from_the_form(client, coordinator, pole, referentiel):
    client.force_login(coordinator)
    response = client.post(
        reverse("assessments:evaluation_create", args=[pole.slug]),
        {
            "title": "Évaluation croisée 2026",
            "referentiel": referentiel.pk,
            "mode": "croisee",
            "period_start": "2026-01-01",
            "period_end": "2026-02-01",
            "deadline": "2026-03-01",
        },
    )
    evaluation = Evaluation.objects.get()
    assert response.url == url("evaluation_detail", evaluation)
    assert (evaluation.mode, evaluation.created_by, evaluation.state) == (
        "croisee",
        coordinator,
        "brouillon",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Ce champ est obligatoire."),
        (
            {
                "title": "x",
                "mode": "auto",
                "period_start": "2026-05-01",
                "period_end": "2026-01-01",
            },
            "La fin de la période doit suivre son début.",
        ),
        ({"title": "x", "mode": "auto", "deadline": "31/02/2026"}, "Saisissez une date valide."),
    ],
)
def test_bad_evaluation_forms_say_why_in_french_and_write_nothing(
    client, coordinator, pole, referentiel, data, message
):
    client.force_login(coordinator)
    response = client.post(reverse("assessments:evaluation_create", args=[pole.slug]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Evaluation.objects.exists()


def test_the_coordinator_moves_the_evaluation_with_the_buttons_and_sees_the_log(
    client, coordinator, evaluation
):
    client.force_login(coordinator)
    page = client.get(url("evaluation_detail", evaluation)).content.decode()
    assert "Ouvrir l’évaluation aux évaluateurs" in page
    response = client.post(
        url("evaluation_transition", evaluation),
        {"target": "ouverte", "reason": "Atelier", "confirmation": "oui"},
        follow=True,
    )
    assert "L’évaluation est maintenant «\xa0Ouverte\xa0»." in response.content.decode()
    assert "Clore les feuilles et consolider" in response.content.decode()
    assert "Atelier" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.state == "ouverte"


def test_a_forbidden_move_by_post_is_refused_in_french(client, coordinator, evaluation):
    client.force_login(coordinator)
    response = client.post(
        url("evaluation_transition", evaluation),
        {"target": "validee", "confirmation": "oui"},
        follow=True,
    )
    assert "ne peut pas passer à l’état «\xa0Validée\xa0»" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.state == "brouillon"


@pytest.mark.parametrize("data", [{}, {"target": "archivee"}])
def test_a_malformed_move_is_refused_in_french(client, coordinator, evaluation, data):
    client.force_login(coordinator)
    response = client.post(url("evaluation_transition", evaluation), data, follow=True)
    assert "Changement d’état inconnu" in response.content.decode()
    assert not evaluation.transitions.exists()


def test_the_detail_page_shows_sheet_status_but_never_scores(
    client, coordinator, open_evaluation, member
):
    rater = services.rater_add_member(evaluation=open_evaluation, user=member, by=coordinator)

    sheet_save(rater=rater, answers={"A": {"score": 4, "observation": "Secret de A"}})
    sheet(open_evaluation, "512345123", name="Jeanne Papier")
    client.force_login(coordinator)
    page = client.get(url("evaluation_detail", open_evaluation)).content.decode()
    assert "Brouillon (1 critère)" in page
    assert "Jeanne Papier" in page
    assert "Feuille papier" in page
    assert "Envoyée le" in page
    assert "Secret de A" not in page


def test_inviting_from_the_page_sends_the_link_when_open(
    client, coordinator, open_evaluation, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("rater_invite", open_evaluation),
            {"name": "Alex Dupont", "email": "alex@exemple.fr"},
            follow=True,
        )
    assert "Alex Dupont est invité·e" in response.content.decode()
    assert [m.to for m in mailoutbox] == [["alex@exemple.fr"]]
    assert "/evaluations/feuille/" in mailoutbox[0].body


def test_bad_invitations_say_why_and_write_nothing(client, coordinator, open_evaluation):
    client.force_login(coordinator)
    response = client.post(url("rater_invite", open_evaluation), {"name": "", "email": "pas"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Ce champ est obligatoire." in content
    assert "Saisissez une adresse de courriel valide." in content
    assert not Rater.objects.exists()


def test_adding_a_member_from_the_page(client, coordinator, open_evaluation, member, outsider):
    client.force_login(coordinator)
    response = client.post(url("rater_add", open_evaluation), {"user": outsider.pk})
    assert response.status_code == 400
    assert not Rater.objects.exists()
    client.post(url("rater_add", open_evaluation), {"user": member.pk})
    assert Rater.objects.get().user == member


def test_a_paper_sheet_is_entered_from_the_form(client, coordinator, open_evaluation):
    client.force_login(coordinator)
    data = {"participant_name": "Jeanne Papier"}
    data.update({f"score_{letter}": "3" for letter in "ABCDEFGH"})
    data["score_I"] = "nsp"
    data["observation_A"] = "Vu à l’atelier"
    response = client.post(url("paper_sheet", open_evaluation), data)
    assert response.status_code == 302
    rater = Rater.objects.get()
    assert (rater.name, rater.entered_by) == ("Jeanne Papier", coordinator)
    assert rater.answers.get(criterion__letter="I").score is None
    assert rater.answers.get(criterion__letter="A").observation == "Vu à l’atelier"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Indiquez le nom de la personne."),
        ({"participant_name": "X", "score_A": "7"}, "Choisissez une note de 1 à 5"),
        ({"participant_name": "X"}, "Critère A\xa0: choisissez une note de 1 à 5"),
    ],
)
def test_a_bad_paper_sheet_is_refused_in_french(
    client, coordinator, open_evaluation, data, message
):
    client.force_login(coordinator)
    response = client.post(url("paper_sheet", open_evaluation), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Rater.objects.exists()


def test_deleting_needs_the_confirmation_box(client, coordinator, evaluation):
    client.force_login(coordinator)
    response = client.post(url("evaluation_delete", evaluation), {}, follow=True)
    assert "Cochez la case de confirmation" in response.content.decode()
    assert Evaluation.objects.exists()
    client.post(url("evaluation_delete", evaluation), {"confirmer": "oui"})
    assert not Evaluation.objects.exists()


def test_members_see_validated_evaluations_and_those_they_rate(
    client, pole, coordinator, member, referentiel
):
    draft = services.evaluation_create(pole=pole, title="Brouillon caché", created_by=coordinator)
    rated = services.evaluation_create(pole=pole, title="Celle que je note", created_by=coordinator)
    services.rater_add_member(evaluation=rated, user=member, by=coordinator)
    services_workflow.evaluation_open(evaluation=rated, by=coordinator)
    done = services.evaluation_create(pole=pole, title="Validée 2025", created_by=coordinator)
    validate(done)
    client.force_login(member)
    page = client.get(reverse("assessments:evaluation_list", args=[pole.slug])).content.decode()
    assert draft.title not in page
    assert rated.title in page
    assert reverse("assessments:my_sheet", args=[rated.pk]) in page
    assert done.title in page
    detail = reverse("assessments:evaluation_detail", args=[pole.slug, done.pk])
    assert f'href="{detail}"' not in page
    assert f'href="{reverse("assessments:results", args=[pole.slug, done.pk])}"' in page


def test_instructors_see_only_validated_evaluations(
    client, pole, coordinator, instructor, referentiel
):
    services.evaluation_create(pole=pole, title="En préparation", created_by=coordinator)
    done = services.evaluation_create(pole=pole, title="Validée 2025", created_by=coordinator)
    validate(done)
    client.force_login(instructor)
    page = client.get(reverse("assessments:evaluation_list", args=[pole.slug])).content.decode()
    assert "Validée 2025" in page
    assert "En préparation" not in page


def test_a_move_is_confirmed_on_its_own_page_before_it_happens(client, coordinator, evaluation):
    client.force_login(coordinator)
    page = client.get(url("evaluation_transition", evaluation) + "?target=ouverte")
    html = page.content.decode()
    assert "Ouvrir l’évaluation aux évaluateurs&nbsp;?" in html
    assert 'name="target" value="ouverte"' in html
    client.post(url("evaluation_transition", evaluation), {"target": "ouverte"})
    evaluation.refresh_from_db()
    assert evaluation.state == "brouillon"
