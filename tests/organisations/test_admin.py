import pytest
from django.urls import reverse

from ptce.organisations.models import Organisation
from tests.organisations.factories import OrganisationFactory


@pytest.fixture
def registry(db):
    return [
        OrganisationFactory(name="Régie de quartier Saint-Étienne", siret="73282932000074"),
        OrganisationFactory(name="Les Jardins d’Éole", siret=None, rna="W311000123"),
        OrganisationFactory(name="Mairie de Muret", legal_category="collectivite"),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("regie etienne", "Régie de quartier Saint-Étienne"),
        ("732 829 320", "Régie de quartier Saint-Étienne"),
        ("w311000123", "Les Jardins d’Éole"),
    ],
)
def test_the_admin_finds_organisations_by_name_siret_or_rna(client_as, registry, query, expected):
    response = client_as("admin_user").get(
        reverse("admin:organisations_organisation_changelist"), {"q": query}
    )
    assert response.status_code == 200
    found = [str(o) for o in response.context["cl"].result_list]
    assert found == [expected]


def test_the_admin_records_who_created_an_organisation_and_normalises_it(client_as, admin_user):
    response = client_as("admin_user").post(
        reverse("admin:organisations_organisation_add"),
        {
            "name": "SCOP du Lauragais",
            "legal_category": "scop",
            "siret": "732 829 320 00074",
            "rna": "",
            "naf_code": "8899b",
            "commune": "",
            "website": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation = Organisation.objects.get()
    assert organisation.siret == "73282932000074"
    assert organisation.naf_code == "88.99B"
    assert organisation.created_by == admin_user


def test_the_admin_shows_the_history_of_a_record(client_as, registry):
    url = reverse("admin:organisations_organisation_history", args=[registry[0].pk])
    assert client_as("admin_user").get(url).status_code == 200
