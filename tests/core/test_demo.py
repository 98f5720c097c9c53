"""`manage.py demo_load`: the realistic demo data that `make run` loads after the geography."""

import re
from collections import Counter
from dataclasses import replace
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from stdnum.fr import siret as stdnum_siret

from ptce.core.demo import content, geography, loader
from ptce.core.demo.accounts import DEMO_PASSWORD, ROLE_ACCOUNTS
from ptce.core.demo.spec import Person, demo_rna, demo_siret, departement_code
from ptce.core.models import User
from ptce.organisations.models import LegalCategory, Organisation
from ptce.organisations.validators import normalize_naf
from ptce.poles.compliance import pole_compliance
from ptce.poles.models import Membership, PersonRole, Place, Pole, PolePerson, Stage
from ptce.territories.datafiles import read_geography
from ptce.territories.models import Commune
from tests.territories.factories import (
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    RegionFactory,
)

FOIX_EPCI = "200067791"  # CA L'Agglo Foix-Varilhes, to check that EPCI territories work
DEMO_MODELS = (Pole, Organisation, Membership, Place, PolePerson, User)
FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


def create_demo_geography():
    """Just the rows the demo refers to, with their real codes (the full COG is not loaded)."""
    regions = {
        code: RegionFactory(code=code, name=name) for code, name in geography.REGIONS.items()
    }
    departements = {
        code: DepartementFactory(code=code, name=name, region=regions[region])
        for code, (name, region) in geography.DEPARTEMENTS.items()
    }
    epci = EpciFactory(code=FOIX_EPCI, name="CA L’Agglo Foix-Varilhes")
    for code, (name, latitude, longitude) in geography.COMMUNES.items():
        departement = departements[departement_code(code)]
        CommuneFactory(
            code=code,
            name=name,
            departement=departement,
            region=departement.region,
            latitude=latitude,
            longitude=longitude,
            epci=epci if code in {"09122", "09324"} else None,
        )


@pytest.fixture
def demo_geography(db):
    create_demo_geography()


def run_demo_load(*args) -> str:
    out = StringIO()
    call_command("demo_load", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for a class inside a transaction rolled back after its last test
    (each test adds its own savepoint through `db`). Returns what the command printed."""
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
    try:
        with (
            django_db_blocker.unblock(),
            override_settings(DEBUG=True, PASSWORD_HASHERS=[FAST_HASHER]),
        ):
            create_demo_geography()
            output = run_demo_load()
        yield output
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def counts() -> dict[str, int]:
    found = {model.__name__: model.objects.count() for model in DEMO_MODELS}
    for model in (Pole, Organisation, Membership, PolePerson):
        found[f"history of {model.__name__}"] = model.history.count()
    return found


def test_the_demo_geography_is_a_faithful_copy_of_the_shipped_data():
    codes = geography.required_commune_codes()
    assert set(codes) <= set(geography.COMMUNES)
    assert set(geography.required_departement_codes()) <= set(geography.DEPARTEMENTS)
    shipped = read_geography(departements=set(geography.DEPARTEMENTS))
    communes = {row["code"]: row for row in shipped.communes}
    for code in codes:
        name, latitude, longitude = geography.COMMUNES[code]
        assert communes[code]["name"] == name
        assert abs(communes[code]["latitude"] - latitude) < 0.001
        assert abs(communes[code]["longitude"] - longitude) < 0.001
    regions = {row["code"]: row["region_id"] for row in shipped.departements}
    assert all(regions[code] == region for code, (_, region) in geography.DEPARTEMENTS.items())


def test_demo_identifiers_are_valid_and_stable():
    assert demo_siret("Recyclerie du Pays de Foix") == demo_siret("Recyclerie du Pays de Foix")
    assert demo_siret("A") != demo_siret("B")
    assert all(stdnum_siret.is_valid(demo_siret(f"seed {n}")) for n in range(500))
    assert demo_siret("Ville de Montreuil", LegalCategory.COLLECTIVITE).startswith("2")
    assert re.fullmatch(r"W091\d{6}", demo_rna("Recyclerie", "09122"))
    assert re.fullmatch(r"W974\d{6}", demo_rna("Manger local", "97411"))


def test_it_refuses_to_run_when_debug_is_off_and_writes_nothing(demo_geography, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG est désactivé.*--force"):
        run_demo_load()
    assert not Pole.objects.exists()
    assert not User.objects.exists()


def test_it_refuses_without_geography_and_says_to_run_territories_load(db, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="Lancez d’abord : manage.py territories_load"):
        run_demo_load()
    assert not Organisation.objects.exists()
    assert not User.objects.exists()


def test_a_failure_midway_writes_nothing(demo_geography, settings, monkeypatch):
    settings.DEBUG = True
    last = loader.POLES[-1]
    stranger = Person("Anne", "Inconnue", "Organisation qui n’est pas membre")
    monkeypatch.setattr(loader, "POLES", (*loader.POLES[:-1], replace(last, contacts=(stranger,))))
    with pytest.raises(CommandError, match="n’est pas membre"):
        run_demo_load()
    assert not Organisation.objects.exists()
    assert not Pole.objects.exists()
    assert not User.objects.exists()


def test_a_mistake_in_the_demo_content_is_reported_with_its_organisation(
    demo_geography, settings, monkeypatch
):
    settings.DEBUG = True
    first = content.POLES[0]
    wrong = replace(first.members[0], org=replace(first.members[0].org, naf="99.99Z"))
    pole = replace(first, members=(wrong, *first.members[1:]))
    monkeypatch.setattr(content, "POLES", (pole, *content.POLES[1:]))
    with pytest.raises(CommandError, match="« Recyclerie du Pays de Foix » : Le code NAF 99.99Z"):
        run_demo_load()
    assert not Organisation.objects.exists()


def test_it_refuses_when_some_demo_communes_are_missing(demo_geography, settings):
    settings.DEBUG = True
    Commune.objects.filter(code="97416").delete()
    with pytest.raises(CommandError, match=r"Il manque 1 commune.*97416"):
        run_demo_load()
    assert not Pole.objects.exists()


class TestTheLoadedDemo:
    """Loaded once for the class (see `demo`); each test runs in a savepoint, rolled back."""

    @pytest.fixture(autouse=True)
    def _savepoint(self, demo, db, settings):
        settings.DEBUG = True

    def test_it_loads_14_poles_or_more_in_7_regions_or_more_including_overseas(self, demo):
        poles = Pole.objects.select_related("region")
        assert poles.count() >= 14
        regions = {pole.region_id for pole in poles}
        assert None not in regions
        assert len(regions) >= 7
        assert any(code.startswith("0") for code in regions)  # La Réunion is « 04 »
        assert "16 pôles (14 publiés, 2 brouillons) dans 11 régions" in demo

    def test_poles_vary_in_form_stage_scale_and_territory_and_two_are_drafts(self, demo):
        poles = list(Pole.objects.all())
        assert {pole.form for pole in poles} == {"grappe", "filiere", "lieu_urbain", "lieu_rural"}
        assert {pole.stage for pole in poles} == set(Stage.values)
        assert {pole.scale for pole in poles} == {"bassin_de_vie", "epci", "departement", "region"}
        assert {pole.area_type for pole in poles} == {"urbain", "rural", "mixte"}
        assert all(2010 <= pole.creation_year <= 2024 for pole in poles)
        assert sum(pole.is_charter_signatory for pole in poles) >= 5
        assert len([pole for pole in poles if not pole.is_published]) == 2
        for pole in poles:
            assert pole.sectors.exists()
            assert pole.covered_departements.exists()
            assert pole.carrier.memberships.filter(pole=pole).exists()
            assert pole.description.count("\n\n") >= 1  # two paragraphs or more

    def test_an_epci_territory_is_the_epci_of_the_named_commune(self, demo):
        pole = Pole.objects.get(slug="reemploi-pays-de-foix")
        assert list(pole.territory_epcis.values_list("code", flat=True)) == [FOIX_EPCI]
        assert list(pole.covered_departements.values_list("code", flat=True)) == ["09"]
        assert pole.region_id == "76"

    def test_every_pole_has_8_to_20_members_of_varied_categories_and_roles(self, demo):
        for pole in Pole.objects.all():
            memberships = pole.memberships.current().select_related("organisation")
            assert 8 <= len(memberships) <= 20, pole.slug
            assert all(m.joined_on and m.joined_on.year >= pole.creation_year for m in memberships)
        categories = set(Organisation.objects.values_list("legal_category", flat=True))
        assert categories >= {
            "association",
            "cooperative",
            "scic",
            "scop",
            "mutuelle",
            "fondation",
            "societe_commerciale",
            "collectivite",
            "universite",
            "recherche",
            "formation",
        }
        roles = set(Membership.objects.values_list("role", flat=True))
        assert roles == {"fondateur", "membre", "partenaire", "financeur"}

    def test_every_organisation_has_a_unique_valid_siret_a_known_naf_code_and_a_commune(self, demo):
        organisations = list(Organisation.objects.all())
        sirets = [org.siret for org in organisations]
        assert all(stdnum_siret.is_valid(siret) for siret in sirets)
        assert len(set(sirets)) == len(sirets)
        assert all(normalize_naf(org.naf_code) == org.naf_code != "" for org in organisations)
        assert all(org.commune_id for org in organisations)
        with_rna = [org for org in organisations if org.rna]
        assert len(with_rna) >= 10
        assert all(re.fullmatch(r"W[0-9A-Z]{9}", org.rna) for org in with_rna)
        assert {org.legal_category for org in with_rna} == {"association"}
        assert len(organisations) == len(content.organisations())

    def test_every_pole_has_one_main_place_with_coordinates_near_its_commune(self, demo):
        for pole in Pole.objects.prefetch_related("places__commune"):
            places = list(pole.places.all())
            assert 1 <= len(places) <= 3
            assert [place.is_main for place in places].count(True) == 1, pole.slug
            for place in places:
                assert place.address
                assert abs(place.latitude - place.commune.latitude) < 0.01
                assert abs(place.longitude - place.commune.longitude) < 0.01

    def test_most_poles_meet_the_art_9_definition_but_two_or_three_show_a_gap(self, demo):
        gaps = {}
        for pole in Pole.objects.all():
            memberships = pole.memberships.current().select_related("organisation__commune")
            covered = set(pole.covered_departements.values_list("code", flat=True))
            compliance = pole_compliance(pole, memberships, covered)
            missing = {check.code for check in compliance.missing} - {"strategie"}
            if missing:
                gaps[pole.slug] = missing
        assert gaps == {
            "numerique-solidaire-montpellier": {"entreprise"},
            "textile-circulaire-roubaix": {"collectivite"},
            "mobilites-rurales-bocage": {"entreprise"},
        }

    def test_each_role_has_an_account_that_logs_in_with_the_printed_password(self, demo):
        printed = {}
        for line in demo.splitlines():
            match = re.search(r"(\S+@demo\.ptce\.fr)\s+(\S+)$", line)
            if match:
                printed[match[1]] = match[2]
        assert set(printed) == {email for _, email in ROLE_ACCOUNTS}
        for email, password in printed.items():
            assert password == DEMO_PASSWORD
            assert authenticate(username=email, password=password) is not None, email
        assert authenticate(username="admin@demo.ptce.fr", password="mauvais") is None

    def test_accounts_hold_the_roles_they_are_printed_for(self, demo):
        admin = User.objects.get(email="admin@demo.ptce.fr")
        assert admin.is_superuser
        assert admin.is_staff
        coordinator = User.objects.get(email="coordination.reemploi-pays-de-foix@demo.ptce.fr")
        assert coordinator.pole_roles.get().role == PersonRole.COORDINATOR
        member = User.objects.get(email="julien.rouzaud@demo.ptce.fr")
        role = member.pole_roles.select_related("membership__organisation").get()
        assert (role.role, role.membership.organisation.name) == ("membre", "SCIC Ariège Répar’")
        occitanie = User.objects.get(email="instruction.occitanie@demo.ptce.fr")
        assert occitanie.is_instructor
        assert not occitanie.is_national_instructor
        assert list(occitanie.instructor_regions.values_list("code", flat=True)) == ["76"]
        bretagne = User.objects.get(email="instruction.bretagne@demo.ptce.fr")
        assert list(bretagne.instructor_regions.values_list("code", flat=True)) == ["53"]
        national = User.objects.get(email="cellule.nationale@demo.ptce.fr")
        assert national.is_instructor
        assert national.is_national_instructor
        visitor = User.objects.get(email="visiteur@demo.ptce.fr")
        assert not visitor.pole_roles.exists()
        assert not (visitor.is_staff)
        assert not (visitor.is_instructor)
        assert not (visitor.instructor_regions.exists())

    def test_each_pole_has_a_coordinator_and_two_members_acting_for_member_organisations(
        self, demo
    ):
        for pole in Pole.objects.all():
            people = Counter(pole.people.values_list("role", flat=True))
            assert people[PersonRole.COORDINATOR] == 1
            assert people[PersonRole.MEMBER] >= 2
            assert not pole.people.filter(membership__isnull=True).exists()
            assert not pole.people.exclude(membership__pole=pole).exists()

    def test_one_person_coordinates_a_pole_and_is_a_member_of_another(self, demo):
        user = User.objects.get(email="coordination.energies-partagees-tregor@demo.ptce.fr")
        roles = dict(user.pole_roles.values_list("pole__slug", "role"))
        assert roles == {
            "energies-partagees-tregor": PersonRole.COORDINATOR,
            "alimentation-pays-de-morlaix": PersonRole.MEMBER,
        }

    def test_running_it_twice_changes_nothing(self, demo):
        before = counts()
        second = run_demo_load()
        assert counts() == before
        assert "pôles : 16 (0 créés, 0 mis à jour, 16 inchangés)" in second

    def test_a_second_run_restores_what_was_changed_on_demo_rows(self, demo):
        Pole.objects.filter(slug="reemploi-pays-de-foix").update(summary="Modifié", stage=1)
        admin = User.objects.get(email="admin@demo.ptce.fr")
        admin.set_password("autre-mot-de-passe")
        admin.save()
        output = run_demo_load()
        pole = Pole.objects.get(slug="reemploi-pays-de-foix")
        assert pole.summary.startswith("Recycleries")
        assert pole.stage == Stage.RECOGNISED
        assert authenticate(username="admin@demo.ptce.fr", password=DEMO_PASSWORD) is not None
        assert "pôles : 16 (0 créés, 1 mis à jour, 15 inchangés)" in output

    def test_force_runs_it_even_when_debug_is_off(self, demo, settings):
        settings.DEBUG = False
        output = run_demo_load("--force")
        assert "pôles : 16 (0 créés, 0 mis à jour, 16 inchangés)" in output
