import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ptce.assessments.models import Criterion, LexiconTerm, Referentiel
from tests.assessments.factories import (
    EvaluationFactory,
    load_default_referentiel,
    referentiel_variant_data,
)

LOAD_URL = "/admin/assessments/referentiel/charger/"


@pytest.fixture
def referentiel(db):
    return load_default_referentiel()


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def criterion_form(criterion, **changes):
    data = {
        "statement": criterion.statement,
        "footnote": criterion.footnote,
        "guiding_questions": "\n".join(criterion.guiding_questions),
        "evidence_examples": "\n".join(criterion.evidence_examples),
        "terms": [term.pk for term in criterion.terms.all()],
    }
    return {**data, **changes}


def upload(data, name="variante.json"):
    return SimpleUploadedFile(name, json.dumps(data).encode(), content_type="application/json")


def test_an_admin_edits_the_proposal_of_a_version_no_evaluation_uses(admin_client, referentiel):
    criterion = referentiel.criteria.get(letter="B")
    url = reverse("admin:assessments_criterion_change", args=[criterion.pk])

    page = admin_client.get(url)
    response = admin_client.post(
        url,
        criterion_form(
            criterion, guiding_questions="Première question ?\n\n  Seconde question ?  "
        ),
    )

    assert page.status_code == 200
    assert 'name="_save"' in page.content.decode()
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.guiding_questions == ["Première question ?", "Seconde question ?"]


def test_the_terms_offered_for_a_criterion_are_those_of_its_own_version(admin_client, referentiel):
    other = Referentiel.objects.create(code="autre", name="Autre", theme="Thème")
    stranger = LexiconTerm.objects.create(
        referentiel=other, slug="etranger", term="Terme étranger", definition="…"
    )
    criterion = referentiel.criteria.get(letter="A")

    response = admin_client.post(
        reverse("admin:assessments_criterion_change", args=[criterion.pk]),
        criterion_form(criterion, terms=[stranger.pk]),
    )

    assert response.status_code == 200
    assert not criterion.terms.filter(pk=stranger.pk).exists()


def test_a_version_in_use_is_read_only_in_the_admin(admin_client, referentiel):
    EvaluationFactory(referentiel=referentiel)
    criterion = referentiel.criteria.get(letter="B")
    term = referentiel.terms.get(slug="grappe")

    version_page = admin_client.get(
        reverse("admin:assessments_referentiel_change", args=[referentiel.pk])
    )
    criterion_post = admin_client.post(
        reverse("admin:assessments_criterion_change", args=[criterion.pk]),
        criterion_form(criterion, statement="Texte modifié"),
    )
    term_post = admin_client.post(
        reverse("admin:assessments_lexiconterm_change", args=[term.pk]),
        {"term": "Grappe", "slug": "grappe", "definition": "Nouvelle définition"},
    )
    delete = admin_client.post(
        reverse("admin:assessments_referentiel_delete", args=[referentiel.pk]), {"post": "yes"}
    )

    assert version_page.status_code == 200
    assert 'name="_save"' not in version_page.content.decode()
    assert criterion_post.status_code == 403
    assert term_post.status_code == 403
    assert delete.status_code == 403
    assert Criterion.objects.get(pk=criterion.pk).statement.startswith("Il valorise")
    assert LexiconTerm.objects.get(pk=term.pk).definition != "Nouvelle définition"
    assert Referentiel.objects.filter(pk=referentiel.pk).exists()


def test_an_admin_loads_a_new_version_from_a_json_file(admin_client, referentiel):
    data = referentiel_variant_data("ecarts-bretagne", name="ECARTS — variante Bretagne")

    response = admin_client.post(LOAD_URL, {"file": upload(data)})

    created = Referentiel.objects.get(code="ecarts-bretagne")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:assessments_referentiel_change", args=[created.pk]
    )
    assert created.criteria.count() == 9
    assert Referentiel.objects.get(is_default=True) == referentiel


def test_a_bad_file_uploaded_in_the_admin_shows_its_problems_and_writes_nothing(
    admin_client, referentiel
):
    data = referentiel_variant_data("ecarts-casse")
    data["levels"][0]["level"] = 9

    response = admin_client.post(LOAD_URL, {"file": upload(data)})

    assert response.status_code == 200
    html = response.content.decode()
    assert "rien n’a été modifié" in html
    assert "le niveau 9 est hors de l’échelle de 1 à 5" in html
    assert not Referentiel.objects.filter(code="ecarts-casse").exists()


def test_a_file_that_changes_a_version_in_use_is_refused_in_the_admin(admin_client, referentiel):
    EvaluationFactory(referentiel=referentiel)
    data = referentiel_variant_data("ecarts-generique", is_default=True)

    response = admin_client.post(LOAD_URL, {"file": upload(data)})

    assert response.status_code == 200
    assert "il ne peut plus être modifié" in response.content.decode()
    referentiel.refresh_from_db()
    assert referentiel.name == "ECARTS — référentiel générique"


def test_only_staff_reach_the_load_page(client, member, referentiel):
    client.force_login(member)

    response = client.get(LOAD_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_admin_makes_another_version_the_default(admin_client, referentiel):
    EvaluationFactory(referentiel=referentiel)
    other = Referentiel.objects.create(code="autre", name="Autre", theme="Thème")

    admin_client.post(
        reverse("admin:assessments_referentiel_changelist"),
        {"action": "make_default", "_selected_action": [other.pk]},
    )

    assert Referentiel.objects.get(is_default=True) == other


def test_the_evaluation_admin_lists_evaluations_without_editing_them(admin_client, referentiel):
    evaluation = EvaluationFactory(referentiel=referentiel, title="Auto-évaluation 2026")

    changelist = admin_client.get(reverse("admin:assessments_evaluation_changelist"))
    change = admin_client.get(reverse("admin:assessments_evaluation_change", args=[evaluation.pk]))

    assert "Auto-évaluation 2026" in changelist.content.decode()
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
