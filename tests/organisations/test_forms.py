import pytest

from ptce.organisations.forms import OrganisationAdminForm, OrganisationForm
from ptce.organisations.services import organisation_create
from ptce.poles.organisation_access import can_view_organisation
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory
from tests.territories.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def data(**overrides):
    return {
        "name": "Recyclerie du Touch",
        "legal_category": "association",
        "siret": "",
        "rna": "",
        "naf_code": "",
        "commune": "",
        "website": "",
        **overrides,
    }


def test_the_form_normalises_identifiers_and_its_data_feed_the_service():
    commune = CommuneFactory(code="31555", name="Toulouse")
    form = OrganisationForm(
        data(siret="732 829 320 00074", rna="w311000123", naf_code="88.99 b", commune="31555")
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["siret"] == "73282932000074"
    assert form.cleaned_data["rna"] == "W311000123"
    assert form.cleaned_data["naf_code"] == "88.99B"
    assert form.cleaned_data["commune"] == commune
    organisation = organisation_create(**form.cleaned_data)
    assert organisation.naf_label == "Action sociale sans hébergement n.c.a."


def test_a_form_with_a_wrong_siret_shows_one_french_message_on_the_field():
    form = OrganisationForm(data(legal_category="scop", siret="73282932000079"))
    assert not form.is_valid()
    assert len(form.errors["siret"]) == 1
    assert "clé de contrôle" in form.errors["siret"][0]


def test_form_errors_for_bad_rna_and_naf_are_in_french():
    form = OrganisationForm(data(rna="751234567", naf_code="99.99Z"))
    assert not form.is_valid()
    assert "commence par la lettre W" in form.errors["rna"][0]
    assert "n’existe pas dans la nomenclature" in form.errors["naf_code"][0]


def test_the_form_refuses_ess_quality_outside_commercial_companies():
    form = OrganisationForm(data(rna="W311000123", ess_quality="on"))
    assert not form.is_valid()
    assert "ne se déclare que pour une société commerciale" in form.errors["ess_quality"][0]


def test_the_form_asks_an_association_for_a_siret_or_an_rna_number():
    form = OrganisationForm(data())
    assert not form.is_valid()
    assert form.errors["siret"] == [
        "Indiquez le SIRET ou le numéro RNA de l’association (au moins l’un des deux)."
    ]


def test_a_duplicate_siret_is_reported_with_a_link_to_the_existing_record():
    existing = OrganisationFactory(name="Coopérative <Coteaux>", siret="73282932000074")
    form = OrganisationForm(data(siret="732 829 320 00074"))
    assert not form.is_valid()
    html = str(form["siret"].errors)
    assert f'<a href="/organisations/{existing.pk}/">' in html
    assert "« Coopérative &lt;Coteaux&gt; »" in html  # the name is escaped, the link is not
    assert len(form.errors["siret"]) == 1


def test_a_duplicate_rna_number_is_reported_on_the_rna_field():
    OrganisationFactory(name="Les Jardins", siret=None, rna="W311000123")
    form = OrganisationForm(data(rna="W311000123"))
    assert not form.is_valid()
    assert "« Les Jardins »" in form.errors["rna"][0]


def test_the_duplicate_link_is_left_out_for_a_user_who_may_not_open_the_record(outsider):
    OrganisationFactory(name="Coopérative des Coteaux", siret="73282932000074")
    form = OrganisationForm(
        data(siret="73282932000074"), can_view=lambda o: can_view_organisation(outsider, o)
    )
    assert not form.is_valid()
    assert "« Coopérative des Coteaux »" in form.errors["siret"][0]
    assert "<a " not in str(form["siret"].errors)


def test_the_duplicate_link_is_kept_for_a_user_who_may_open_the_record(pole, coordinator):
    existing = MembershipFactory(pole=pole, organisation__siret="73282932000074").organisation
    form = OrganisationForm(
        data(siret="73282932000074"), can_view=lambda o: can_view_organisation(coordinator, o)
    )
    assert not form.is_valid()
    assert f'href="/organisations/{existing.pk}/"' in str(form["siret"].errors)


def test_editing_an_organisation_keeps_its_own_siret_without_a_duplicate_error():
    organisation = OrganisationFactory(siret="73282932000074")
    form = OrganisationForm(data(siret="73282932000074", rna=""), instance=organisation)
    assert form.is_valid(), form.errors


def test_the_edit_form_shows_the_current_commune_in_a_form_it_accepts_back():
    commune = CommuneFactory(code="31555", name="Toulouse")
    organisation = OrganisationFactory(siret="73282932000074", commune=commune)
    field = OrganisationForm(instance=organisation)["commune"]
    shown = field.field.prepare_value(field.value())
    assert "31555" in shown or "Toulouse" in shown
    resubmitted = OrganisationForm(
        data(siret="73282932000074", commune=shown), instance=organisation
    )
    assert resubmitted.is_valid(), resubmitted.errors
    assert resubmitted.cleaned_data["commune"] == commune


def test_the_admin_form_applies_the_same_rules():
    OrganisationFactory(name="Coopérative des Coteaux", siret="73282932000074")
    form = OrganisationAdminForm(data(siret="732 829 320 00074"))
    assert not form.is_valid()
    assert "« Coopérative des Coteaux »" in form.errors["siret"][0]
