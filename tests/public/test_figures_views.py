"""The « Le PTCE en chiffres » page and its CSV downloads: public, one section per chart with
its table and CSV, the région filter, constant queries, always up to date."""

import csv
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ptce.calls.models import Application, ApplicationState
from ptce.cooperation.models import ActionType, CooperationAction
from ptce.organisations.models import LegalCategory, Organisation
from ptce.poles.models import Membership, Pole, Sector, Stage, Verification
from ptce.public.views_figures import SECTIONS
from tests.calls.factories import PhaseFactory
from tests.conftest import ROLES
from tests.poles.factories import published_pole
from tests.public.html import parse
from tests.public.test_figures import FIVE, build_dataset, poles_with_scores

pytestmark = pytest.mark.django_db

URL = "/chiffres/"
KEYS = [section.key for section in SECTIONS]


@pytest.fixture
def dataset(region, other_region):
    """The small dataset of the figures' tests (see `tests.public.test_figures`)."""
    return build_dataset(region, other_region)


def csv_rows(response) -> list[list[str]]:
    content = response.getvalue().decode("utf-8")  # streamed
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


def test_the_urls_are_stable():
    assert reverse("public:figures") == URL
    assert reverse("public:figures_csv", args=["regions"]) == "/chiffres/regions.csv"


@pytest.mark.parametrize("role", [*ROLES, "national_instructor", "other_instructor"])
def test_every_visitor_sees_the_figures_and_downloads_their_csv(client_as, role, dataset):
    client = client_as(role)
    page = client.get(URL)
    download = client.get("/chiffres/etapes.csv")

    assert page.status_code == 200
    assert parse(page).headings["h1"] == ["Le PTCE en chiffres"]
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"


def test_the_page_has_one_section_per_chart_with_a_table_and_a_csv_link(client, dataset):
    response = client.get(URL)
    page = parse(response)
    content = response.content.decode()

    assert page.title == "Le PTCE en chiffres — PTCE"
    # The page's words, spaces normalised (the titles hold non-breaking spaces).
    assert page.headings["h2"] == [" ".join(section.title.split()) for section in SECTIONS]
    assert page.inline_styles == 0
    assert page.inline_scripts == 0
    # Without data: the profile (too few poles) and the money (no agreement in this dataset,
    # see tests/awards/test_figures_money.py).
    for key in KEYS:
        if key in ("profil", "subventions"):
            continue
        assert f'id="graphique-{key}"' in content
        assert f'<table id="tableau-{key}">' in content
        assert f"/chiffres/{key}.csv" in page.hrefs()
    assert content.count('role="img"') == len(KEYS) - 2
    assert "<caption>Pôles publiés par étape&nbsp;: les données du graphique</caption>" in content


def test_the_tables_show_the_numbers_of_the_charts(client, dataset):
    response = client.get(URL)

    assert (
        '<tr><th scope="row">Occitanie</th><td>76</td><td>2</td></tr>' in response.content.decode()
    )
    assert '<tr><th scope="row">Bretagne</th><td>1</td><td>3</td><td>0,5</td>' in (
        response.content.decode()
    )
    assert 'aria-label="Pôles publiés par région. Bretagne : 1 ; Occitanie : 2."' in (
        response.content.decode()
    )


def test_the_key_figures_are_shown_on_top(client, dataset):
    content = client.get(URL).content.decode()
    key_figures = content[content.index('id="chiffres-cles"') :]
    key_figures = key_figures[: key_figures.index("</ul>")]

    assert '<strong class="fr-h2">3</strong><br>pôles publiés' in key_figures
    assert "5</strong><br>organisations membres, dont 40 % de l’ESS" in key_figures
    assert "6,5</strong><br>emplois créés (ETP)" in key_figures


def test_no_unpublished_pole_or_member_name_reaches_the_page_or_the_csv(client, dataset):
    outputs = [client.get(URL).content.decode()]
    outputs += [client.get(f"/chiffres/{key}.csv").getvalue().decode() for key in KEYS]

    for output in outputs:
        assert "Pôle caché" not in output
        assert "Association du pôle caché" not in output
        for pole in dataset["poles"]:
            assert pole.name not in output


def test_the_region_filter_narrows_the_page_and_keeps_it_in_the_csv_links(client, dataset):
    response = client.get(URL, {"region": "76"})
    page = parse(response)
    content = response.content.decode()

    assert "/chiffres/regions.csv?region=76" in page.hrefs()
    assert 'aria-label="Pôles publiés par région. Occitanie : 2."' in content
    assert "pour la région Occitanie" in content
    assert '<option value="76" selected>Occitanie</option>' in content


def test_an_unknown_region_shows_an_error_and_the_national_figures(client, dataset):
    response = client.get(URL, {"region": "99"})
    content = response.content.decode()

    assert response.status_code == 200
    assert "Cette région n’existe pas" in content
    assert "pour la France entière" in content


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (
            "regions",
            [
                ["Région", "Code", "Pôles publiés"],
                ["Bretagne", "53", "1"],
                ["Occitanie", "76", "2"],
            ],
        ),
        (
            "etapes",
            [
                ["Étape", "Pôles publiés"],
                ["1. Réunir les volontaires", "1"],
                ["2. Co-construire\xa0: sujets et besoins du territoire", "1"],
                ["3. Plan d’action et candidature", "0"],
                ["Reconnu par l’État", "1"],
            ],
        ),
        (
            "ess",
            [
                ["Organisations", "Nombre", "Part (%)"],
                ["Organisations de l’ESS", "2", "40"],
                ["Autres organisations", "3", "60"],
            ],
        ),
        (
            "emplois",
            [
                [
                    "Région",
                    "Actions",
                    "Emplois créés (ETP)",
                    "Emplois maintenus (ETP)",
                    "Activités ou services créés",
                ],
                ["Bretagne", "1", "3", "0,5", "0"],
                ["Occitanie", "2", "3,5", "1", "3"],
            ],
        ),
        (
            "appels",
            [
                [
                    "Appel",
                    "Année",
                    "Phase",
                    "Candidatures réceptionnées",
                    "Lauréats",
                    "Taux de sélection (%)",
                    "Dont retirées",
                    "En résumé",
                ],
                [
                    "AMI PTCE 2022",
                    "2022",
                    "1. Reconnaissance",
                    "4",
                    "3",
                    "75",
                    "0",
                    "3 lauréats parmi 4 candidatures réceptionnées (75 %)",
                ],
                [
                    "AMI PTCE 2022",
                    "2022",
                    "2. Accompagnement",
                    "1",
                    "1",
                    "100",
                    "0",
                    "1 lauréat parmi 1 candidature réceptionnée (100 %)",
                ],
            ],
        ),
        (
            "creation",
            [["Année de création", "Pôles publiés"], ["2015", "2"], ["2016", "0"], ["2017", "1"]],
        ),
        (
            "reconnaissance",
            [["Année de la décision", "Pôles reconnus"], ["2023", "1"], ["2024", "1"]],
        ),
        ("profil", [["Critère", "Intitulé", "Médiane (1 à 5)"]]),
    ],
)
def test_the_csv_holds_the_numbers_behind_the_chart(client, dataset, key, expected):
    response = client.get(f"/chiffres/{key}.csv")

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="ptce-chiffres-{key}.csv"'
    assert csv_rows(response) == expected


def test_the_csv_follows_the_region_filter(client, dataset):
    response = client.get("/chiffres/membres.csv", {"region": "76"})

    assert response["Content-Disposition"] == 'attachment; filename="ptce-chiffres-membres-76.csv"'
    assert csv_rows(response) == [
        ["Famille", "Organisations membres"],
        ["Entreprises de l’ESS", "1"],
        ["Entreprises classiques", "1"],
        ["Collectivités et groupements", "0"],
        ["Recherche, enseignement supérieur et formation", "1"],
        ["Autres partenaires", "0"],
    ]


def test_a_csv_with_an_unknown_region_is_a_bad_request(client, dataset):
    response = client.get("/chiffres/regions.csv", {"region": "99"})

    assert response.status_code == 400
    assert "Cette région n’existe pas" in response.content.decode()


def test_an_unknown_chart_is_not_found(client, db):
    assert client.get("/chiffres/inconnu.csv").status_code == 404


def test_an_empty_platform_shows_no_chart_but_says_so(client, db):
    response = client.get(URL)
    content = response.content.decode()

    assert response.status_code == 200
    assert 'role="img"' not in content
    assert "Aucune donnée pour l’instant." in content
    assert parse(response).title == "Le PTCE en chiffres — PTCE"


# --- The median profile on the page ---------------------------------------------------------


def test_the_median_radar_is_absent_with_four_poles(client, region):
    poles_with_scores(FIVE[:4], region=region)
    content = client.get(URL).content.decode()

    assert 'id="graphique-profil"' not in content
    assert "Le profil médian n’est publié qu’à partir de 5 pôles" in content


def test_the_median_radar_is_drawn_with_five_poles(client, region):
    poles_with_scores(FIVE, region=region)
    response = client.get(URL)
    content = response.content.decode()

    assert 'id="graphique-profil"' in content
    assert "Médiane nationale (5 pôles)" in content
    assert '<table id="tableau-profil">' in content
    assert csv_rows(client.get("/chiffres/profil.csv"))[1][2] == "3"


# --- Always fresh, constant cost ------------------------------------------------------------


def test_a_newly_published_pole_appears_immediately(client, region):
    published_pole(region=region, stage=Stage.VOLUNTEERS)
    assert '<strong class="fr-h2">1</strong><br>pôle publié' in client.get(URL).content.decode()
    assert csv_rows(client.get("/chiffres/etapes.csv"))[1] == ["1. Réunir les volontaires", "1"]

    published_pole(region=region, stage=Stage.VOLUNTEERS)

    assert '<strong class="fr-h2">2</strong><br>pôles publiés' in client.get(URL).content.decode()
    assert csv_rows(client.get("/chiffres/etapes.csv"))[1] == ["1. Réunir les volontaires", "2"]


def many_poles(count, region, other_region, phase):
    """`count` published poles with members, actions, applications and sectors, in bulk."""
    start = Pole.objects.count()
    poles = Pole.objects.bulk_create(
        Pole(
            name=f"Pôle en nombre {start + n}",
            slug=f"pole-en-nombre-{start + n}",
            region=region if n % 2 else other_region,
            stage=Stage.values[n % 4],
            creation_year=2010 + n % 12,
            verification=Verification.VERIFIED,
            is_published=True,
        )
        for n in range(count)
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Membre {start + n}", legal_category=LegalCategory.COLLECTIVITE)
        for n in range(count)
    )
    Membership.objects.bulk_create(
        Membership(pole=pole, organisation=organisation)
        for pole, organisation in zip(poles, organisations, strict=True)
    )
    sector = Sector.objects.get(slug="alimentation")
    Pole.sectors.through.objects.bulk_create(
        Pole.sectors.through(pole=pole, sector=sector) for pole in poles
    )
    CooperationAction.objects.bulk_create(
        CooperationAction(pole=pole, title="Action", action_type=ActionType.TRAINING)
        for pole in poles
    )
    Application.objects.bulk_create(
        Application(
            phase=phase,
            pole=pole,
            state=ApplicationState.LAUREATE,
            first_submitted_at=phase.call.created_at,
            decided_at=phase.call.created_at,
        )
        for pole in poles
    )
    cache.clear()  # bulk creation sends no signal


def queries_for(client, path):
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("path", [URL, f"{URL}?region=76", "/chiffres/regions.csv"])
def test_the_page_and_csv_cost_the_same_queries_for_10_or_200_poles(
    client, region, other_region, path
):
    phase = PhaseFactory()
    many_poles(10, region, other_region, phase)
    few = queries_for(client, path)
    cached = queries_for(client, path)
    many_poles(190, region, other_region, phase)
    many = queries_for(client, path)

    assert Pole.objects.published().count() == 200
    assert many == few
    assert few <= 20
    assert cached <= 4  # savepoints and the région of the filter: the figures come from the cache


def test_the_numbers_of_200_poles_are_right(client, region, other_region):
    many_poles(200, region, other_region, PhaseFactory())

    rows = csv_rows(client.get("/chiffres/regions.csv"))
    assert rows[1:] == [["Bretagne", "53", "100"], ["Occitanie", "76", "100"]]
    assert csv_rows(client.get("/chiffres/reconnaissance.csv"))[1:] == [
        [str(timezone.now().year), "200"]
    ]
    assert csv_rows(client.get("/chiffres/actions.csv"))[7] == ["Formation", "200"]


def test_the_page_uses_no_undefined_template_variable(client, dataset, region, strict_templates):
    poles_with_scores(FIVE, region=region)

    for path in (URL, f"{URL}?region=76", f"{URL}?region=99"):
        assert "VARIABLE-INDEFINIE" not in client.get(path).content.decode()


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_a_name_a_spreadsheet_would_run_is_neutralised_in_the_csv(client, dataset, start):
    call = Application.objects.filter(pole=dataset["poles"][0]).first().phase.call
    call.name = f'{start}HYPERLINK("http://x")'
    call.save()
    Sector.objects.filter(slug="mobilite").update(name=f"{start}SOMME(A1:A9)")

    calls = csv_rows(client.get("/chiffres/appels.csv"))
    sectors = csv_rows(client.get("/chiffres/filieres.csv"))

    assert {row[0] for row in calls[1:]} == {f'\'{start}HYPERLINK("http://x")'}
    assert [f"'{start}SOMME(A1:A9)", "2"] in sectors
