"""The action plan exported as PDF and XLSX: they open, and they hold the plan."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ptce.cooperation.plan import exports
from ptce.core.exports import XLSX_TYPE
from tests.cooperation.factories import (
    ActionFundingFactory,
    CooperationActionFactory,
    StrategicObjectiveFactory,
    TerritoryNeedFactory,
)
from tests.poles.factories import MembershipFactory
from tests.poppler import poppler

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(pole):
    members = [
        MembershipFactory(pole=pole, organisation__name=name)
        for name in ("Recyclerie du Lauragais", "Mairie de Balma")
    ]
    objective = StrategicObjectiveFactory(pole=pole, title="Réemploi et économie circulaire")
    need = TerritoryNeedFactory(pole=pole, title="Déchets encombrants")
    action = CooperationActionFactory(
        pole=pole,
        objective=objective,
        title="Ressourcerie intercommunale",
        participants=members,
        lead=members[0],
        needs=[need],
        jobs_created_etp=Decimal("2.5"),
    )
    ActionFundingFactory(action=action, source="region", amount=15000)
    CooperationActionFactory(pole=pole, title="Veille hors plan", in_action_plan=False)
    return action


def test_the_pdf_is_an_a4_document_with_the_plans_content(client_as, pole, member, plan):
    response = client_as("member").get(reverse("cooperation:plan_pdf", args=[pole.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "plan-action-pole-des-coteaux.pdf" in response["Content-Disposition"]
    content = response.content
    assert content.startswith(b"%PDF")
    assert "(A4)" in poppler("pdfinfo", content)
    text = poppler("pdftotext", content, "-layout")
    for expected in (
        "Plan d’action — Pôle des Coteaux",
        "Réemploi et économie circulaire",
        "Ressourcerie intercommunale",
        "Recyclerie du Lauragais",
        "Veille hors plan",
    ):
        assert expected in text


def test_the_pdf_embeds_the_marianne_font(pole, plan):
    fonts = poppler("pdffonts", exports.plan_pdf(pole))
    assert "Marianne" in fonts
    assert "Marianne-Bold" in fonts


def test_the_pdf_renderer_refuses_any_other_resource(tmp_path):
    font = tmp_path / "font.woff"
    font.write_bytes(b"")
    fetcher = exports.LocalFontFetcher({font})
    with pytest.raises(ValueError, match="Ressource non autorisée"):
        fetcher.fetch("https://example.com/tracker.png")
    with pytest.raises(ValueError, match="Ressource non autorisée"):
        fetcher.fetch((tmp_path / "other.woff").as_uri())


def test_the_xlsx_lists_every_action_with_its_objective_and_outcomes(client_as, pole, member, plan):
    response = client_as("member").get(reverse("cooperation:plan_xlsx", args=[pole.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Plan d’action", "Objectifs", "Résultats"]
    rows = list(book["Plan d’action"].iter_rows(values_only=True))
    header = rows[0]
    assert header[:2] == ("Objectif stratégique", "Action")
    by_title = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    action = by_title["Ressourcerie intercommunale"]
    assert action["Objectif stratégique"] == "Réemploi et économie circulaire"
    assert action["Membre pilote"] == "Recyclerie du Lauragais"
    assert action["Membres participants"] == "Mairie de Balma, Recyclerie du Lauragais"
    assert action["Besoins auxquels elle répond"] == "Déchets encombrants"
    assert action["Emplois créés (ETP)"] == 2.5
    assert action["Financements obtenus (€)"] == 15000
    assert by_title["Veille hors plan"]["Au plan d’action"] == "non"
    results = dict(book["Résultats"].iter_rows(min_row=2, values_only=True))
    assert results["Financements : Région (€)"] == 15000


@pytest.mark.parametrize("name", ["plan_pdf", "plan_xlsx"])
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("outsider", 403), ("other_coordinator", 403), ("instructor", 200)],
)
def test_exports_follow_the_plans_permissions(client_as, pole, name, role, status):
    response = client_as(role).get(reverse(f"cooperation:{name}", args=[pole.slug]))
    assert response.status_code == status


@pytest.mark.parametrize("count", [2, 12])
def test_the_xlsx_query_count_does_not_grow(
    client_as, pole, member, count, django_assert_num_queries
):
    members = MembershipFactory.create_batch(2, pole=pole)
    objective = StrategicObjectiveFactory(pole=pole)
    for action in CooperationActionFactory.create_batch(
        count, pole=pole, objective=objective, participants=members, lead=members[0]
    ):
        ActionFundingFactory(action=action)
    client = client_as("member")
    with django_assert_num_queries(13):
        response = client.get(reverse("cooperation:plan_xlsx", args=[pole.slug]))
    assert response.status_code == 200


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_a_title_a_spreadsheet_would_run_is_text_neutralised_never_a_formula(
    client_as, pole, member, plan, start
):
    plan.title = f'{start}HYPERLINK("http://x")'
    plan.save()
    plan.objective.title = f"{start}SOMME(A1:A9)"
    plan.objective.save()
    response = client_as("member").get(reverse("cooperation:plan_xlsx", args=[pole.slug]))
    book = load_workbook(io.BytesIO(response.content))
    titles = [row[1] for row in book["Plan d’action"].iter_rows(min_row=2)]
    action = next(cell for cell in titles if "HYPERLINK" in str(cell.value))
    assert action.data_type != "f"
    assert action.value == f'\'{start}HYPERLINK("http://x")'
    objective = book["Objectifs"]["A2"]
    assert objective.data_type != "f"
    assert objective.value == f"'{start}SOMME(A1:A9)"
    assert book["Plan d’action"]["A2"].value == f"'{start}SOMME(A1:A9)"


def test_the_pdf_is_built_once_per_content_and_again_when_the_plan_changes(pole, plan, monkeypatch):
    built = []
    write_pdf = exports.HTML.write_pdf

    def counting(self, *args, **kwargs):
        built.append(1)
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(exports.HTML, "write_pdf", counting)
    first = exports.plan_pdf(pole)
    assert exports.plan_pdf(pole) == first
    assert len(built) == 1

    plan.title = "Ressourcerie du Lauragais"
    plan.save()

    changed = exports.plan_pdf(pole)
    assert len(built) == 2
    assert "Ressourcerie du Lauragais" in poppler("pdftotext", changed, "-layout")
