"""Adding a member: the SIRENE copy prefills the creation form; a SIRET found nowhere is kept."""

import pytest
from django.urls import reverse

from ptce.organisations.models import LegalCategory, Organisation
from ptce.organisations.sirene import legal_category, organisation_initial
from ptce.sirene.models import SireneUnit
from tests.editing import PostForms
from tests.organisations.factories import valid_siret
from tests.sirene.factories import load_units, unit
from tests.territories.factories import CommuneFactory

pytestmark = pytest.mark.django_db

SCOP = unit(
    "61234567",
    "SCOP LES CHARPENTIERS DU LAC",
    categorieJuridiqueUniteLegale="5458",
    activitePrincipaleUniteLegale="43.32A",
    economieSocialeSolidaireUniteLegale="O",
    codeCommuneEtablissement="31555",
)
ENTREPRISE_ESS = unit(
    "61234568",
    "BOIS D’ICI",
    categorieJuridiqueUniteLegale="5710",
    economieSocialeSolidaireUniteLegale="O",
)
ASSOCIATION = unit("61234569", "LES AMIS DU LAC", identifiantAssociationUniteLegale="W313000001")


@pytest.fixture
def url(pole):
    return reverse("poles:member_add", args=[pole.slug])


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("9220", LegalCategory.ASSOCIATION),
        ("9300", LegalCategory.FONDATION),
        ("8210", LegalCategory.MUTUELLE),
        ("5458", LegalCategory.SCOP),
        ("5560", LegalCategory.COOPERATIVE),
        ("5710", LegalCategory.SOCIETE_COMMERCIALE),
        ("7210", LegalCategory.COLLECTIVITE),
        ("7346", LegalCategory.COLLECTIVITE),
        ("7383", LegalCategory.UNIVERSITE),
        ("1000", LegalCategory.PERSONNE_PHYSIQUE),
        ("6540", LegalCategory.AUTRE),
        ("", LegalCategory.AUTRE),
    ],
)
def test_insee_legal_categories_read_as_the_platform_s(code, expected):
    assert legal_category(code) == expected


def test_a_commercial_company_of_the_ess_gets_its_ess_quality():
    load_units(ENTREPRISE_ESS, ASSOCIATION)

    company = organisation_initial(SireneUnit.objects.get(siren=ENTREPRISE_ESS["siren"]))
    association = organisation_initial(SireneUnit.objects.get(siren=ASSOCIATION["siren"]))

    assert (company["legal_category"], company["ess_quality"]) == ("societe_commerciale", True)
    assert (association["legal_category"], association["ess_quality"]) == ("association", False)
    assert association["rna"] == "W313000001"


def test_the_search_lists_sirene_units_without_javascript(client, coordinator, url):
    load_units(SCOP)
    client.force_login(coordinator)

    response = client.get(url, {"recherche": "charpentiers"})

    assert [u.siren for u in response.context["sirene_units"]] == [SCOP["siren"]]
    assert f'href="?sirene={SCOP["siren"]}#sirene-choisie"' in response.content.decode()


def test_choosing_a_sirene_unit_prefills_the_creation_form_which_then_creates_it(
    client, coordinator, pole, url
):
    CommuneFactory(code="31555", name="Toulouse")
    load_units(SCOP)
    client.force_login(coordinator)

    response = client.get(url, {"sirene": SCOP["siren"]})

    content = response.content.decode()
    assert "Fiche préremplie d’après le répertoire SIRENE, état au 2 novembre 2026" in content
    form = response.context["new_form"]
    assert form["name"].value() == "SCOP LES CHARPENTIERS DU LAC"
    assert form["siret"].value() == SCOP["siret"]
    assert form["legal_category"].value() == "scop"
    assert form["naf_code"].value() == "43.32A"
    assert form["commune"].value() == "Toulouse (31)"
    (creation,) = [f for f in PostForms(content).forms if f.get("action") == ["creer"]]
    created = client.post(url, {**creation, "adhesion-role": "membre"})
    assert created.status_code == 302
    organisation = Organisation.objects.get(siret=SCOP["siret"])
    assert organisation.legal_category == "scop"
    assert pole.memberships.filter(organisation=organisation).exists()


def test_a_siret_found_nowhere_is_carried_into_the_creation_form(client, coordinator, url):
    siret = valid_siret(4242)
    client.force_login(coordinator)

    response = client.get(url, {"recherche": f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"})

    assert response.context["new_form"]["siret"].value() == siret
    assert f"Le SIRET {siret} n’a été trouvé ni parmi les organisations enregistrées" in (
        response.content.decode()
    )


def test_a_siret_of_the_register_is_offered_rather_than_carried(client, coordinator, url):
    load_units(SCOP)
    client.force_login(coordinator)

    response = client.get(url, {"recherche": SCOP["siret"]})

    assert response.context["carried_siret"] == ""
    assert [u.siren for u in response.context["sirene_units"]] == [SCOP["siren"]]
