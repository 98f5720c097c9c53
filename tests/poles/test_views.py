import pytest
from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains

from ptce.poles.models import Invitation, PersonRole, Place, Pole, PolePerson
from tests.core.factories import UserFactory
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory, PlaceFactory, PoleFactory
from tests.territories.factories import CommuneFactory, DepartementFactory, RegionFactory

pytestmark = pytest.mark.django_db


def make_poles(count, region):
    for _ in range(count):
        pole = PoleFactory(region=region)
        MembershipFactory.create_batch(2, pole=pole)
        pole.sectors.set(["mobilite", "energie"])


@pytest.mark.parametrize("count", [10, 100])
def test_the_directory_query_count_does_not_grow_with_poles(
    client, region, count, django_assert_num_queries
):
    make_poles(count, region)
    with django_assert_num_queries(8):
        response = client.get(reverse("poles:directory"), {"page": 2})
    assert response.status_code == 200


@pytest.mark.parametrize("members", [2, 20])
def test_the_pole_page_query_count_does_not_grow_with_members(
    client, pole, members, django_assert_num_queries
):
    MembershipFactory.create_batch(members, pole=pole)
    PlaceFactory.create_batch(3, pole=pole)
    # Constant: identity, members, territory, places, sectors, the action plan (art. 9
    # « stratégie commune »), the public summary of actions and needs, the published radar,
    # the laureate badges.
    with django_assert_num_queries(17):
        response = client.get(reverse("poles:detail", args=[pole.slug]))
    assert response.status_code == 200


def test_the_directory_filters_by_region_departement_sector_stage_and_name(client, region):
    brittany = RegionFactory(code="53", name="Bretagne")
    tregor = PoleFactory(name="Énergies du Trégor", region=brittany, stage=2)
    tregor.sectors.set(["energie"])
    tregor.covered_departements.add(DepartementFactory(code="22", region=brittany))
    PoleFactory(name="Coteaux", region=region, stage=1)
    PoleFactory(name="Brouillon breton", region=brittany, is_published=False)

    def names(**params):
        response = client.get(reverse("poles:directory"), params)
        return [pole.name for pole in response.context["page"]]

    assert names(region="53") == ["Énergies du Trégor"]
    assert names(departement="22") == ["Énergies du Trégor"]
    assert names(filiere="energie") == ["Énergies du Trégor"]
    assert names(etape="1") == ["Coteaux"]
    assert names(q="energies tregor") == ["Énergies du Trégor"]
    assert names(q="ÉNERGIES") == ["Énergies du Trégor"]
    assert names(region="nope", etape="9") == ["Coteaux", "Énergies du Trégor"]


def test_the_directory_paginates(client, region):
    make_poles(25, region)
    response = client.get(reverse("poles:directory"))
    assert len(response.context["page"]) == 20
    assertContains(response, "Page 1 sur 2")


def test_the_pole_page_groups_members_and_shows_the_checklist(client, pole):
    MembershipFactory(
        pole=pole,
        organisation=OrganisationFactory(name="Mairie de Muret", legal_category="collectivite"),
    )
    response = client.get(reverse("poles:detail", args=[pole.slug]))
    assertContains(response, "Collectivités et groupements (1)")
    assertContains(response, "Mairie de Muret")
    assertContains(response, "Conformité à la définition de l’article 9")
    assertContains(response, 'data-ptce-check="collectivite" data-ptce-status="ok"')
    assertContains(response, 'data-ptce-check="entreprise" data-ptce-status="missing"')


def test_a_coordinator_edits_the_profile_and_sectors(client, coordinator, pole):
    client.force_login(coordinator)
    response = client.post(
        reverse("poles:edit", args=[pole.slug]),
        {
            "name": "Pôle des Coteaux solidaires",
            "stage": 2,
            "sectors": ["mobilite"],
            "creation_year": 2019,
        },
    )
    assert response.status_code == 302
    pole.refresh_from_db()
    assert pole.name == "Pôle des Coteaux solidaires"
    assert pole.stage == 2
    assert list(pole.sectors.values_list("slug", flat=True)) == ["mobilite"]
    assert pole.history.first().history_user == coordinator


def test_bad_profile_input_is_explained_and_changes_nothing(client, coordinator, pole):
    client.force_login(coordinator)
    response = client.post(
        reverse("poles:edit", args=[pole.slug]),
        {"name": "", "stage": 9, "creation_year": 1200, "website": "pas une adresse"},
    )
    assert response.status_code == 200
    assertContains(response, "Indiquez une année de création plausible")
    assertContains(response, "Saisissez une URL valide.")
    pole.refresh_from_db()
    assert pole.name == "Pôle des Coteaux"


def test_a_coordinator_sets_the_territory_by_codes(client, coordinator, pole):
    commune = CommuneFactory(code="31555", name="Toulouse")
    client.force_login(coordinator)
    response = client.post(
        reverse("poles:territory", args=[pole.slug]),
        {"communes": "31555", "epcis": "", "scale": "epci", "area_type": "urbain"},
    )
    assert response.status_code == 302
    assert list(pole.territory_communes.all()) == [commune]
    assert list(pole.covered_departements.values_list("code", flat=True)) == ["31"]


def test_unknown_territory_codes_are_named_and_nothing_changes(client, coordinator, pole):
    client.force_login(coordinator)
    response = client.post(
        reverse("poles:territory", args=[pole.slug]), {"communes": "99999\nABC", "epcis": ""}
    )
    assertContains(response, "«\xa099999\xa0»\xa0: commune introuvable")
    assertContains(response, "«\xa0ABC\xa0»\xa0: commune introuvable")
    assert pole.territory_departements.count() == 1
    assert not pole.territory_communes.exists()


def test_an_empty_territory_is_refused(client, coordinator, pole):
    client.force_login(coordinator)
    response = client.post(reverse("poles:territory", args=[pole.slug]), {})
    assertContains(
        response, "Indiquez au moins la région, ou une commune, un EPCI ou un département."
    )


def test_a_coordinator_adds_a_place_and_bad_coordinates_are_refused(client, coordinator, pole):
    CommuneFactory(code="31395", name="Muret")
    client.force_login(coordinator)
    url = reverse("poles:place_add", args=[pole.slug])
    response = client.post(url, {"name": "Tiers-lieu", "commune": "31395", "latitude": "95"})
    assertContains(response, "Indiquez la latitude et la longitude, ou aucune des deux.")
    response = client.post(
        url, {"name": "Tiers-lieu", "commune": "31395", "is_public_access": "on"}
    )
    assert response.status_code == 302
    assert Place.objects.get(pole=pole).commune_id == "31395"


def test_a_place_of_another_pole_cannot_be_edited_through_this_one(client, coordinator, pole):
    foreign = PlaceFactory()
    client.force_login(coordinator)
    response = client.post(reverse("poles:place_remove", args=[pole.slug, foreign.pk]))
    assert response.status_code == 404
    assert Place.objects.filter(pk=foreign.pk).exists()


def test_a_coordinator_invites_someone_who_creates_an_account(
    client, coordinator, pole, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("poles:people", args=[pole.slug]),
            {"email": "nouveau@exemple.fr", "role": "membre"},
        )
    assert response.status_code == 302
    link = next(line for line in mail.outbox[0].body.splitlines() if "/poles/invitation/" in line)
    client.logout()
    path = link.split("127.0.0.1:8000", 1)[1] if "127.0.0.1:8000" in link else link
    assertContains(client.get(path), "Créez votre compte")
    response = client.post(
        path,
        {
            "first_name": "Nour",
            "last_name": "Benali",
            "new_password1": "un-mot-de-passe-solide-42",
            "new_password2": "un-mot-de-passe-solide-42",
        },
    )
    assert response.status_code == 302
    person = PolePerson.objects.get(pole=pole, user__email="nouveau@exemple.fr")
    assert person.role == PersonRole.MEMBER
    assert Invitation.objects.get().accepted_at is not None


@pytest.mark.parametrize("token", ["pas-un-jeton", "x" * 300, "%00"])
def test_a_bad_invitation_link_says_so_in_french(client, token):
    response = client.get(reverse("poles:invitation", args=[token]))
    assert response.status_code == 404
    assertContains(response, "Ce lien d’invitation n’est pas valide", status_code=404)


def test_an_expired_invitation_says_so(client, pole, coordinator, settings):
    from ptce.poles.services_members import invitation_create

    settings.PTCE_INVITATION_DAYS = -1
    _, token = invitation_create(
        pole=pole, email="tard@exemple.fr", role="membre", invited_by=coordinator
    )
    response = client.get(reverse("poles:invitation", args=[token]))
    assertContains(response, "Cette invitation a expiré", status_code=410)
    assert not UserFactory._meta.model.objects.filter(email="tard@exemple.fr").exists()


def test_a_signed_in_person_creates_a_pole_and_lands_in_its_space(client, outsider):
    client.force_login(outsider)
    response = client.post(
        reverse("poles:create"), {"name": "Pôle naissant", "sectors": ["textile"]}
    )
    pole = Pole.objects.get(name="Pôle naissant")
    assert response.url == reverse("poles:manage", args=[pole.slug])
    assert client.get(response.url).status_code == 200


def test_adding_an_existing_organisation_marks_the_ones_already_members(client, coordinator, pole):
    OrganisationFactory(name="SCOP Atelier du Lac")
    MembershipFactory(pole=pole, organisation=OrganisationFactory(name="SCOP Bois du Lac"))
    client.force_login(coordinator)
    url = reverse("poles:member_add", args=[pole.slug])
    response = client.get(url, {"recherche": "scop"})
    content = response.content.decode()
    assert content.count("Déjà membre") == 1
    assert content.count("Ajouter comme membre") == 1
    newcomer = response.context["results"][0]
    response = client.post(url, {"organisation": newcomer.pk, "adhesion-role": "partenaire"})
    assert response.status_code == 302
    assert pole.memberships.get(organisation=newcomer).role == "partenaire"


def test_the_registry_search_never_shows_organisations_known_only_to_unpublished_poles(
    client, coordinator, pole
):
    """Issue « Trust », finding 1: a new account searched the whole registry."""
    hidden = PoleFactory(is_published=False)
    MembershipFactory(pole=hidden, organisation=OrganisationFactory(name="SCOP Secrète"))
    MembershipFactory(
        pole=PoleFactory(is_published=True), organisation=OrganisationFactory(name="SCOP Publique")
    )
    OrganisationFactory(name="SCOP Sans Pôle")
    own = MembershipFactory(
        pole=pole, organisation=OrganisationFactory(name="SCOP Maison")
    ).organisation
    pole.is_published = False
    pole.save()
    client.force_login(coordinator)

    response = client.get(reverse("poles:member_add", args=[pole.slug]), {"recherche": "scop"})

    names = {organisation.name for organisation in response.context["results"]}
    assert names == {"SCOP Publique", "SCOP Sans Pôle", own.name}


def test_adding_an_organisation_of_another_pole_says_its_record_is_now_shared(
    client, coordinator, pole
):
    """Issue « Trust », finding 1: adding a shared organisation is allowed, and visible."""
    elsewhere = MembershipFactory(
        pole=PoleFactory(is_published=True), organisation__name="SCOP Partagée"
    ).organisation
    client.force_login(coordinator)
    response = client.post(
        reverse("poles:member_add", args=[pole.slug]),
        {"organisation": elsewhere.pk, "adhesion-role": "membre"},
        follow=True,
    )
    assertContains(response, "Elle est aussi membre d’autres pôles")
    assert pole.memberships.filter(organisation=elsewhere).exists()


def test_adding_an_unknown_organisation_id_is_explained(client, coordinator, pole):
    client.force_login(coordinator)
    response = client.post(
        reverse("poles:member_add", args=[pole.slug]),
        {"organisation": "abc", "adhesion-role": "membre"},
        follow=True,
    )
    assertContains(response, "Organisation introuvable\xa0: relancez la recherche.")
    assert not pole.memberships.exists()


def test_creating_a_member_with_a_duplicate_siret_changes_nothing(client, coordinator, pole):
    from ptce.organisations.models import Organisation

    existing = OrganisationFactory(name="Garage solidaire")
    client.force_login(coordinator)
    response = client.post(
        reverse("poles:member_add", args=[pole.slug]),
        {
            "action": "creer",
            "org-name": "Garage en double",
            "org-legal_category": "association",
            "org-siret": existing.siret,
            "adhesion-role": "membre",
        },
    )
    assertContains(response, "Garage solidaire")
    assert Organisation.objects.count() == 1
    assert not pole.memberships.exists()


def test_the_public_contact_email_says_it_is_shown_in_agreeing_french(client, coordinator, pole):
    client.force_login(coordinator)
    page = client.get(reverse("poles:edit", args=[pole.slug])).content.decode()
    assert "Ce courriel est affiché publiquement\xa0: préférez une adresse générique." in page
    assert "Affichée publiquement" not in page
