"""The organisation's page and form with the SIRENE copy."""

import pytest
from django.urls import reverse

from ptce.organisations.forms import OrganisationForm
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory
from tests.sirene.factories import load_units, unit
from tests.territories.factories import CommuneFactory

pytestmark = pytest.mark.django_db

RECYCLERIE = unit(
    "71234567",
    "RECYCLERIE DES COTEAUX",
    activitePrincipaleUniteLegale="38.32Z",
    codeCommuneEtablissement="31555",
    trancheEffectifsUniteLegale="12",
)


@pytest.fixture
def organisation(pole):
    load_units(RECYCLERIE)
    organisation = OrganisationFactory(
        name="Recyclerie des Coteaux",
        siret=RECYCLERIE["siret"],
        commune=CommuneFactory(code="31555", name="Toulouse"),
    )
    MembershipFactory(pole=pole, organisation=organisation)
    return organisation


def test_the_page_shows_the_register_s_record_with_its_date(client_as, organisation):
    response = client_as("coordinator").get(reverse("organisations:detail", args=[organisation.pk]))

    content = response.content.decode()
    assert "D’après SIRENE, état au 2 novembre 2026" in content
    assert "20 à 49 salariés" in content
    assert "12 RUE DES TILLEULS, 31000 TOULOUSE" in content


def test_a_page_whose_siret_is_not_in_the_copy_says_nothing_of_sirene(client_as, pole):
    other = OrganisationFactory(name="Hors répertoire")
    MembershipFactory(pole=pole, organisation=other)

    response = client_as("coordinator").get(reverse("organisations:detail", args=[other.pk]))

    assert "D’après SIRENE" not in response.content.decode()


def test_the_name_field_suggests_units_of_the_register_as_one_types():
    html = str(OrganisationForm(prefix="org")["name"])

    assert f'hx-get="{reverse("sirene:search")}?champ=org-name"' in html
    assert 'aria-live="polite"' in html


def test_a_suggestion_chosen_on_the_edit_page_refills_the_form_and_keeps_the_version(
    client_as, organisation
):
    organisation.name = "Ancien nom"
    organisation.save()

    response = client_as("coordinator").get(
        reverse("organisations:edit", args=[organisation.pk]), {"sirene": RECYCLERIE["siren"]}
    )

    form = response.context["form"]
    assert form["name"].value() == "RECYCLERIE DES COTEAUX"
    assert form["version"].value() == organisation.version
    assert "Fiche remplie d’après le répertoire SIRENE, état au 2 novembre 2026" in (
        response.content.decode()
    )
