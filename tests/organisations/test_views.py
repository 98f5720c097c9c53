import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ptce.organisations.models import Organisation
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory, PoleFactory
from tests.territories.factories import CommuneFactory

VIEWERS = {"member": 200, "coordinator": 200, "instructor": 200, "admin_user": 200}
EDITORS = {"coordinator", "instructor", "admin_user"}


@pytest.fixture
def organisation(pole):
    organisation = OrganisationFactory(
        name="Recyclerie des Coteaux",
        legal_category="association",
        siret="73282932000074",
        rna="W311000123",
        naf_code="38.32Z",
        website="https://recyclerie.example",
        commune=CommuneFactory(code="31555", name="Toulouse"),
    )
    MembershipFactory(pole=pole, organisation=organisation, role="fondateur")
    return organisation


def detail_url(organisation):
    return reverse("organisations:detail", args=[organisation.pk])


def edit_url(organisation):
    return reverse("organisations:edit", args=[organisation.pk])


def post_data(organisation, **overrides):
    return {
        "name": organisation.name,
        "legal_category": organisation.legal_category,
        "siret": organisation.siret or "",
        "rna": organisation.rna or "",
        "naf_code": organisation.naf_code,
        "commune": organisation.commune_id or "",
        "website": organisation.website,
        **overrides,
    }


# --- who sees what ---


@pytest.mark.parametrize(
    ("role", "view_status", "edit_status"),
    [
        ("outsider", 404, 404),
        ("other_coordinator", 404, 404),
        ("member", 200, 403),
        ("instructor", 200, 200),
        ("coordinator", 200, 200),
        ("admin_user", 200, 200),
    ],
)
def test_access_to_an_organisation_by_role(client_as, organisation, role, view_status, edit_status):
    client = client_as(role)
    assert client.get(detail_url(organisation)).status_code == view_status
    assert client.get(edit_url(organisation)).status_code == edit_status


def test_an_anonymous_visitor_is_sent_to_the_login_page(client_as, organisation):
    client = client_as("anonymous")
    for url in (detail_url(organisation), edit_url(organisation)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("core:login"))


def test_an_unknown_organisation_is_a_404_even_for_an_admin(client_as, db):
    assert client_as("admin_user").get("/organisations/999999/").status_code == 404


@pytest.mark.parametrize("role", ["member", "outsider", "other_coordinator"])
def test_a_post_from_someone_who_may_not_edit_changes_nothing(client_as, organisation, role):
    response = client_as(role).post(edit_url(organisation), post_data(organisation, name="Pirate"))
    assert response.status_code in (403, 404)
    organisation.refresh_from_db()
    assert organisation.name == "Recyclerie des Coteaux"


# --- the detail page ---


def test_the_detail_page_shows_identity_identifiers_naf_label_commune_and_poles(
    client_as, organisation, pole
):
    response = client_as("member").get(detail_url(organisation))
    content = response.content.decode()
    assert "<h1>Recyclerie des Coteaux</h1>" in content
    assert "Association" in content
    assert "732 829 320 00074" in content
    assert "W311000123" in content
    assert "38.32Z — Récupération de déchets triés" in content
    assert "Toulouse (31)" in content
    assert 'href="https://recyclerie.example"' in content
    assert f'href="{reverse("poles:detail", args=[pole.slug])}">Pôle des Coteaux</a>' in content
    assert "Fondateur" in content


def test_the_detail_page_shows_an_ess_badge_for_an_ess_organisation(client_as, organisation):
    content = client_as("member").get(detail_url(organisation)).content.decode()
    assert 'class="fr-badge fr-badge--success fr-badge--no-icon" id="badge-ess">Entreprise' in (
        content
    )


def test_a_commercial_company_without_ess_quality_is_shown_outside_the_ess(client_as, organisation):
    Organisation.objects.filter(pk=organisation.pk).update(
        legal_category="societe_commerciale", rna=None
    )
    content = client_as("member").get(detail_url(organisation)).content.decode()
    assert 'id="badge-ess">Hors ESS' in content
    assert "Société commerciale sans qualité ESS reconnue." in content


def test_the_edit_button_is_shown_only_to_those_who_may_edit(client_as, organisation):
    assert (
        edit_url(organisation)
        not in client_as("member").get(detail_url(organisation)).content.decode()
    )


def test_the_edit_button_is_shown_to_a_coordinator(client_as, organisation):
    content = client_as("coordinator").get(detail_url(organisation)).content.decode()
    assert f'href="{edit_url(organisation)}"' in content


def test_an_unpublished_pole_is_not_named_to_a_member_of_another_pole(
    client_as, organisation, member
):
    hidden = PoleFactory(name="Pôle confidentiel", is_published=False)
    MembershipFactory(pole=hidden, organisation=organisation)
    assert (
        "Pôle confidentiel"
        not in client_as("member").get(detail_url(organisation)).content.decode()
    )
    assert (
        "Pôle confidentiel"
        in client_as("admin_user").get(detail_url(organisation)).content.decode()
    )


def test_a_former_membership_is_not_listed(client_as, organisation):
    former = PoleFactory(name="Pôle quitté")
    MembershipFactory(pole=former, organisation=organisation, left_on="2023-06-30")
    assert (
        "Pôle quitté" not in client_as("admin_user").get(detail_url(organisation)).content.decode()
    )


def count_detail_queries(client, organisation) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(detail_url(organisation)).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["member", "instructor"])
def test_the_detail_page_query_count_does_not_grow_with_the_poles(
    client_as, organisation, role, django_assert_num_queries
):
    client = client_as(role)
    client.get(detail_url(organisation))  # warm up the session
    with_one_pole = count_detail_queries(client, organisation)
    for pole in PoleFactory.create_batch(4, is_published=False):
        MembershipFactory(pole=pole, organisation=organisation)
    with django_assert_num_queries(with_one_pole):
        response = client.get(detail_url(organisation))
    assert response.status_code == 200


def test_the_detail_page_takes_a_fixed_small_number_of_queries(
    client_as, organisation, django_assert_num_queries
):
    client = client_as("coordinator")
    for pole in PoleFactory.create_batch(4):
        MembershipFactory(pole=pole, organisation=organisation)
    # session, user, organisation (+ commune), roles, whether the user owns the record (shared
    # by five poles: no), memberships (+ poles), user's poles, its SIRENE record, and the
    # savepoint pair of ATOMIC_REQUESTS.
    with django_assert_num_queries(10):
        response = client.get(detail_url(organisation))
    assert len(response.context["memberships"]) == 5


# --- the edit page ---


def test_a_coordinator_saves_the_record_through_the_form(client_as, organisation):
    response = client_as("coordinator").post(
        edit_url(organisation),
        post_data(
            organisation, name="Recyclerie du Touch", naf_code="8899b", siret="732 829 320 00074"
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == detail_url(organisation)
    organisation.refresh_from_db()
    assert organisation.name == "Recyclerie du Touch"
    assert organisation.naf_code == "88.99B"
    assert organisation.search_name == "recyclerie du touch"
    assert organisation.history.first().history_user.email == "coordination@exemple.fr"


def test_an_admin_may_edit_any_organisation(client_as, db):
    lonely = OrganisationFactory(name="Seule")
    response = client_as("admin_user").post(edit_url(lonely), post_data(lonely, name="Plus seule"))
    assert response.status_code == 302
    lonely.refresh_from_db()
    assert lonely.name == "Plus seule"


def test_errors_are_shown_in_french_and_nothing_is_saved(client_as, organisation):
    response = client_as("coordinator").post(
        edit_url(organisation),
        post_data(organisation, name="Changée", siret="73282932000079", naf_code="99.99Z"),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "La fiche n’est pas enregistrée" in content
    assert "clé de contrôle" in content
    assert "99.99Z n’existe pas" in content
    assert "<h1>Modifier la fiche de Recyclerie des Coteaux</h1>" in content
    organisation.refresh_from_db()
    assert organisation.name == "Recyclerie des Coteaux"


def test_a_duplicate_siret_shows_a_link_to_the_existing_record(client_as, organisation):
    existing = OrganisationFactory(name="Coopérative voisine", siret="35600000049837")
    response = client_as("admin_user").post(
        edit_url(organisation), post_data(organisation, siret="356 000 000 49837")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "« Coopérative voisine »" in content
    assert f'<a href="{detail_url(existing)}">Voir la fiche' in content
    organisation.refresh_from_db()
    assert organisation.siret == "73282932000074"


def test_the_ess_quality_box_on_an_association_is_refused(client_as, organisation):
    response = client_as("coordinator").post(
        edit_url(organisation), post_data(organisation, ess_quality="on")
    )
    assert "ne se déclare que pour une société commerciale" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.ess_quality is False


@pytest.mark.parametrize("sparse", [False, True])
def test_the_pages_use_no_undefined_template_variable(
    strict_templates, client_as, organisation, sparse
):
    if sparse:
        Organisation.objects.filter(pk=organisation.pk).update(
            legal_category="collectivite",
            siret=None,
            rna=None,
            naf_code="",
            website="",
            commune=None,
        )
        organisation.memberships.update(joined_on=None)
    client = client_as("coordinator")
    for url in (detail_url(organisation), edit_url(organisation)):
        content = client.get(url).content.decode()
        assert "VARIABLE-INDEFINIE" not in content, url
