import re

import pytest
from django.contrib.staticfiles import finders

from tests.assessments.factories import load_default_referentiel, load_referentiel_variant
from tests.conftest import ROLES

# 2 SAVEPOINT statements (ATOMIC_REQUESTS); the API reads no session for anonymous callers.
OVERHEAD = 2


@pytest.fixture
def referentiel(db):
    return load_default_referentiel()


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_the_api_without_logging_in(role, client_as, referentiel):
    client = client_as(role)

    assert client.get("/api/v1/referentiels/").status_code == 200
    assert client.get("/api/v1/referentiels/ecarts-generique").status_code == 200
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_the_list_gives_each_version_with_its_number_of_criteria(
    client, referentiel, django_assert_num_queries
):
    load_referentiel_variant("variante-etendue", extra_criteria=3)
    load_referentiel_variant("variante-courte")

    with django_assert_num_queries(OVERHEAD + 1):
        response = client.get("/api/v1/referentiels/")

    assert response.status_code == 200
    assert response.json()[0] == {
        "code": "ecarts-generique",
        "name": "ECARTS — référentiel générique",
        "theme": "Construire et animer un processus territorial de coopération économique — "
        "grappe, filière, lieu urbain ou rural",
        "is_default": True,
        "criteria_count": 9,
    }
    assert {item["code"]: item["criteria_count"] for item in response.json()} == {
        "ecarts-generique": 9,
        "variante-etendue": 12,
        "variante-courte": 9,
    }


def test_the_detail_gives_the_whole_grid_with_criteria_identified_by_letter(client, referentiel):
    response = client.get("/api/v1/referentiels/ecarts-generique")

    data = response.json()
    assert data["code"] == "ecarts-generique"
    assert data["usage_note"].startswith("La bonne utilisation du référentiel")
    assert "proposition de la plateforme" in data["proposal_note"]
    assert [g["title"] for g in data["general_objectives"]] == [
        "Cultiver et servir le territoire",
        "Élaborer et conduire un projet global basé sur la coopération",
        "Développer une économie intégrée à la vie du territoire",
    ]
    criteria = [
        principal["criterion"]
        for general in data["general_objectives"]
        for principal in general["principal_objectives"]
    ]
    assert [c["letter"] for c in criteria] == list("ABCDEFGHI")
    g = criteria[6]
    assert g["statement"] == "Le fonctionnement économique et son efficacité* sont pérennisés"
    assert g["footnote"] == "le mot « modèle économique » jugé trop idéologique"
    assert g["terms"] == ["efficacite", "fonctionnement-economique", "perennisation"]
    assert all(c["guiding_questions"] and c["evidence_examples"] for c in criteria)
    assert data["general_objectives"][0]["principal_objectives"][0]["title"] == (
        "Développer l'ancrage territorial, l'utilité du PTCE"
    )
    assert [level["level"] for level in data["levels"]] == [1, 2, 3, 4, 5]
    assert data["levels"][0] == {
        "level": 1,
        "label": "Absent",
        "description": referentiel.levels.get(level=1).description,
    }
    lexicon = {term["slug"]: term for term in data["lexicon"]}
    assert lexicon["mutualisation"]["criteria"] == ["F"]
    assert lexicon["grappe"]["criteria"] == []
    assert lexicon["lieu-identifie"]["definition"]
    assert set(g["terms"]) <= set(lexicon)


def test_the_detail_uses_a_constant_number_of_queries(
    client, referentiel, django_assert_num_queries
):
    load_referentiel_variant("variante-etendue", extra_criteria=6, extra_terms=50)

    for code in ("ecarts-generique", "variante-etendue"):
        with django_assert_num_queries(OVERHEAD + 6):
            response = client.get(f"/api/v1/referentiels/{code}")
        assert response.status_code == 200
    assert len(response.json()["lexicon"]) == referentiel.terms.count() + 50


def test_an_unknown_code_is_a_404_with_a_french_message(client, referentiel):
    response = client.get("/api/v1/referentiels/inconnu")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Aucun référentiel ne porte le code « inconnu »."}


def test_the_openapi_schema_describes_both_endpoints(client, db):
    response = client.get("/api/v1/openapi.json")

    schema = response.json()
    assert schema["info"]["title"] == "API des PTCE"
    assert "/api/v1/referentiels/" in schema["paths"]
    detail = schema["paths"]["/api/v1/referentiels/{code}"]["get"]
    assert set(detail["responses"]) == {"200", "404"}
    assert "ReferentielDetail" in schema["components"]["schemas"]


def test_the_docs_page_is_served_offline_from_local_static_files(client, db):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn" not in html.lower()
    references = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert references, html
    for reference in references:
        assert reference.startswith("/static/"), reference
        assert finders.find(reference.removeprefix("/static/")), f"{reference} is not shipped"
    assert "/static/ninja/swagger-ui-bundle.js" in references
    assert '"url": "/api/v1/openapi.json"' in html
    assert '"validatorUrl": null' in html
    assert "<script>" not in html  # CSP: no inline script
