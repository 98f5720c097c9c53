"""The public call pages: open to everyone, counts only, laureates named, never the others."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from ptce.calls.models import ApplicationState, CallDocument, RequirementMode
from ptce.calls.public.views import eligibility_rules
from tests.calls.factories import CallFactory, PhaseFactory
from tests.calls.factories.lists import filed
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db
LIST = reverse("calls:call_list")
ALL_ROLES = [
    "anonymous",
    "outsider",
    "member",
    "coordinator",
    "other_coordinator",
    "instructor",
    "other_instructor",
    "national_instructor",
    "admin_user",
]


@pytest.fixture
def call():
    call = CallFactory(
        name="AMI PTCE 2022",
        slug="ami-2022",
        year=2022,
        description="Soutenir les pôles qui coopèrent.",
    )
    CallDocument.objects.create(call=call, title="Cahier des charges", url="https://exemple.fr/cdc")
    return call


@pytest.fixture
def phases(call, region):
    first = PhaseFactory(
        call=call,
        number=1,
        name="Reconnaissance et accompagnement",
        is_permanent=True,
        opens_on=datetime.date(2022, 1, 1),
        closes_on=datetime.date(2023, 12, 31),
    )
    second = PhaseFactory(
        call=call,
        number=2,
        name="Soutien financier",
        is_permanent=False,
        support_type="financier",
        amount_per_laureate=100000,
        total_budget=1600000,
        opens_on=datetime.date(2022, 3, 1),
        closes_on=datetime.date(2022, 5, 31),
        requires_phase=first,
        requirement_mode=RequirementMode.LAUREATE_OR_JOINT,
        requires_compliance=True,
        minimum_stage=3,
    )
    second.regions.add(region)
    return first, second


@pytest.fixture
def results(phases, pole, region):
    first, _ = phases
    filed(first, pole=pole, state=ApplicationState.LAUREATE)
    filed(first, state=ApplicationState.REJECTED, name="Pôle recalé", region=region)
    filed(first, state=ApplicationState.SUBMITTED, name="Pôle en attente", region=region)
    filed(first, state=ApplicationState.LAUREATE, name="Pôle caché", is_published=False)


def detail(call):
    return reverse("calls:call_detail", args=[call.slug])


@pytest.mark.parametrize("role", ALL_ROLES)
def test_everyone_sees_the_published_calls(client_as, results, call, role):
    assert client_as(role).get(LIST).status_code == 200
    assert client_as(role).get(detail(call)).status_code == 200


@pytest.mark.parametrize("role", [r for r in ALL_ROLES if r != "admin_user"])
def test_an_unpublished_call_is_a_404_except_for_admins(client_as, call, role):
    call.is_published = False
    call.save()
    assert client_as(role).get(detail(call)).status_code == 404
    assert call.name not in client_as(role).get(LIST).content.decode()


def test_an_admin_previews_an_unpublished_call(client_as, call):
    call.is_published = False
    call.save()
    response = client_as("admin_user").get(detail(call))
    assert response.status_code == 200
    assert "Cet appel n’est pas publié" in response.content.decode()


@freeze_time("2022-06-15")
def test_the_list_shows_phases_windows_support_badges_and_counts(client, results, call):
    html = client.get(LIST).content.decode()
    assert "AMI PTCE 2022" in html
    assert "Mode permanent" in html
    assert "Dépôt au fil de l’eau depuis le 1er janvier 2022 jusqu’au 31 décembre 2023" in html
    assert "Soutien financier" in html
    assert "Soutien par lauréat&nbsp;: 100\xa0000 €" in html
    assert "enveloppe totale&nbsp;: 1\xa0600\xa0000 €" in html
    assert "Ouvert</p>" in html
    assert "Clos</p>" in html
    assert "2 lauréats parmi 4 candidatures réceptionnées (50 %)" in html


@freeze_time("2022-06-15")
def test_no_non_laureate_is_ever_named(client, results, call):
    for page in (LIST, detail(call)):
        html = client.get(page).content.decode()
        assert "Pôle recalé" not in html
        assert "Pôle en attente" not in html


def test_the_detail_names_the_published_laureates_only(client, results, call):
    html = client.get(detail(call)).content.decode()
    assert "Pôles lauréats" in html
    assert (
        f'<a href="{reverse("poles:detail", args=["pole-des-coteaux"])}">Pôle des Coteaux</a>'
        in html
    )
    assert "Pôle caché" not in html


def test_the_detail_shows_description_documents_and_rules_in_plain_french(client, phases, call):
    html = client.get(detail(call)).content.decode()
    assert "Soutenir les pôles qui coopèrent." in html
    assert '<a href="https://exemple.fr/cdc" rel="noopener">Cahier des charges</a>' in html
    assert "Réservé aux pôles des régions suivantes : Occitanie." in html
    assert "Ouvert aux pôles de toutes les régions." in html


def test_eligibility_rules_read_as_sentences(phases):
    _, second = phases
    assert eligibility_rules(second) == [
        "Le pôle remplit les conditions de l’article 9 de la loi du 31 juillet 2014 relative à "
        "l’économie sociale et solidaire (liste de conformité complète).",
        "Le pôle a atteint au moins l’étape « 3. Plan d’action et candidature ».",
        "Réservé aux pôles des régions suivantes : Occitanie.",
        "Être lauréat de la phase 1 « Reconnaissance et accompagnement », ou déposer en même "
        "temps une candidature à cette phase.",
    ]


def test_a_coordinator_gets_a_link_to_apply_for_their_pole(client_as, call, phases):
    html = client_as("coordinator").get(detail(call)).content.decode()
    assert reverse("calls:pole_applications", args=["pole-des-coteaux"]) in html
    assert ">Candidater</a>" in html


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member", "instructor"])
def test_only_coordinators_get_the_link_to_apply(client_as, call, phases, role):
    assert "Candidater" not in client_as(role).get(detail(call)).content.decode()


def test_the_public_pages_render_without_undefined_variables(
    client_as, results, call, strict_templates
):
    for page in (LIST, detail(call)):
        html = client_as("coordinator").get(page).content.decode()
        assert "VARIABLE-INDEFINIE" not in html


def test_the_list_makes_as_many_queries_for_two_or_twenty_calls(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(count):
        for _ in range(count):
            phase = PhaseFactory(call=CallFactory())
            filed(phase, pole=PoleFactory(), state=ApplicationState.LAUREATE)

    add(2)
    with CaptureQueriesContext(connection) as two:
        client.get(LIST)
    add(18)
    with django_assert_num_queries(len(two)):
        client.get(LIST)


def test_the_detail_reads_the_laureates_names_not_their_applications(client, results, call):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(detail(call))

    laureates = [q["sql"] for q in queries if 'FROM "calls_application"' in q["sql"]]
    assert laureates
    # Neither the answers nor the snapshot (JSON, the bulk of an application) is read.
    assert not any('"answers"' in sql or '"snapshot"' in sql for sql in laureates)


@freeze_time("2024-06-15")
def test_a_closed_permanent_phase_never_reads_clos_beside_mode_permanent(client, phases, call):
    phase = call.phases.filter(is_permanent=True).first()
    assert phase is not None
    assert phase.closes_on is not None
    html = client.get(LIST).content.decode()
    assert "Mode permanent" not in html


@freeze_time("2022-06-15")
def test_a_permanent_phase_without_closing_date_is_open(client, phases, call):
    phase = call.phases.filter(is_permanent=True).first()
    phase.closes_on = None
    phase.save()
    html = client.get(detail(call)).content.decode()
    assert "Mode permanent" in html
    assert "Dépôt au fil de l’eau depuis le" in html


def test_the_detail_makes_as_many_queries_for_one_or_twenty_laureates(
    client_as, phases, call, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first, _ = phases
    coordinator = client_as("coordinator")  # logged in: never served from the page cache
    filed(first, state=ApplicationState.LAUREATE, name="Pôle numéro 0")
    with CaptureQueriesContext(connection) as one:
        coordinator.get(detail(call))
    for n in range(1, 20):
        filed(first, state=ApplicationState.LAUREATE, name=f"Pôle numéro {n}")
    with django_assert_num_queries(len(one)):
        html = coordinator.get(detail(call)).content.decode()
    assert html.count('<a href="/poles/') >= 20
    assert "Pôle numéro 19</a>" in html
