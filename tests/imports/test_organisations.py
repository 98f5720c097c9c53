"""A pole's members from a spreadsheet: matched on SIRET, RNA, then name and commune; completed
from SIRENE; an existing record only completed; memberships added once; re-import idempotent."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from ptce.imports.models import ImportKind
from ptce.imports.plan_organisations import plan_organisations
from ptce.imports.readers import read_table
from ptce.imports.services import import_request_apply, import_upload
from ptce.organisations.models import LegalCategory, Organisation
from ptce.poles.models import Membership
from ptce.sirene.models import SireneUnit
from tests.imports.helpers import csv_bytes, upload
from tests.organisations.factories import OrganisationFactory, valid_siret
from tests.poles.factories import MembershipFactory, PoleFactory
from tests.sirene.factories import load_units, unit
from tests.territories.factories import CommuneFactory, DepartementFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "Raison sociale",
    "SIRET",
    "RNA",
    "Statut",
    "Code APE",
    "Commune",
    "Code postal",
    "Effectif",
    "Rôle",
]


@pytest.fixture
def foix(region):
    ariege = DepartementFactory(code="09", name="Ariège", region=region)
    return CommuneFactory(code="09122", name="Foix", departement=ariege, postal_codes="09000")


@pytest.fixture
def pole(region, foix):
    return PoleFactory(name="Réemploi du pays de Foix", slug="reemploi-foix", region=region)


def _rows():
    return [
        HEADER,
        [
            "Recyclerie de l’Ariège",
            valid_siret(101),
            "",
            "Association",
            "38.32Z",
            "Foix",
            "09000",
            "10 à 19 salariés",
            "Fondateur",
        ],
        ["Les Amis du vélo", "", "W091234567", "association", "", "Foix", "", "", ""],
        ["Mairie de Foix", "", "", "Collectivité territoriale", "", "Foix", "", "", "partenaire"],
        ["Scop Bois d’ici", valid_siret(102), "", "SCOP", "16.23Z", "Foix", "", "03", "membre"],
    ]


def _plan(pole, rows=None):
    return plan_organisations(read_table("membres.csv", csv_bytes(rows or _rows())), pole=pole)


def _import(pole, user, rows=None, excluded=()):
    data = csv_bytes(rows or _rows(), encoding="cp1252")
    run = import_upload(
        kind=ImportKind.ORGANISATIONS,
        uploaded_file=upload("membres.csv", data),
        created_by=user,
        pole=pole,
    )
    return import_request_apply(run=run, excluded_lines=excluded)


def test_each_row_creates_an_organisation_and_its_membership(pole, coordinator):
    run = _import(pole, coordinator)
    assert run.report["created"] == 4
    recyclerie = Organisation.objects.get(siret=valid_siret(101))
    assert recyclerie.legal_category == LegalCategory.ASSOCIATION
    assert recyclerie.naf_code == "38.32Z"
    assert recyclerie.headcount_band == "11"
    assert recyclerie.commune.name == "Foix"
    assert Organisation.objects.get(rna="W091234567").name == "Les Amis du vélo"
    roles = dict(Membership.objects.filter(pole=pole).values_list("organisation__name", "role"))
    assert roles == {
        "Recyclerie de l’Ariège": "fondateur",
        "Les Amis du vélo": "membre",
        "Mairie de Foix": "partenaire",
        "Scop Bois d’ici": "membre",
    }


def test_importing_the_same_file_again_changes_nothing(pole, coordinator):
    _import(pole, coordinator)
    before = list(Organisation.objects.order_by("pk").values())
    run = _import(pole, coordinator)
    assert (run.report["created"], run.report["updated"], run.report["unchanged"]) == (0, 0, 4)
    assert list(Organisation.objects.order_by("pk").values()) == before
    assert Membership.objects.filter(pole=pole).count() == 4


def test_an_existing_organisation_is_matched_on_siret_rna_or_name_and_commune(pole, foix):
    by_siret = OrganisationFactory(siret=valid_siret(101), name="Recyclerie 09", naf_code="")
    by_rna = OrganisationFactory(siret=None, rna="W091234567", name="Amis du vélo (Foix)")
    by_name = OrganisationFactory(
        siret=None, name="Mairie de Foix", legal_category=LegalCategory.COLLECTIVITE, commune=foix
    )
    MembershipFactory(pole=pole, organisation=by_rna)
    plan = _plan(pole)
    targets = [row.target for row in plan.rows]
    assert targets == [by_siret, by_rna, by_name, None]
    assert plan.rows[0].changes == ["Code NAF", "Tranche d’effectif", "adhésion"]
    assert plan.rows[1].action == "unchanged"  # already a member, nothing to complete
    assert [row.action for row in plan.rows] == ["update", "unchanged", "update", "create"]


def test_an_existing_record_is_completed_never_overwritten(pole, coordinator):
    existing = OrganisationFactory(siret=valid_siret(101), name="Recyclerie 09", naf_code="")
    _import(pole, coordinator)
    existing.refresh_from_db()
    assert existing.name == "Recyclerie 09"
    assert existing.naf_code == "38.32Z"


def test_a_siret_known_to_sirene_completes_the_row(pole):
    load_units(
        unit("41234567", "ATELIER SOLIDAIRE DU COUSERANS", categorieJuridiqueUniteLegale="5458")
    )
    head_office = SireneUnit.objects.get().siret
    plan = _plan(pole, [["SIRET"], [head_office]])
    row = plan.rows[0]
    assert not row.blocking
    assert row.data["name"] == "ATELIER SOLIDAIRE DU COUSERANS"
    assert row.data["legal_category"] == LegalCategory.SCOP
    assert row.data["headcount_band"] == "11"
    assert row.data["address"].startswith("12 RUE DES TILLEULS")
    assert "Complété d’après SIRENE\xa0: ATELIER SOLIDAIRE DU COUSERANS." in [
        p.message for p in row.problems
    ]


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        (["Recyclerie", "123", "", "Association"], "SIRET", "«\xa0123\xa0»\xa0:"),
        (["Recyclerie", "", "", "Club de foot"], "Catégorie juridique", "n’est pas une catégorie"),
        (["Recyclerie", "", "", ""], "Catégorie juridique", "Indiquez la catégorie juridique"),
        (["", "", "", "Association"], "Nom", "Le nom est obligatoire"),
        (["Garage", "", "", "SAS"], "SIRET", "Le SIRET est obligatoire"),
        (["Scop", "", "W091234567", "SCOP"], "RNA", "réservé aux associations"),
    ],
)
def test_a_bad_cell_is_a_blocking_problem_named_by_line_and_column(pole, cells, column, message):
    row = _plan(pole, [HEADER[:4], cells]).rows[0]
    assert row.action == "error"
    assert any(p.column == column and message in p.message for p in row.problems), row.problems


def test_a_blocking_row_writes_nothing_until_it_is_excluded(pole, coordinator):
    rows = [*_rows(), ["Garage", "", "", "SAS", "", "", "", "", ""]]
    with pytest.raises(ValidationError, match=r"1 ligne garde une erreur bloquante \(6\)"):
        _import(pole, coordinator, rows)
    assert Organisation.objects.count() == 0
    run = _import(pole, coordinator, rows, excluded=[6])
    assert run.report["created"] == 4


def test_the_same_organisation_twice_in_a_file_is_refused(pole):
    rows = [*_rows(), _rows()[1]]
    row = _plan(pole, rows).rows[-1]
    assert "Même organisation que la ligne 2" in row.problems[0].message


def test_the_command_imports_into_the_pole_given(pole, tmp_path, capsys):
    path = tmp_path / "membres.csv"
    path.write_bytes(csv_bytes(_rows(), encoding="cp1252"))
    call_command("import_organisations", str(path), "--pole", "reemploi-foix", "--dry-run")
    assert Organisation.objects.count() == 0
    call_command("import_organisations", str(path), "--pole", "reemploi-foix")
    assert Membership.objects.filter(pole=pole).count() == 4
    assert "0 en erreur. Import appliqué." in capsys.readouterr().out


def test_the_command_refuses_an_unknown_pole(pole, tmp_path):
    path = tmp_path / "membres.csv"
    path.write_bytes(csv_bytes(_rows()))
    with pytest.raises(CommandError, match="Aucun pôle n’a l’adresse courte «\xa0inconnu\xa0»"):
        call_command("import_organisations", str(path), "--pole", "inconnu")


def test_the_organisation_page_shows_the_imported_address_and_headcount(pole, coordinator, client):
    rows = [["Nom", "Catégorie juridique", "Adresse", "Effectif"]]
    rows.append(["Mairie de Foix", "Collectivité", "45 cours Gabriel Fauré, 09000 Foix", "11"])
    _import(pole, coordinator, rows)
    organisation = Organisation.objects.get()
    client.force_login(coordinator)
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert '<dd id="adresse">45 cours Gabriel Fauré, 09000 Foix</dd>' in page
    assert '<dd id="effectif">10 à 19 salariés</dd>' in page
